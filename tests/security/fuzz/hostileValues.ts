import fc from 'fast-check';

/**
 * The values a fuzzer throws at a field: names that are also Object.prototype keys, numbers
 * that do not fit, dates that do not exist, text a parser might trip on.
 */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf'] as const;

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  ...PROTOTYPE_KEYS,
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '0',
  '1e309',
  '💥',
  'ℌ𝔢𝔩𝔩𝔬',
  '\u202etxt.exe',
  '\ud800',
  '../../etc/passwd',
  '..\\..\\windows',
  '<x/>',
  "' OR 1=1 --",
  '${7*7}',
  '{{7*7}}',
  '%00',
  '\r\nSet-Cookie: x=1',
] as const;

export const BAD_DATES = [
  '2026-13-45',
  '0000-01-01',
  '2026-02-30',
  '2026-02-29',
  '2024-02-29',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2026-1-1',
  '20260101',
  'today',
  '2026-W01',
  'Invalid Date',
] as const;

export const BAD_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '2026-13-45T00:00:00Z',
  '2026-01-01T25:00:00Z',
  '2026-01-01T23:59:60Z',
  '2026-01-01T00:00:00+99:00',
  '2026-01-01T00:00:00.000000000001Z',
  '1970-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '2026-01-01',
  '2026-01-01T00:00:00',
] as const;

export const BAD_NUMBERS = ['1e309', '-1e309', '9007199254740993', '99999999999999999999999', '-0', '0.5', '1.0', '0x10', '1_000', 'Infinity', 'NaN', ' 1', '+1', '١٢', '-1', '0'] as const;

/** Percent-encodings that do not decode, or decode to something a path should not hold. */
export const RAW_ENCODINGS = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AE%C0%AE%2f', '%00', '..%2f..%2f', '%2e%2e%2f', '%252e%252e', '+', ';x=1'] as const;

/** Any JSON value, the wrong type for most fields. */
export const wrongJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, '', [], {}, [null], { '': null }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...BAD_DATES, ...BAD_INSTANTS),
);

/** Printable Latin-1 (what node:http lets into a header value). */
export const latin1 = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f && (c < 0x80 || c > 0x9f)).map((c) => String.fromCharCode(c)), maxLength });

/** `[[[…]]]` or `{"a":{"a":…}}` this deep: a recursive walk over it may run out of stack. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth);
}

/** A plain object with these own keys (`__proto__` included, as JSON.parse would make it). */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
