// Small validators for messages that arrive as `unknown` (the host validates everything the webview
// sends). A validator returns the typed value or throws a ValidationError naming the bad path.

export class ValidationError extends Error {
  constructor(
    readonly path: string,
    expected: string,
  ) {
    super(`${shortPath(path) || 'message'}: expected ${expected}`);
  }
}

/** A key is named in an error (shown and logged) by its first 60 characters: a webview can send any key. */
const KEY_SHOWN = 60;
const shortPath = (path: string) =>
  path.length <= 200
    ? path
    : path
        .split('.')
        .map((k) => (k.length > KEY_SHOWN ? `${k.slice(0, KEY_SHOWN)}…(${k.length} characters)` : k))
        .join('.')
        .slice(0, 1000);

export type Validator<T> = (value: unknown, path: string) => T;

export const str =
  (max = 1_000_000): Validator<string> =>
  (v, p) => {
    if (typeof v !== 'string' || v.length > max) throw new ValidationError(p, `a string of at most ${max} characters`);
    return v;
  };

export const int =
  (min = 0, max = Number.MAX_SAFE_INTEGER): Validator<number> =>
  (v, p) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw new ValidationError(p, `an integer in [${min}, ${max}]`);
    return v;
  };

export const bool: Validator<boolean> = (v, p) => {
  if (typeof v !== 'boolean') throw new ValidationError(p, 'a boolean');
  return v;
};

export function literal<const T extends string>(...values: T[]): Validator<T> {
  return (v, p) => {
    if (typeof v !== 'string' || !(values as string[]).includes(v))
      throw new ValidationError(p, `one of ${values.join(', ')}`);
    return v as T;
  };
}

export function optional<T>(inner: Validator<T>): Validator<T | undefined> {
  return (v, p) => (v === undefined ? undefined : inner(v, p));
}

export function array<T>(inner: Validator<T>, max = 100_000): Validator<T[]> {
  return (v, p) => {
    if (!Array.isArray(v) || v.length > max) throw new ValidationError(p, `an array of at most ${max} items`);
    return v.map((item, i) => inner(item, `${p}[${i}]`));
  };
}

/** A plain object with string keys (at most `max`), each value checked; no prototype tricks. */
export function record<T>(inner: Validator<T>, max = 1000): Validator<Record<string, T>> {
  return (v, p) => {
    if (!isPlainObject(v)) throw new ValidationError(p, 'an object');
    const keys = Object.keys(v);
    if (keys.length > max) throw new ValidationError(p, `at most ${max} keys`);
    // no prototype: `constructor` and `prototype` (valid Prisma field names) are plain own keys here
    const out: Record<string, T> = Object.create(null) as Record<string, T>;
    for (const k of keys) {
      if (k === '__proto__') throw new ValidationError(`${p}.${k}`, 'a column name');
      out[k] = inner(v[k], `${p}.${k}`);
    }
    return out;
  };
}

type Shape = Record<string, Validator<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/**
 * An object with exactly these keys (unknown keys are refused: a message carries nothing unexpected; own keys
 * only, so `constructor` or `toString` is no property either).
 */
export function object<S extends Shape>(shape: S): Validator<FromShape<S>> {
  return (v, p) => {
    if (!isPlainObject(v)) throw new ValidationError(p, 'an object');
    for (const k of Object.keys(v))
      if (!Object.hasOwn(shape, k)) throw new ValidationError(`${p}.${k}`, 'no such property');
    const out: Record<string, unknown> = {};
    for (const [k, check] of Object.entries(shape)) {
      const value = check(v[k], p ? `${p}.${k}` : k);
      if (value !== undefined) out[k] = value;
    }
    return out as FromShape<S>;
  };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
