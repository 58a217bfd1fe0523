// What the grid host posts to its webview has secrets masked in its error text (a driver's error can quote the
// connection URL), in a plain error and in a refused save's cell errors; rows (the user's data) are left alone.
import * as assert from 'node:assert/strict';
import { maskErrorText } from '../../../src/core/data/maskErrorText';
import type { HostMessage } from '../../../src/shared/protocol/messages';

const URL_WITH_SECRET = 'postgresql://admin:S3cretPw@db.example.com/app?api_key=K3y';

describe('grid: error text posted to the webview', () => {
  it('masks passwords and keys in errors and in a failed save, leaves rows as they are', () => {
    const error = maskErrorText({ type: 'error', message: `cannot reach ${URL_WITH_SECRET}` });
    assert.ok(error.type === 'error' && !/S3cretPw|K3y/.test(error.message), JSON.stringify(error));
    const saved = maskErrorText({
      type: 'saved',
      requestId: 1,
      result: {
        ok: false,
        conflicts: [],
        errors: [{ kind: 'update', index: 0, message: `failed on ${URL_WITH_SECRET}` }],
      },
    });
    assert.ok(saved.type === 'saved' && !saved.result.ok && !/S3cretPw|K3y/.test(JSON.stringify(saved)));
    const rows: HostMessage = {
      type: 'rows',
      requestId: 2,
      start: 0,
      rows: [{ note: URL_WITH_SECRET }],
      ms: 1,
    };
    assert.deepEqual(maskErrorText(rows), rows);
  });
});
