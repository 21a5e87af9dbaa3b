import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../engine/errors.js';
import { escapeKey, fromStoredJson, toStoredJson, unescapeKey } from '../../../../engine/store/mongo/jsonRecord.js';

/** Written, serialised to BSON and read back by the driver's own codec, as a round trip through the server does. */
function throughBson<T>(record: T): unknown {
  const stored = toStoredJson({ record }, 'task t-1');
  return fromStoredJson<{ record: unknown }>(BSON.deserialize(BSON.serialize(stored))).record;
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('toStoredJson / fromStoredJson', () => {
  it('should read back what JSON.parse(JSON.stringify(x)) gives for dates, NaN, Infinity, -0, undefined and toJSON', () => {
    const record = {
      at: new Date('2026-03-01T10:00:00.000Z'),
      scores: [NaN, Infinity, -Infinity, -0, 1.5, undefined, () => 1],
      gone: undefined,
      fn: () => 1,
      money: { toJSON: () => '12.50 KZT' },
      boxed: [new Number(3), new String('s'), new Boolean(false)],
      nested: { list: [{ when: new Date(0) }], empty: {} },
    };
    const back = throughBson(record);
    expect(back).toEqual(asJson(record));
    expect((back as { at: unknown }).at).toBe('2026-03-01T10:00:00.000Z');
    expect(Object.is((back as { scores: number[] }).scores[3], 0)).toBe(true);
    expect(back).not.toHaveProperty('gone');
  });

  it('should store DBRef-shaped objects and keys with $, dots, NUL and % safely and read them back unchanged', () => {
    const record = {
      link: { $ref: 'citizens', $id: 'c-1', $db: 'other' },
      'a.b': 1,
      'nul\0key': 2,
      '$set': { '$inc': 3 },
      '50%': '%24 stays as written',
      '%24': 'a key that looks escaped',
      'mid$dle': true,
    };
    const stored = toStoredJson(record, 'instance i-1') as Record<string, unknown>;
    for (const key of Object.keys(stored)) expect(key).not.toMatch(/^\$|\.|\0/);
    // BSON refuses NUL in keys and the driver turns { $ref, $id } into a DBRef: neither happens now
    const back = fromStoredJson(BSON.deserialize(BSON.serialize(stored)));
    expect(back).toEqual(record);
    expect(Object.getPrototypeOf((back as { link: object }).link)).toBe(Object.prototype);
  });

  it('should escape reversibly for any key', () => {
    for (const key of ['', '%', '%%25', '$', '$$', '.', '..$', 'a%2Eb', '\0\0', 'plain', '%24x', 'x$']) {
      expect(unescapeKey(escapeKey(key))).toBe(key);
    }
    expect(escapeKey('plain_key')).toBe('plain_key');
  });

  it('should refuse a BigInt naming the field', () => {
    const attempt = () => toStoredJson({ variables: { fee: { amount: 10n } } }, 'instance i-7');
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow(/instance i-7\.variables\.fee\.amount: is a BigInt/);
    expect(() => toStoredJson({ list: [1, 2n] }, 'task t')).toThrow(/task t\.list\[1\]/);
  });

  it('should refuse a cycle naming the field, but allow the same object twice', () => {
    const shared = { x: 1 };
    expect(toStoredJson({ a: shared, b: shared }, 'task t')).toEqual({ a: { x: 1 }, b: { x: 1 } });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    expect(() => toStoredJson({ data: cyclic }, 'task t')).toThrow(/task t\.data\.self: refers back to itself/);
  });
});
