// A package from the npm registry unpacked for a test (public schemas, a published JSON schema), checked by
// its integrity, into the repository's .cache/npm-packages/ on first use. The registry is the one source this
// machine and CI reach; nothing fetched is kept in the repository.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const CACHE = path.resolve(__dirname, '..', '..', '.cache', 'npm-packages');

/** The folder holding the unpacked package (its files under `package/`), fetched once per name, version and integrity. */
export function unpackedPackage(name: string, version: string, integrity: string): string {
  const dir = path.join(CACHE, `${name.replace('/', '+')}@${version}`);
  const done = path.join(dir, '.integrity');
  if (fs.existsSync(done) && fs.readFileSync(done, 'utf8') === integrity) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const spec = `${name}@${version}`;
  let packed: { integrity: string; filename: string }[];
  try {
    const out = execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--json', '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    packed = JSON.parse(out) as typeof packed;
  } catch (e) {
    throw new Error(`could not fetch ${spec} from the npm registry: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (packed[0]?.integrity !== integrity)
    throw new Error(`${spec} from the registry has integrity ${packed[0]?.integrity}, expected ${integrity}`);
  const tarball = path.join(dir, packed[0].filename);
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  fs.rmSync(tarball);
  fs.writeFileSync(done, integrity);
  return dir;
}
