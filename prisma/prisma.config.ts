// Prisma 7 configuration of the sample project. Relative paths, including the SQLite file in the
// datasource URL, are resolved from this file's folder, so the database is ./dev.db next to it.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: './schema.prisma',
  migrations: {
    path: './migrations',
    seed: 'tsx ./seed.ts',
  },
  datasource: {
    url: 'file:./dev.db',
  },
});
