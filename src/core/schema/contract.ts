// Reads a Prisma Next contract for the Models view, tolerantly: its models, composite types, enums and
// fields, without Prisma ORM's rules. The blocks Prisma ORM does not know are taken apart line by line so
// every position stays where it is in the file (a click in the tree lands on the right line):
// - `namespace auth { … }`: its header and closing brace become blank lines, its blocks stay;
// - `types { … }` (type aliases such as `Embedding1536 = pgvector.Vector(1536)`): blank;
// - a field typed with a namespace (`posts public.Post[]`): the namespace is dropped from the type.
// What the parser still finds odd (`@@base`, unknown scalar types) is not reported: this is not a schema
// Prisma ORM validates, and its own tooling checks it.
import type { SchemaDocument, SchemaFile } from './model';
import { parseSchema } from './parse';

const namespaceHeader = /^[ \t]*namespace[ \t]+\w+[ \t]*\{[ \t]*(?:\/\/.*)?$/;
const typesHeader = /^[ \t]*types[ \t]*\{[ \t]*(?:\/\/.*)?$/;
const qualifiedType = /^([ \t]*\w+[ \t]+)(\w+)\.(\w+)/;

/** The braces a line opens minus those it closes, outside strings and `//` comments. */
function braceDelta(line: string): number {
  let delta = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '/' && line[i + 1] === '/') break;
    else if (c === '{') delta++;
    else if (c === '}') delta--;
  }
  return delta;
}

/** The contract's text as a Prisma ORM parser reads it, line for line. */
export function contractAsSchemaText(text: string): string {
  const lines = text.split(/(\r?\n)/);
  // scopes open at each depth: 'namespace' (unwrapped), 'types' (blanked) or 'block'
  const scopes: ('namespace' | 'types' | 'block')[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i];
    const inTypes = scopes.includes('types');
    if (!inTypes && namespaceHeader.test(line)) {
      scopes.push('namespace');
      lines[i] = '';
      continue;
    }
    if (!inTypes && typesHeader.test(line)) {
      scopes.push('types');
      lines[i] = '';
      continue;
    }
    const delta = braceDelta(line);
    if (delta < 0 && /^[ \t]*\}[ \t]*(?:\/\/.*)?$/.test(line)) {
      const closed = scopes.pop();
      if (closed === 'namespace' || closed === 'types') lines[i] = '';
      continue;
    }
    if (inTypes) {
      for (let d = 0; d < delta; d++) scopes.push('block');
      lines[i] = '';
      continue;
    }
    for (let d = 0; d < delta; d++) scopes.push('block');
    for (let d = 0; d > delta; d--) scopes.pop();
    if (scopes.length > 0 && scopes[scopes.length - 1] === 'block') lines[i] = line.replace(qualifiedType, '$1$3');
  }
  return lines.join('');
}

/** A Prisma Next contract read for the Models view: its blocks, and no diagnostics (see above). */
export function readContract(files: SchemaFile[]): SchemaDocument {
  const doc = parseSchema(files.map((f) => ({ path: f.path, content: contractAsSchemaText(f.content) })));
  return { ...doc, diagnostics: [] };
}
