// Small lookups over a SchemaDocument for the features that show it.

import { unquote } from './attributeArgs';
import type { Block, BlockKind, SchemaDocument } from './model';

export function findBlock(doc: SchemaDocument, name: string, kind?: BlockKind): Block | undefined {
  return doc.blocks.find((b) => b.name === name && (kind === undefined || b.kind === kind));
}

export function blocksOf(doc: SchemaDocument, kind: BlockKind): Block[] {
  return doc.blocks.filter((b) => b.kind === kind);
}

export const models = (doc: SchemaDocument): Block[] => blocksOf(doc, 'model');
export const views = (doc: SchemaDocument): Block[] => blocksOf(doc, 'view');
export const enums = (doc: SchemaDocument): Block[] => blocksOf(doc, 'enum');
export const types = (doc: SchemaDocument): Block[] => blocksOf(doc, 'type');
export const generators = (doc: SchemaDocument): Block[] => blocksOf(doc, 'generator');

export interface DatasourceInfo {
  name: string;
  /** `postgresql`, `mysql`, `sqlite`, `sqlserver`, `mongodb`, `cockroachdb`; undefined when not a plain string. */
  provider?: string;
  /** Raw `url` value (`env("DATABASE_URL")`), Prisma 5/6 only. */
  url?: string;
  /** The env variable of `url = env("X")`. */
  urlEnv?: string;
  relationMode?: string;
  /** `schemas = ["a", "b"]` for multi-schema. */
  schemas?: string[];
  block: Block;
}

/** The first datasource block, read. */
export function datasource(doc: SchemaDocument): DatasourceInfo | undefined {
  const block = doc.blocks.find((b) => b.kind === 'datasource');
  if (!block) return undefined;
  const prop = (key: string): string | undefined => block.properties.find((p) => p.key === key)?.value;
  const info: DatasourceInfo = { name: block.name, block };
  const provider = unquote(prop('provider'));
  const url = prop('url');
  const urlEnv = url ? unquote(/^env\(\s*(".*")\s*\)$/s.exec(url)?.[1]) : undefined;
  const relationMode = unquote(prop('relationMode'));
  const schemas = stringList(prop('schemas'));
  if (provider !== undefined) info.provider = provider;
  if (url !== undefined) info.url = url;
  if (urlEnv !== undefined) info.urlEnv = urlEnv;
  if (relationMode !== undefined) info.relationMode = relationMode;
  if (schemas !== undefined) info.schemas = schemas;
  return info;
}

/** `["a", "b"]` -> `['a', 'b']`; undefined when absent. */
export function stringList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => unquote(`"${m[1]}"`) ?? m[1]);
}
