import { cpSync, readFileSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { runEmbedded } from './src/core/migrations/embeddedCommands';
(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'x-'));
  cpSync('prisma/migrations', path.join(dir, 'migrations'), { recursive: true });
  const schemaPath = path.resolve('prisma/schema.prisma');
  let ctx = { provider: 'sqlite' as const, url: 'file:./dev.db', baseDir: dir, projectDir: dir, migrationsDir: path.join(dir, 'migrations'), schemaFiles: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] };
  const t = { line: (s: string) => console.log(s), cancelled: () => false };
  if (process.argv[2]) console.log(await runEmbedded('migrateDev', { name: 'x' }, ctx, t));
  ctx = { ...ctx, schemaFiles: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') + '\nmodel Note {\n  id Int @id\n}\n' }] };
  console.log(await runEmbedded('migrateDev', { name: 'y', createOnly: !!process.argv[3] }, ctx, t));
})();
