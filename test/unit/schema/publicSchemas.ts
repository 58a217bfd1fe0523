// Public schemas of real projects (test/fixtures/public-schemas.json), fetched from the npm registry by
// package, version and integrity into .cache/npm-packages/ on first use, then read from there. Their text is
// not kept in this repository; the manifest says where each comes from and why it is in the corpus.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unpackedPackage } from '../npmPackage';
import { prismaFilesUnder, type CorpusSchema } from './corpus';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const MANIFEST = path.join(repoRoot, 'test', 'fixtures', 'public-schemas.json');

export interface PublicSchemaEntry {
  name: string;
  why: string;
  package: string;
  version: string;
  integrity: string;
  license: string;
  /** A path inside the package tarball: a `.prisma` file, or a folder whose `.prisma` files are one schema. */
  files: string;
}

export function publicSchemaManifest(): PublicSchemaEntry[] {
  return (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { schemas: PublicSchemaEntry[] }).schemas;
}

/** Every public schema of the manifest, named `public/<name>`, fetched first where the cache lacks it. */
export function publicSchemas(): CorpusSchema[] {
  return publicSchemaManifest().map((entry) => {
    const target = path.join(unpackedPackage(entry.package, entry.version, entry.integrity), entry.files);
    if (!fs.existsSync(target)) throw new Error(`${entry.package}@${entry.version} has no ${entry.files}`);
    const files = fs.statSync(target).isDirectory() ? prismaFilesUnder(target) : [target];
    return {
      name: `public/${entry.name}`,
      files: files.map((f) => ({ path: f, content: fs.readFileSync(f, 'utf8') })),
    };
  });
}
