import fc from 'fast-check';
import { bodyChoices, type BodySpec, type Choice } from './bodyChoices.js';
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
  readonly parameters: readonly { readonly name: string; readonly in: 'path' | 'query' | 'header'; readonly required?: boolean; readonly schema: JsonSchema }[];
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
  /** By operation id: valid bodies. */
  readonly examples: Readonly<Record<string, readonly unknown[]>>;
  /** By operation id and parameter name: values that name a real object (path) or are valid (query). */
  readonly params: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
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

function pathSegment(good: readonly string[] | undefined, ids: readonly string[]): Choice<string> {
  return { good: fc.constantFrom(...(good?.length ? good : ids)).map(encode), bad: badSegment(ids) };
}

function badSegment(ids: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...ids).map(encode), weight: 3 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encode), weight: 3 },
    { arbitrary: fc.constantFrom(...RAW_ENCODINGS), weight: 2 },
    { arbitrary: fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...RAW_ENCODINGS)).map(([id, raw]) => encode(id) + raw), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).map(encode), weight: 2 },
    { arbitrary: fc.oneof(fc.integer(), fc.constantFrom(...BAD_NUMBERS)).map((n) => encode(String(n))), weight: 1 },
    { arbitrary: fc.constantFrom(65, 201, 2_000, 6_000).map((n) => 'a'.repeat(n)), weight: 1 },
  );
}

/** A value for a query parameter that its schema accepts. */
function rightQueryValue(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.type === 'integer') return fc.integer({ min: typeof schema.minimum === 'number' ? schema.minimum : 0, max: 100 }).map(String);
  if (schema.format === 'date') return fc.constantFrom('2030-01-11', '2026-12-01');
  return fc.constantFrom(...ids).map(encode);
}

/** A value for a query parameter: right per its schema, or wrong in the usual ways. */
function queryValue(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: rightQueryValue(schema, ids), weight: 4 },
    { arbitrary: fc.constantFrom(...BAD_NUMBERS, ...BAD_DATES, ...BAD_INSTANTS).map(encode), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encode), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_ENCODINGS), weight: 1 },
    { arbitrary: fc.constantFrom(201, 5_000).map((n) => 'x'.repeat(n)), weight: 1 },
  );
}

function queryString(operation: Operation, fixtures: Fixtures): Choice<string> {
  const ids = fixtures.ids;
  const declared = operation.parameters.filter((p) => p.in === 'query');
  const goodValue = (p: Operation['parameters'][number]) => {
    const known = fixtures.params[operation.id]?.[p.name];
    return known?.length ? fc.constantFrom(...known).map(encode) : rightQueryValue(p.schema, ids);
  };
  const good = fc
    .tuple(...declared.map((p) => (p.required ? goodValue(p).map((v) => `${p.name}=${v}`) : fc.option(goodValue(p).map((v) => `${p.name}=${v}`), { nil: undefined }))))
    .map((parts) => {
      const present = parts.filter((x): x is string => x !== undefined);
      return present.length ? '?' + present.join('&') : '';
    });
  return { good, bad: badQueryString(operation, ids) };
}

function badQueryString(operation: Operation, ids: readonly string[]): fc.Arbitrary<string> {
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

function authHeaders(caller: Caller): Choice<Record<string, string | string[]>> {
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
  if (!caller.token) return { good: fc.constant({}), bad };
  const token = caller.token;
  const good = fc.constantFrom<Record<string, string | string[]>>({ authorization: `Bearer ${token}` }, { cookie: `tereze_session=${token}`, 'x-csrf-token': caller.csrf ?? '' });
  return {
    good,
    bad: fc.oneof(
      fc.constantFrom<Record<string, string | string[]>>(
        { cookie: `tereze_session=${token}` },
        { cookie: `tereze_session=${token}`, 'x-csrf-token': 'wrong' },
        { cookie: `tereze_session=${token}`, 'x-csrf-token': '\u00e9'.repeat(43) },
        { authorization: `bearer ${token}` },
        { authorization: `Bearer ${token}x` },
        { authorization: `Bearer ${token.toUpperCase()}` },
        { authorization: `Bearer  ${token}  ` },
        { authorization: `Bearer ${token}`, cookie: 'tereze_session=garbage' },
      ),
      bad,
    ),
  };
}

function extraHeaders(operation: Operation): Choice<Record<string, string>> {
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
  const good = operation.parameters.some((p) => p.name === 'idempotency-key') ? fc.option(fc.uuid().map((key) => ({ 'idempotency-key': key })), { nil: {} }) : fc.constant({});
  const bad = fc
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
  return { good, bad };
}

const DIMENSIONS = ['route', 'segments', 'query', 'auth', 'headers', 'content', 'mediaType', 'encoding'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/**
 * Which dimensions of a request are spoiled: often just one (so the rest is valid and the bad
 * part reaches as deep as it can), often several at once, now and then none (a valid request,
 * which moves the server's state along: tasks claimed, applications started).
 */
const spoiled: fc.Arbitrary<ReadonlySet<Dimension>> = fc.oneof(
  { arbitrary: fc.constantFrom(...DIMENSIONS).map((d) => new Set([d])), weight: 4 },
  { arbitrary: fc.subarray([...DIMENSIONS], { minLength: 2 }).map((ds) => new Set(ds)), weight: 3 },
  { arbitrary: fc.constant(new Set<Dimension>()), weight: 1 },
);

const pick = <T>(choice: Choice<T>, bad: boolean) => (bad ? choice.bad : choice.good);

/** A malformed (and sometimes well-formed) request to `operation` as `caller`. */
export function fuzzRequest(operation: Operation, caller: Caller, fixtures: Fixtures): fc.Arbitrary<FuzzCase> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const segments = pathParams.map((p) => pathSegment(fixtures.params[operation.id]?.[p.name], fixtures.ids));
  const route: Choice<readonly [string, (p: string) => string]> = {
    good: fc.constant([operation.method.toUpperCase(), (p: string) => p] as const),
    bad: fc.oneof(
      fc.constantFrom('PATCH', 'OPTIONS', 'HEAD').map((m) => [m, (p: string) => p] as const),
      fc
        .constantFrom((p: string) => p + '/', (p: string) => p.replace('/api/', '//api//'), (p: string) => p.toUpperCase(), (p: string) => p + '/..', (p: string) => p + '%2f..')
        .map((twist) => [operation.method.toUpperCase(), twist] as const),
    ),
  };
  const query = queryString(operation, fixtures);
  const auth = authHeaders(caller);
  const headers = extraHeaders(operation);
  const body = bodyChoices(operation.body, fixtures.ids, fixtures.examples[operation.id] ?? [], fixtures.xmlDocuments);
  return spoiled.chain((bad) =>
    fc
      .record({
        route: pick(route, bad.has('route')),
        segments: fc.tuple(...segments.map((segment) => pick(segment, bad.has('segments')))),
        query: pick(query, bad.has('query')),
        auth: pick(auth, bad.has('auth')),
        extra: pick(headers, bad.has('headers')),
        content: pick(body.content, bad.has('content')),
        mediaType: pick(body.mediaType, bad.has('mediaType')),
        encoding: pick(body.encoding, bad.has('encoding')),
      })
      .map(({ route: [method, twist], segments, query, auth, extra, content, mediaType, encoding: [encodeBody, encodingNote] }) => {
        let i = 0;
        const path = twist(operation.template.replace(/\{\w+\}/g, () => segments[i++]!)) + query;
        const bodyHeaders: Record<string, string> = {};
        let bytes: Buffer | undefined;
        if (content) {
          const [encoded, contentEncoding] = encodeBody(content[0]);
          bytes = encoded;
          if (mediaType) bodyHeaders['content-type'] = mediaType;
          if (contentEncoding) bodyHeaders['content-encoding'] = contentEncoding;
        }
        const request: RawRequest = { method, path, headers: { ...extra, ...auth, ...bodyHeaders }, ...(bytes ? { body: bytes } : {}) };
        const note = `spoiled: ${[...bad].join(', ') || 'nothing'}; ${content ? `${content[1]}; ${encodingNote}` : 'no body'}`;
        return { operation: operation.id, caller: caller.name, request, note };
      }),
  );
}
