// Small lookups for the schema tests: find blocks/fields by name and where text sits in a file.

import * as assert from 'node:assert/strict';
import type { Block, Field, SchemaDocument } from '../../../src/core/schema/model';

export function block(doc: SchemaDocument, name: string): Block {
  const found = doc.blocks.find((b) => b.name === name);
  assert.ok(found, `block ${name} not found in ${doc.blocks.map((b) => b.name).join(', ')}`);
  return found;
}

export function field(doc: SchemaDocument, blockName: string, fieldName: string): Field {
  const found = block(doc, blockName).fields.find((f) => f.name === fieldName);
  assert.ok(found, `field ${blockName}.${fieldName} not found`);
  return found;
}

/** 0-based line of the first line containing `text`. */
export function lineOf(content: string, text: string): number {
  const line = content.split(/\r\n|\r|\n/).findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `"${text}" not in file`);
  return line;
}

/** Line and UTF-16 column of the first occurrence of `text` on the line containing `lineText`. */
export function positionOf(content: string, lineText: string, text = lineText): { line: number; character: number } {
  const line = lineOf(content, lineText);
  const character = content.split(/\r\n|\r|\n/)[line].indexOf(text);
  assert.ok(character >= 0, `"${text}" not on line ${line}`);
  return { line, character };
}
