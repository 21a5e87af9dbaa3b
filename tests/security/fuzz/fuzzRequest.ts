import fc from 'fast-check';
import { fuzzBody, type BodySpec } from './fuzzBody.js';
import { BAD_DATES, BAD_INSTANTS, BAD_NUMBERS, HOSTILE_STRINGS, PROTOTYPE_KEYS, RAW_ENCODINGS, latin1 } from './hostileValues.js';
import type { JsonSchema } from './schemaValue.js';
import type { RawRequest } from './sendRaw.js';

/** One operation of /api/openapi.json, as the fuzzer needs it. */
export interface Operation {
  readonly id: string;
  readonly method: string;
  /** `/api/tasks/{id}/claim` */
  readonly template: string;
  /** `x-roles`: who passes the role check. */
  readonly roles: 'public' | readonly string[];
  readonly parameters: readonly { readonly name: string; readonly in: 'path' | 'query' | 'header'; readonly schema: JsonSchema }[];
  readonly body?: BodySpec;
}

/** Who sends it: no token for anonymous; the CSRF token goes with a cookie session. */
export interface Caller {
  readonly name: string;
  readonly token?: string;
  readonly csrf?: string;
}

/** What exists on the server: real ids to put where ids go, valid bodies to spoil, models to deploy. */
export interface Fixtures {
  readonly ids: readonly string[];
  readonly examples: Readonly<Record<string, readonly unknown[]>>;
  readonly xmlDocuments: readonly string[];
}

export interface FuzzCase {
  readonly operation: string;
  readonly caller: string;
  readonly request: RawRequest;
  readonly note: string;
}

/** Percent-encodes, or keeps a lone surrogate as the invalid UTF-8 it would be. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function pathSegment(ids: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...ids).map(encode), weight: 6 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encode), weight: 3 },
    { arbitrary: fc.constantFrom(...RAW_ENCODINGS), weight: 2 },
    { arbitrary: fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...RAW_ENCODINGS)).map(([id, raw]) => encode(id) + raw), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).map(encode), weight: 2 },
    { arbitrary: fc.oneof(fc.integer(), fc.constantFrom(...BAD_NUMBERS)).map((n) => encode(String(n))), weight: 1 },
    { arbitrary: fc.constantFrom(65, 201, 2_000, 6_000).map((n) => 'a'.repeat(n)), weight: 1 },
  );
}

/** A value for a query parameter: right per its schema, or wrong in the usual ways. */
function queryValue(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  const right: fc.Arbitrary<string>[] = [];
  if (Array.isArray(schema.enum)) right.push(fc.constantFrom(...(schema.enum as string[])));
  if (schema.type === 'integer') right.push(fc.integer({ min: 0, max: 500 }).map(String));
  if (schema.format === 'date') right.push(fc.constantFrom('2030-01-11', '2026-12-01'));
  if (schema.type === 'string' && !schema.enum && !schema.format) right.push(fc.constantFrom(...ids));
  return fc.oneof(
    { arbitrary: right.length ? fc.oneof(...right).map(encode) : fc.constantFrom(...ids).map(encode), weight: 4 },
    { arbitrary: fc.constantFrom(...BAD_NUMBERS, ...BAD_DATES, ...BAD_INSTANTS).map(encode), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encode), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_ENCODINGS), weight: 1 },
    { arbitrary: fc.constantFrom(201, 5_000).map((n) => 'x'.repeat(n)), weight: 1 },
  );
}

function queryString(operation: Operation, ids: readonly string[]): fc.Arbitrary<string> {
  const declared = operation.parameters.filter((p) => p.in === 'query');
  const known = declared.map((p) => fc.option(queryValue(p.schema, ids).map((v) => `${p.name}=${v}`), { nil: undefined, freq: 2 }));
  const keys = [...declared.map((p) => p.name), ...PROTOTYPE_KEYS, 'unknown', 'x[]', 'x[a]', ''];
  const extra = fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...keys), queryValue({}, ids)).map(([k, v]) => `${encode(k)}=${v}`),
      fc.constantFrom(...declared.map((p) => `${p.name}[]=1&${p.name}[]=2`), ...declared.map((p) => `${p.name}`), '&&', '=', '=x', 'a=%zz', '%zz=1'),
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...known), extra).map(([k, e]) => {
    const parts = [...k.filter((x): x is string => x !== undefined), ...e];
    return parts.length ? '?' + parts.join('&') : '';
  });
}

function authHeaders(caller: Caller): fc.Arbitrary<Record<string, string | string[]>> {
  const bad = fc.constantFrom<Record<string, string | string[]>>(
    { authorization: 'Bearer' },
    { authorization: 'Bearer ' },
    { authorization: 'Bearer not-a-token' },
    { authorization: `Bearer ${'a'.repeat(4000)}` },
    { authorization: 'Basic Y2xlcms6ZGVtbw==' },
    { authorization: 'Bearer a b' },
    { authorization: 'Bearer \u00e9\u00ff' },
    { authorization: ['Bearer x', 'Bearer y'] },
    { cookie: 'tereze_session=' },
    { cookie: 'tereze_session=%' },
    { cookie: 'tereze_session=%E0%A4%A; tereze_csrf=%zz' },
    { cookie: 'tereze_session=a; tereze_session=b' },
    { cookie: `tereze_session="${'q'.repeat(3000)}"` },
    { cookie: '; ; =; ==; __proto__=1; constructor=x' },
    { cookie: 'tereze_session=\u00e9\u00ff' },
  );
  if (!caller.token) return fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, { arbitrary: bad, weight: 1 });
  const token = caller.token;
  return fc.oneof(
    { arbitrary: fc.constant({ authorization: `Bearer ${token}` }), weight: 10 },
    { arbitrary: fc.constant({ cookie: `tereze_session=${token}`, 'x-csrf-token': caller.csrf ?? '' }), weight: 3 },
    {
      arbitrary: fc.constantFrom<Record<string, string | string[]>>(
        { cookie: `tereze_session=${token}` },
        { cookie: `tereze_session=${token}`, 'x-csrf-token': 'wrong' },
        { cookie: `tereze_session=${token}`, 'x-csrf-token': '\u00e9'.repeat(43) },
        { authorization: `bearer ${token}` },
        { authorization: `Bearer ${token}x` },
        { authorization: `Bearer ${token.toUpperCase()}` },
        { authorization: `Bearer  ${token}  ` },
        { authorization: `Bearer ${token}`, cookie: 'tereze_session=garbage' },
      ),
      weight: 2,
    },
    { arbitrary: bad, weight: 1 },
  );
}

function extraHeaders(operation: Operation): fc.Arbitrary<Record<string, string>> {
  const idempotencyKey = fc.oneof(
    fc.constantFrom('', ' ', 'k', 'a,b', '__proto__', 'constructor', 'x'.repeat(5000), '00000000-0000-4000-8000-000000000000', '\u00e9\u00ff'),
    fc.uuid(),
    latin1(80),
  );
  const forwardedFor = fc.oneof(
    fc.constantFrom('', 'garbage', 'unknown', '1.2.3.4, , ,', '::1', '999.999.999.999', '[::1]:80', ', '.repeat(500), '%00', '127.0.0.1, 10.0.0.1, 8.8.8.8', '\u00e9'),
    latin1(60),
  );
  const optional = <T>(arbitrary: fc.Arbitrary<T>, freq: number) => fc.option(arbitrary, { nil: undefined, freq });
  return fc
    .record({
      'idempotency-key': optional(idempotencyKey, operation.parameters.some((p) => p.name === 'idempotency-key') ? 1 : 6),
      'x-forwarded-for': optional(forwardedFor, 4),
      'x-forwarded-proto': optional(fc.constantFrom('https', 'gopher', '', 'https, http'), 15),
      'x-forwarded-host': optional(fc.constantFrom('evil.example', '', '\u00e9', 'a'.repeat(300)), 15),
      'x-request-id': optional(fc.oneof(fc.constantFrom('', '__proto__', 'x'.repeat(3000)), latin1(40)), 10),
      accept: optional(fc.constantFrom('text/html', '*/*', 'application/xml', '', 'application/json;q=bogus'), 10),
      'accept-encoding': optional(fc.constantFrom('gzip', 'br;q=2', 'x', ''), 15),
    })
    .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>);
}

/** A malformed (and sometimes well-formed) request to `operation` as `caller`. */
export function fuzzRequest(operation: Operation, caller: Caller, fixtures: Fixtures): fc.Arbitrary<FuzzCase> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const segments = fc.tuple(...pathParams.map(() => pathSegment(fixtures.ids)));
  const method = fc.oneof({ arbitrary: fc.constant(operation.method.toUpperCase()), weight: 24 }, { arbitrary: fc.constantFrom('PATCH', 'OPTIONS', 'HEAD'), weight: 1 });
  const pathTwist = fc.oneof(
    { arbitrary: fc.constant((p: string) => p), weight: 20 },
    { arbitrary: fc.constantFrom((p: string) => p + '/', (p: string) => p.replace('/api/', '//api//'), (p: string) => p.toUpperCase(), (p: string) => p + '/..', (p: string) => p + '%2f..'), weight: 1 },
  );
  const body = fuzzBody(operation.body, fixtures.ids, fixtures.examples[operation.id] ?? [], fixtures.xmlDocuments);
  return fc
    .record({ method, segments, twist: pathTwist, query: queryString(operation, fixtures.ids), auth: authHeaders(caller), extra: extraHeaders(operation), body })
    .map(({ method, segments, twist, query, auth, extra, body }) => {
      let i = 0;
      const path = twist(operation.template.replace(/\{\w+\}/g, () => segments[i++]!)) + query;
      const headers = { ...extra, ...auth, ...(body?.headers ?? {}) };
      const request: RawRequest = { method, path, headers, ...(body ? { body: body.bytes } : {}) };
      return { operation: operation.id, caller: caller.name, request, note: body?.note ?? 'no body' };
    });
}
