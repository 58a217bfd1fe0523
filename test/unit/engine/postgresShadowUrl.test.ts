// The URL a temporary shadow database is reached by: the main URL with another database name and every
// other setting as the user wrote it, so node-pg connects with the same TLS (and socket) as to the main one.
import assert from 'node:assert/strict';
import { withDatabase } from '../../../src/core/engine/postgresAdapterFactory';

describe('engine: the temporary shadow database URL keeps the TLS settings', () => {
  it('only the database changes; sslmode, sslrootcert/sslcert/sslkey, ?host= and ?schema= stay', () => {
    const main =
      'postgresql://app:p%40ss@db.example.com:6543/app?sslmode=verify-full&sslrootcert=%2Fcerts%2Fca.pem&sslcert=%2Fcerts%2Fc.pem&sslkey=%2Fcerts%2Fc.key&schema=tenant_a';
    const shadow = new URL(withDatabase(main, 'prisma_workbench_shadow_1'));
    assert.equal(shadow.pathname, '/prisma_workbench_shadow_1');
    assert.equal(shadow.host, 'db.example.com:6543');
    assert.equal(decodeURIComponent(shadow.password), 'p@ss');
    assert.deepEqual(Object.fromEntries(shadow.searchParams), {
      sslmode: 'verify-full',
      sslrootcert: '/certs/ca.pem',
      sslcert: '/certs/c.pem',
      sslkey: '/certs/c.key',
      schema: 'tenant_a',
    });
    const socket = new URL(withDatabase('postgresql://app@localhost/app?host=%2Fvar%2Frun%2Fpostgresql', 'shadow x'));
    assert.equal(socket.searchParams.get('host'), '/var/run/postgresql');
    assert.equal(decodeURIComponent(socket.pathname), '/shadow x');
  });
});
