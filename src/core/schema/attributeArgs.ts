// Reading the raw argument text of an attribute (`Attribute.args`): split into positional and named
// arguments, unquote strings, read `[a, b(sort: Desc)]` field lists. Pure string work, never throws.

import type { Attribute } from './model';
import * as strings from './strings';

// A module-local copy: an imported binding compiles to a getter call in CommonJS output (tsx, mocha).
const { isSpace } = strings;

export interface AttributeArg {
  /** `name` of `name: value`; undefined for positional arguments. */
  name?: string;
  value: string;
}

/** Splits `"a", fields: [x, y], map: "m"` at top-level commas, respecting strings and brackets. */
export function splitArgs(text: string | undefined): AttributeArg[] {
  if (!text) return [];
  const args: AttributeArg[] = [];
  const n = text.length;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: up to the closing quote, skipping escapes.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 34) break;
        i += d === 92 ? 2 : 1;
      }
    } else if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 0) {
      pushArg(args, text.slice(start, i));
      start = i + 1;
    }
  }
  pushArg(args, start === 0 ? text : text.slice(start));
  return args;
}

/** One comma-separated part: `name: value` (a name, then one `:` not followed by another) or a value. */
function pushArg(args: AttributeArg[], part: string): void {
  const trimmed = part.trim();
  if (!trimmed) return;
  const n = trimmed.length;
  const c = trimmed.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
    let i = 1;
    while (i < n && isWordOrDash(trimmed.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < n && isSpace(trimmed.charCodeAt(i))) i++;
    if (i < n && trimmed.charCodeAt(i) === 58 && trimmed.charCodeAt(i + 1) !== 58) {
      args.push({ name: trimmed.slice(0, nameEnd), value: trimmed.slice(i + 1).trim() });
      return;
    }
  }
  args.push({ value: trimmed });
}

/** `[\w-]` */
function isWordOrDash(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** The named argument, or for `positionalName` the first positional argument as a fallback. */
export function argValue(args: AttributeArg[], name: string, positional = false): string | undefined {
  let first: string | undefined;
  for (const a of args) {
    if (a.name === name) return a.value;
    if (first === undefined && a.name === undefined) first = a.value;
  }
  return positional ? first : undefined;
}

/** `"a\"b"` -> `a"b`; undefined when the text is not one string literal. */
export function unquote(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v.length < 2 || v.charCodeAt(0) !== 34 || v.charCodeAt(v.length - 1) !== 34) return undefined;
  // Without a backslash there is nothing to unescape: what JSON.parse and the fallback both return.
  if (!v.includes('\\')) return v.slice(1, -1);
  try {
    return JSON.parse(v) as string;
  } catch {
    return v.slice(1, -1).replace(/\\(.)/g, '$1');
  }
}

/** `[a, b(sort: Desc), c]` -> `['a', 'b', 'c']`; a bare `a` -> `['a']`. */
export function fieldList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  let v = value.trim();
  if (v.startsWith('[')) v = v.slice(1, v.endsWith(']') ? -1 : undefined);
  const names: string[] = [];
  for (const a of splitArgs(v)) {
    let name: string;
    if (a.name) name = a.name;
    else {
      // `b(sort: Desc)` -> `b`
      const paren = a.value.indexOf('(');
      name = paren < 0 ? a.value : a.value.slice(0, paren).trim();
    }
    if (name.length > 0) names.push(name);
  }
  return names;
}

/** The string given as `name`-argument or first positional argument of an attribute (`@map("x")`). */
export function attributeString(attribute: Attribute | undefined, name: string): string | undefined {
  if (!attribute) return undefined;
  const args = attribute.args;
  // The usual `@map("name")`: one string without escapes is its own value.
  if (
    args !== undefined &&
    args.length >= 2 &&
    args.charCodeAt(0) === 34 &&
    args.indexOf('"', 1) === args.length - 1 &&
    !args.includes('\\')
  ) {
    return args.slice(1, -1);
  }
  return unquote(argValue(splitArgs(args), name, true));
}
