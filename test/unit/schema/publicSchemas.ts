// Public schemas of real projects (test/fixtures/public-schemas.json), fetched from the npm registry by
// package, version and integrity into .cache/public-schemas/ on first use, then read from there. Their text is
// not kept in this repository; the manifest says where each comes from and why it is in the corpus.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prismaFilesUnder, type CorpusSchema } from './corpus';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const MANIFEST = path.join(repoRoot, 'test', 'fixtures', 'public-schemas.json');
const CACHE = path.join(repoRoot, '.cache', 'public-schemas');

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

/** The unpacked package (`<cache>/<package>@<version>/package/...`), fetched and checked once. */
function unpacked(entry: PublicSchemaEntry): string {
  const dir = path.join(CACHE, `${entry.package.replace('/', '+')}@${entry.version}`);
  const done = path.join(dir, '.integrity');
  if (fs.existsSync(done) && fs.readFileSync(done, 'utf8') === entry.integrity) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const spec = `${entry.package}@${entry.version}`;
  let packed: { integrity: string; filename: string }[];
  try {
    const out = execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--json', '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    packed = JSON.parse(out) as typeof packed;
  } catch (e) {
    throw new Error(
      `could not fetch ${spec} from the npm registry for the public-schema corpus: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (packed[0]?.integrity !== entry.integrity)
    throw new Error(
      `${spec} from the registry has integrity ${packed[0]?.integrity}, the manifest says ${entry.integrity}`,
    );
  const tarball = path.join(dir, packed[0].filename);
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  fs.rmSync(tarball);
  fs.writeFileSync(done, entry.integrity);
  return dir;
}

/** Every public schema of the manifest, named `public/<name>`, fetched first where the cache lacks it. */
export function publicSchemas(): CorpusSchema[] {
  return publicSchemaManifest().map((entry) => {
    const target = path.join(unpacked(entry), entry.files);
    if (!fs.existsSync(target)) throw new Error(`${entry.package}@${entry.version} has no ${entry.files}`);
    const files = fs.statSync(target).isDirectory() ? prismaFilesUnder(target) : [target];
    return {
      name: `public/${entry.name}`,
      files: files.map((f) => ({ path: f, content: fs.readFileSync(f, 'utf8') })),
    };
  });
}
