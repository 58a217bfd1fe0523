// MySQL migrations for the same schema chain as prismaGenerated.ts. The embedded (wasm) schema engine
// has no MySQL connector, so these cannot be generated in the tests: they are written in Prisma's exact
// MySQL output style (statement comments, `    ADD COLUMN` continuation lines, MODIFY for type changes,
// inline ENUM(...), `DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`, `DROP INDEX x ON t`),
// checked line by line against migration.sql files that `prisma migrate dev` wrote for MySQL projects
// in public repositories.
export const MYSQL_MIGRATIONS: ReadonlyMap<string, string> = new Map([
  [
    'init',
    `-- CreateTable
CREATE TABLE \`User\` (
    \`id\` INTEGER NOT NULL AUTO_INCREMENT,
    \`email\` VARCHAR(191) NOT NULL,
    \`name\` VARCHAR(200) NOT NULL,
    \`age\` INTEGER NOT NULL,
    \`status\` ENUM('ACTIVE', 'ARCHIVED', 'DRAFT') NOT NULL DEFAULT 'ACTIVE',
    \`bio\` VARCHAR(191) NULL,

    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE \`Post\` (
    \`id\` INTEGER NOT NULL AUTO_INCREMENT,
    \`title\` VARCHAR(191) NOT NULL,
    \`body\` VARCHAR(191) NOT NULL,
    \`authorId\` INTEGER NOT NULL,

    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE \`Legacy\` (
    \`id\` INTEGER NOT NULL,
    \`note\` VARCHAR(191) NOT NULL,

    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE \`Post\` ADD CONSTRAINT \`Post_authorId_fkey\` FOREIGN KEY (\`authorId\`) REFERENCES \`User\`(\`id\`) ON DELETE RESTRICT ON UPDATE CASCADE;
`,
  ],
  [
    'drop_table',
    `/*
  Warnings:

  - You are about to drop the \`Legacy\` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropTable
DROP TABLE \`Legacy\`;
`,
  ],
  [
    'drop_column',
    `/*
  Warnings:

  - You are about to drop the column \`bio\` on the \`User\` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE \`User\` DROP COLUMN \`bio\`;
`,
  ],
  [
    'rename_column',
    `/*
  Warnings:

  - You are about to drop the column \`body\` on the \`Post\` table. All the data in the column will be lost.
  - Added the required column \`content\` to the \`Post\` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE \`Post\` DROP COLUMN \`body\`,
    ADD COLUMN \`content\` VARCHAR(191) NOT NULL;
`,
  ],
  [
    'required_column',
    `/*
  Warnings:

  - Added the required column \`country\` to the \`User\` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE \`User\` ADD COLUMN \`country\` VARCHAR(191) NOT NULL;
`,
  ],
  [
    'new_index',
    `-- CreateIndex
CREATE INDEX \`Post_title_idx\` ON \`Post\`(\`title\`);
`,
  ],
  [
    'unique_index',
    `/*
  Warnings:

  - A unique constraint covering the columns \`[email]\` on the table \`User\` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX \`User_email_key\` ON \`User\`(\`email\`);
`,
  ],
  [
    'type_change',
    `-- AlterTable
ALTER TABLE \`User\` MODIFY \`age\` BIGINT NOT NULL;
`,
  ],
  [
    'narrowing',
    `/*
  Warnings:

  - You are about to alter the column \`name\` on the \`User\` table. The data in that column could be lost. The data in that column will be cast from \`VarChar(200)\` to \`VarChar(50)\`.

*/
-- AlterTable
ALTER TABLE \`User\` MODIFY \`name\` VARCHAR(50) NOT NULL;
`,
  ],
  [
    'enum_value_removed',
    `/*
  Warnings:

  - The values [DRAFT] on the enum \`User_status\` will be removed. If these variants are still used in the database, this will fail.

*/
-- AlterTable
ALTER TABLE \`User\` MODIFY \`status\` ENUM('ACTIVE', 'ARCHIVED') NOT NULL DEFAULT 'ACTIVE';
`,
  ],
  [
    'new_foreign_key',
    `-- AlterTable
ALTER TABLE \`Post\` ADD COLUMN \`editorId\` INTEGER NULL;

-- AddForeignKey
ALTER TABLE \`Post\` ADD CONSTRAINT \`Post_editorId_fkey\` FOREIGN KEY (\`editorId\`) REFERENCES \`User\`(\`id\`) ON DELETE SET NULL ON UPDATE CASCADE;
`,
  ],
  [
    'drop_foreign_key',
    `-- DropForeignKey
ALTER TABLE \`Post\` DROP FOREIGN KEY \`Post_editorId_fkey\`;
`,
  ],
  // volatile_default: PostgreSQL only (a dbgenerated gen_random_uuid()); no MySQL step
  [
    'enum_value_inserted',
    `-- AlterTable
ALTER TABLE \`User\` MODIFY \`status\` ENUM('ACTIVE', 'PAUSED', 'ARCHIVED') NOT NULL DEFAULT 'ACTIVE';
`,
  ],
  [
    'primary_key',
    `/*
  Warnings:

  - The primary key for the \`Post\` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- AlterTable
ALTER TABLE \`Post\` DROP PRIMARY KEY,
    ADD PRIMARY KEY (\`id\`, \`authorId\`);
`,
  ],
]);
