// Reading the raw argument text of an attribute (`Attribute.args`): split into positional and named
// arguments, unquote strings, read `[a, b(sort: Desc)]` field lists. Pure string work, never throws.

import type { Attribute } from './model';

export interface AttributeArg {
  /** `name` of `name: value`; undefined for positional arguments. */
  name?: string;
  value: string;
}

/** Splits `"a", fields: [x, y], map: "m"` at top-level commas, respecting strings and brackets. */
export function splitArgs(text: string | undefined): AttributeArg[] {
  if (!text) return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  const args: AttributeArg[] = [];
  for (const part of parts) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const named = /^([A-Za-z_][\w-]*)\s*:(?!:)\s*([\s\S]*)$/.exec(trimmed);
    args.push(named ? { name: named[1], value: named[2].trim() } : { value: trimmed });
  }
  return args;
}

/** The named argument, or for `positionalName` the first positional argument as a fallback. */
export function argValue(args: AttributeArg[], name: string, positional = false): string | undefined {
  const named = args.find((a) => a.name === name);
  if (named) return named.value;
  return positional ? args.find((a) => a.name === undefined)?.value : undefined;
}

/** `"a\"b"` -> `a"b`; undefined when the text is not one string literal. */
export function unquote(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v.length < 2 || v[0] !== '"' || v[v.length - 1] !== '"') return undefined;
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
  return splitArgs(v)
    .map((a) => (a.name ? a.name : a.value.replace(/\(.*$/s, '').trim()))
    .filter((s) => s.length > 0);
}

/** The string given as `name`-argument or first positional argument of an attribute (`@map("x")`). */
export function attributeString(attribute: Attribute | undefined, name: string): string | undefined {
  if (!attribute) return undefined;
  return unquote(argValue(splitArgs(attribute.args), name, true));
}
