/** The schema "Create a Prisma schema" writes: Prisma 7 style, SQLite, ready for a first model. */
export const schemaTemplate = `// This is your Prisma schema file. Learn more: https://pris.ly/d/prisma-schema

generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "sqlite"
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?
  createdAt DateTime @default(now())
}
`;

export const configTemplate = `import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: "file:./dev.db" },
});
`;
