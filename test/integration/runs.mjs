// Integration runs: each copies a project into a fresh workspace and runs the suite against it; test
// files pick their run with PW_RUN (see test/integration/helpers/extension.ts).
// { name, source: { from: folder relative to the repo, include?: entries to copy }, workspaceFile?, env?,
//   extensions?: extension folders (relative to the repo) packaged and installed beside ours }
import { sampleProjectSource } from '../harness/workspace.mjs';

export const runs = [
  { name: 'sample', source: sampleProjectSource(), env: { PW_RUN: 'sample' } },
  // every fixture project as one folder of a multi-root workspace: monorepo, multi-file, broken, Prisma 5, Mongo...
  { name: 'multi-root', source: { from: 'test/fixtures/projects' }, workspaceFile: 'all-projects.code-workspace', env: { PW_RUN: 'multi-root' } },
  // language server (test/integration/language.test.ts): rename across files; the Prisma 6 server for a Prisma 5
  // project; no second server beside Prisma.prisma (a stand-in extension installed with `extensions`)
  { name: 'language-multi-file', source: { from: 'test/fixtures/projects/multi-file' }, env: { PW_RUN: 'language-multi-file' } },
  { name: 'language-prisma6', source: { from: 'test/fixtures/projects/prisma5-env-url' }, env: { PW_RUN: 'language-prisma6' } },
  { name: 'language-beside-official', source: sampleProjectSource(), extensions: ['test/fixtures/extensions/fake-prisma'], env: { PW_RUN: 'language-beside-official' } },
];
