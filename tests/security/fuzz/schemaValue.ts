import fc from 'fast-check';
import { BAD_DATES, BAD_INSTANTS, HOSTILE_STRINGS, PROTOTYPE_KEYS, objectOf, wrongJson } from './hostileValues.js';

export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * A value shaped by a JSON Schema from /api/openapi.json, mostly right and sometimes wrong:
 * each field may be missing, of the wrong type, over its limits, or joined by keys that are
 * Object.prototype's own. `ids` are real identifiers of the server's objects, so a value may
 * also pass validation and reach the engine.
 */
export function schemaValue(schema: JsonSchema, ids: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: rightShaped(schema, ids, depth), weight: 4 }, { arbitrary: wrongJson, weight: 1 });
}

function rightShaped(schema: JsonSchema, ids: readonly string[], depth: number): fc.Arbitrary<unknown> {
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants?.length) return fc.oneof(...variants.map((v) => rightShaped(v, ids, depth)));
  if (Array.isArray(schema.enum)) return fc.oneof(fc.constantFrom(...(schema.enum as unknown[])), fc.constantFrom(...HOSTILE_STRINGS));
  switch (schema.type) {
    case 'string':
      return stringFor(schema, ids);
    case 'integer':
    case 'number':
      return numberFor(schema);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return arrayFor(schema, ids, depth);
    case 'object':
      return objectFor(schema, ids, depth);
    default:
      return wrongJson;
  }
}

function stringFor(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  if (schema.format === 'date') return fc.oneof(fc.constantFrom('2030-01-10', '2030-01-12', '2026-12-01'), fc.constantFrom(...BAD_DATES));
  if (schema.format === 'date-time') return fc.oneof(fc.constantFrom('2030-01-10T09:00:00Z', '2026-12-01T00:00:00+05:00'), fc.constantFrom(...BAD_INSTANTS));
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
  const matching = typeof schema.pattern === 'string' ? ids.filter((id) => new RegExp(schema.pattern as string).test(id)) : [...ids];
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(matching.length ? matching : ids)), weight: 4 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 2 },
    { arbitrary: fc.constantFrom(max + 1, max * 4, 100_000).map((n) => 'x'.repeat(n)), weight: 1 },
    { arbitrary: fc.constant('900101300123'), weight: 1 },
  );
}

function numberFor(schema: JsonSchema): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
  return fc.oneof(fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) }), fc.constantFrom(min - 1, max + 1, 0.5, -0, 1e308, 2 ** 53 + 2));
}

function arrayFor(schema: JsonSchema, ids: readonly string[], depth: number): fc.Arbitrary<unknown[]> {
  const items = (schema.items ?? {}) as JsonSchema;
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 50;
  return fc.oneof(
    { arbitrary: fc.array(depth > 3 ? wrongJson : schemaValue(items, ids, depth + 1), { maxLength: 4 }), weight: 5 },
    { arbitrary: fc.constant(Array.from({ length: maxItems + 1 }, (_, i) => `item-${i}`)), weight: 1 },
  );
}

function objectFor(schema: JsonSchema, ids: readonly string[], depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  const required = new Set((schema.required ?? []) as string[]);
  const fields = properties.map(([name, property]) => {
    const value = depth > 3 ? wrongJson : schemaValue(property, ids, depth + 1);
    return fc
      .tuple(fc.integer({ min: 0, max: 9 }), value)
      .map(([dice, v]) => (dice < (required.has(name) ? 1 : 4) ? undefined : ([name, v] as const)));
  });
  const extraKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 }), fc.constantFrom(...properties.map(([name]) => name.toUpperCase()), 'x'));
  const extras = fc.array(fc.tuple(extraKey, depth > 3 ? wrongJson : fc.oneof(wrongJson, fc.constant(objectOf([['polluted', true]])))), {
    maxLength: properties.length === 0 ? 4 : 2,
  });
  return fc.tuple(fc.tuple(...fields), fc.integer({ min: 0, max: 3 }), extras).map(([declared, extraDice, extra]) => {
    const entries: (readonly [string, unknown])[] = declared.filter((e): e is readonly [string, unknown] => e !== undefined);
    if (extraDice === 0 || properties.length === 0) entries.push(...extra);
    return objectOf(entries);
  });
}
