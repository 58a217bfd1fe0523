// Makes a Prisma 5/6 schema acceptable to the Prisma 7 validator without changing what it means for
// models: connection URLs leave the datasource (Prisma 7 reads them from prisma.config.ts) and preview
// features this validator does not know are dropped. Every removed character becomes a space and
// newlines stay, so diagnostics on the result point at the same line and column of the original.

import { parseSchema } from './parse';
import type { Position, SchemaFile } from './model';
import { stringList } from './query';

const URL_PROPERTIES = new Set(['url', 'directUrl', 'shadowDatabaseUrl']);

export function normalizeForPrisma7(
  files: readonly SchemaFile[],
  knownPreviewFeatures: readonly string[],
  options: { dropUrls?: boolean } = {},
): SchemaFile[] {
  const dropUrls = options.dropUrls ?? true;
  const known = new Set(knownPreviewFeatures.map((f) => f.toLowerCase()));
  const doc = parseSchema([...files]);
  return files.map((file) => {
    const lineStarts = lineStartsOf(file.content);
    const offset = (p: Position): number => (lineStarts[p.line] ?? file.content.length) + p.character;
    const edits: { start: number; end: number; text: string }[] = [];
    for (const block of doc.blocks) {
      if (block.location.file !== file.path) continue;
      for (const property of block.properties) {
        const start = offset(property.location.range.start);
        const end = offset(property.location.range.end);
        if (block.kind === 'datasource' && dropUrls && URL_PROPERTIES.has(property.key)) {
          edits.push({ start, end, text: '' });
        } else if (block.kind === 'generator' && property.key === 'previewFeatures') {
          const features = stringList(property.value) ?? [];
          const kept = features.filter((f) => known.has(f.toLowerCase()));
          if (kept.length === features.length) continue;
          const valueStart = file.content.indexOf('=', start) + 1;
          edits.push({ start: valueStart, end, text: ` [${kept.map((f) => JSON.stringify(f)).join(',')}]` });
        }
      }
    }
    return edits.length === 0 ? file : { path: file.path, content: applyBlanking(file.content, edits) };
  });
}

/** Replaces each span by its text padded with spaces, keeping every line break of the span. */
function applyBlanking(content: string, edits: { start: number; end: number; text: string }[]): string {
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += content.slice(at, edit.start);
    const span = content.slice(edit.start, edit.end);
    const firstBreak = span.search(/[\r\n]/);
    const firstLineLength = firstBreak < 0 ? span.length : firstBreak;
    // The replacement fits on the first line of the span when it is not longer; else it replaces the whole span's first line anyway.
    out += edit.text.padEnd(firstLineLength, ' ') + span.slice(firstLineLength).replace(/[^\r\n]/g, ' ');
    at = edit.end;
  }
  return out + content.slice(at);
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}
