/**
 * Every record the mongo store writes goes through `toStoredJson`, so what comes back is what
 * `JSON.parse(JSON.stringify(record))` gives, as in the sqlite store (which keeps JSON text):
 * a Date becomes its ISO string, NaN and ±Infinity become null, `toJSON` is honoured, undefined
 * properties go (undefined in an array becomes null). Two things JSON accepts and BSON does not
 * are made safe, and undone by `fromStoredJson` on the way back:
 *  - keys starting with `$`, or holding `.` or NUL (BSON keys are C strings; `{ $ref, $id }` is
 *    read back by the driver as a DBRef object; `$`/`.` keys confuse queries and updates) are
 *    escaped with `%` (see escapeKey), and so is every literal `%`, so the escape is reversible;
 *  - a BigInt, which JSON cannot hold either, is refused with the field's path, as is a cycle.
 * The store's own fields (`_id`, `_sla`, ...) are added after this, never passed through it.
 */
import { InvalidArgumentError } from '../../errors.js';

/** `%` first, so an escaped key never looks like one that was not escaped. */
const ESCAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/%/g, '%25'],
  [/\./g, '%2E'],
  [/\0/g, '%00'],
  [/^\$/, '%24'],
];

export function escapeKey(key: string): string {
  if (!/[%.\0]|^\$/.test(key)) return key;
  return ESCAPES.reduce((k, [pattern, escaped]) => k.replace(pattern, escaped), key);
}

export function unescapeKey(key: string): string {
  if (!key.includes('%')) return key;
  return key.replace(/%(25|2E|00|24)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The record as JSON would keep it, keys escaped. `what` names the record in errors
 * ("task t-1"), followed by the path of the offending field.
 */
export function toStoredJson<T>(value: T, what: string): T {
  const stored = normalise(value, '', what, new Set(), escapeKey);
  return (stored === undefined ? null : stored) as T;
}

/** The value as JSON would keep it, keys as they are (what a hash over the record must see). */
export function toJsonValue<T>(value: T, what: string): T {
  const json = normalise(value, '', what, new Set(), (key) => key);
  return (json === undefined ? null : json) as T;
}

/** The stored document back to the record: keys unescaped at every level. */
export function fromStoredJson<T>(value: unknown): T {
  return unescapeAll(value) as T;
}

function normalise(input: unknown, key: string, path: string, seen: Set<object>, keyOf: (key: string) => string): unknown {
  let value = input;
  // As JSON.stringify: toJSON first (Date has one), then boxed primitives unboxed.
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint') && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // -0 becomes 0, as in JSON text
      return Number.isFinite(value) ? value + 0 : null;
    case 'bigint':
      throw new InvalidArgumentError(path, 'is a BigInt, which a record cannot hold (store it as a string or a number)');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) throw new InvalidArgumentError(path, 'refers back to itself (a cycle), which a record cannot hold');
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      return object.map((item, index) => normalise(item, String(index), `${path}[${index}]`, seen, keyOf) ?? null);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) {
      const stored = normalise(v, k, `${path}.${k}`, seen, keyOf);
      if (stored !== undefined) out[keyOf(k)] = stored;
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

function unescapeAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unescapeAll);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[unescapeKey(k)] = unescapeAll(v);
  return out;
}
