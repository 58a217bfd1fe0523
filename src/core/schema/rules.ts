// Which Prisma's rules a schema is validated with: those of the Prisma major the project uses. The
// installed CLI (or the range package.json asks for) decides; without one (a cloned repository before
// `npm install`) the schema tells: a datasource `url` is Prisma 5/6 style (Prisma 7 reads it from
// prisma.config.ts), and a preview feature that exists in only one major names that major. Nothing
// decisive: Prisma 7's rules, the bundled ones. The choice is said in the Models root's tooltip.
import * as path from 'node:path';
import { detectPrismaVersion, schemaHint, type PrismaVersion, type ReadText } from '../languageServer/prismaVersion';
import type { SchemaFile } from './model';
import { parseSchema } from './parse';
import { stringList } from './query';
import type { WasmLine } from './prismaWasm';

export interface ValidationRules {
  /** The schema wasm whose validator is used. */
  line: WasmLine;
  /**
   * Views may have `@id` / `@@id`: Prisma 5 up to 6.12 allowed them, 6.13 and 7 say "Views cannot have
   * primary keys". Set when the project's Prisma is older than 6.13, or a Prisma 5/6 of unknown minor.
   */
  viewPrimaryKeys: boolean;
  /** For the tooltip: `Prisma 6 rules (Prisma 6.19.0 installed)`. */
  description: string;
}

/** Preview features each bundled validator knows (from the wasm's `preview_features()`). */
export interface KnownPreviewFeatures {
  prisma6: readonly string[];
  prisma7: readonly string[];
}

/** `6.12.0` -> 12, `^5.22.0` -> 22; undefined when the version names no minor. */
function minorOf(version: string): number | undefined {
  const m = /(\d+)\.(\d+)/.exec(version);
  return m ? Number(m[2]) : undefined;
}

function previewFeaturesOf(files: readonly SchemaFile[]): string[] {
  const doc = parseSchema([...files]);
  return doc.blocks
    .filter((b) => b.kind === 'generator')
    .flatMap((b) => b.properties.filter((p) => p.key === 'previewFeatures'))
    .flatMap((p) => stringList(p.value) ?? []);
}

/** The rules for a project whose Prisma is `version` (undefined: none found), from its schema files. */
export function chooseRules(
  files: readonly SchemaFile[],
  version: PrismaVersion | undefined,
  /** Asked only when the schema has to tell (loading the 6.19 wasm for its list costs a compile). */
  known: () => KnownPreviewFeatures,
): ValidationRules {
  if (version && version.source !== 'schema') {
    const where = version.source === 'installed' ? 'installed' : `in ${path.basename(version.file)}`;
    if (version.major >= 7) {
      return {
        line: 'prisma7',
        viewPrimaryKeys: false,
        description: `Prisma 7 rules (Prisma ${version.version} ${where})`,
      };
    }
    const minor = minorOf(version.version);
    return {
      line: 'prisma6',
      viewPrimaryKeys: version.major < 6 || minor === undefined || minor < 13,
      description: `Prisma ${version.major} rules, checked with Prisma 6.19's validator (Prisma ${version.version} ${where})`,
    };
  }
  const older = {
    line: 'prisma6' as const,
    viewPrimaryKeys: true,
    description: "Prisma 5/6 rules, checked with Prisma 6.19's validator",
  };
  if (version?.source === 'schema') {
    return {
      ...older,
      description: `${older.description} (no Prisma installed; the datasource sets url, as in Prisma 5/6)`,
    };
  }
  const lower = (list: readonly string[]) => new Set(list.map((f) => f.toLowerCase()));
  const features = previewFeaturesOf(files);
  const lists = features.length ? known() : { prisma6: [], prisma7: [] };
  const in6 = lower(lists.prisma6);
  const in7 = lower(lists.prisma7);
  const only6 = features.find((f) => in6.has(f.toLowerCase()) && !in7.has(f.toLowerCase()));
  const only7 = features.find((f) => in7.has(f.toLowerCase()) && !in6.has(f.toLowerCase()));
  if (only6 !== undefined && only7 === undefined) {
    return {
      ...older,
      description: `${older.description} (no Prisma installed; preview feature "${only6}" exists in Prisma 6 only)`,
    };
  }
  const why =
    only7 !== undefined && only6 === undefined
      ? `preview feature "${only7}" exists in Prisma 7 only`
      : 'nothing in the schema is Prisma 5/6 style';
  return { line: 'prisma7', viewPrimaryKeys: false, description: `Prisma 7 rules (no Prisma installed; ${why})` };
}

/** Finds the project's Prisma from the schema's folder up to `stopAt` (the workspace folder), then chooses. */
export function rulesForProject(
  files: readonly SchemaFile[],
  schemaPath: string,
  read: ReadText,
  known: () => KnownPreviewFeatures,
  stopAt?: string,
): ValidationRules {
  // A datasource url is Prisma 5/6 style even beside a prisma.config.ts (Prisma 7 rejects it in the schema).
  const version = detectPrismaVersion(path.dirname(schemaPath), read, stopAt) ?? schemaHint([...files], false);
  return chooseRules(files, version, known);
}
