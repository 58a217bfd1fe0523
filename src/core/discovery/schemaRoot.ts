// What discovery finds: one Prisma schema (single file or a folder of files) and where its project lives.

export type SchemaRootSource = 'prisma.config' | 'package.json' | 'default';

export interface SchemaRoot {
  /** Stable id: the absolute schema path (file or folder). */
  id: string;
  /** Folder of the project that owns the schema (prisma.config.ts's or package.json's folder, else the schema's). */
  projectDir: string;
  /** The schema as Prisma is given it: a `.prisma` file or a folder of them. */
  schemaPath: string;
  /** Every `.prisma` file of this schema, sorted. */
  schemaFiles: string[];
  /** The migrations folder Prisma would use (it may not exist yet). */
  migrationsDir: string;
  /** prisma.config.ts (or .mts/.js/...) that names this schema, if any. */
  configFile?: string;
  source: SchemaRootSource;
}
