// Hostile webview messages for the fuzz tests: a seeded generator (a failure names its seed and message
// number, and the same run comes back), random values of every kind structured clone can carry, and
// mutations of valid messages (one field made wrong, keys added, prototype keys, huge and negative numbers).

/** mulberry32: small, seeded, good enough to pick cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Pick = <T>(items: readonly T[]) => T;
export const picker =
  (random: () => number): Pick =>
  (items) =>
    items[Math.floor(random() * items.length)]!;

/** Keys that try to reach an object's prototype; JSON.parse makes `__proto__` an own key, as a webview could. */
export const protoKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const LONG = 'x'.repeat(200_000);
export const numbers = [
  -1,
  -0,
  0,
  1,
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 31),
  0.5,
  1e15,
];
export const strings = [
  '',
  ' ',
  'Event',
  'id',
  'name',
  'at',
  'data',
  'NoSuchModel',
  'no_such_column',
  '"; DROP TABLE events; --',
  "' OR 1=1 --",
  '%',
  '_',
  '\u0000',
  '\ud800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '[link](command:workbench.action.quit)',
  LONG,
  ...protoKeys,
];

/** An object with `key` as an own property, however hostile the key. */
export function withKey(key: string, value: unknown, base: Record<string, unknown> = {}): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const put = (k: string, v: unknown) =>
    Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
  for (const k of Object.keys(base)) put(k, base[k]);
  put(key, value);
  return o;
}

export function randomValue(random: () => number, depth = 0): unknown {
  const pick = picker(random);
  const kind = Math.floor(random() * (depth > 2 ? 8 : 11));
  switch (kind) {
    case 0:
      return pick(numbers);
    case 1:
      return pick(strings);
    case 2:
      return pick([null, undefined, true, false]);
    case 3:
      return pick([new Date(NaN), new Date(0), 10n ** 30n, new Uint8Array(16), /x/]);
    case 4:
      return Math.floor((random() - 0.5) * 2 ** 40);
    case 5:
      return pick(strings).slice(0, Math.floor(random() * 40));
    case 6:
      return pick([new Map([['a', 1]]), new Set([1]), Symbol.for('x').description]);
    case 7:
      return Object.create(null) as object;
    case 8:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    case 9: {
      let o: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 4); i > 0; i--) o = withKey(pick(strings), randomValue(random, depth + 1), o);
      return o;
    }
    default:
      return withKey(pick(protoKeys), randomValue(random, depth + 1), { polluted: true });
  }
}

/** A copy of `message` with `value` at `path`. */
export function mutate(message: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  if (typeof message !== 'object' || message === null) return message;
  const [head, ...rest] = path;
  const inner = mutate((message as Record<string, unknown>)[head!], rest, value);
  if (Array.isArray(message)) {
    const copy = [...(message as unknown[])];
    copy[Number(head)] = inner;
    return copy;
  }
  return withKey(head!, inner, message as Record<string, unknown>);
}

/** Every path to a leaf or node of a message (where a mutation can go). */
export function pathsOf(message: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (typeof message === 'object' && message !== null)
    for (const [k, v] of Object.entries(message)) if (prefix.length < 6) pathsOf(v, [...prefix, k], out);
  return out;
}
