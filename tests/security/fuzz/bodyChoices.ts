import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { JSON_LIMIT_BYTES, XML_LIMIT_BYTES } from '../../../server/bodyParsing.js';
import { deeplyNested } from './hostileValues.js';
import { schemaValue, type JsonSchema } from './schemaValue.js';

export interface BodySpec {
  readonly kind: 'json' | 'xml';
  readonly schema?: JsonSchema;
}

/** The server's own body limits: bodies just under and over them. */
const JSON_LIMIT = JSON_LIMIT_BYTES;
const XML_LIMIT = XML_LIMIT_BYTES;

const MALFORMED_JSON = [
  '',
  '{',
  '[',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}garbage',
  '\ufeff{}',
  'null',
  '"text"',
  '1',
  'true',
  '[]',
  'NaN',
  '{"a":NaN}',
  '{"n":1e400}',
  '{"s":"\\ud800"}',
  '{"s":"\\u00"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"serviceCode":"TEST-BENEFIT","serviceCode":{"x":1},"channel":"centre"}',
  '{"to":"official","reason":"r","__proto__":null}',
] as const;

const MALFORMED_XML = [
  '',
  '<',
  '<?xml version="1.0"?>',
  '<definitions>',
  '<html><body>not bpmn</body></html>',
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><definitions>&lol2;</definitions>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&xxe;</definitions>',
  '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="__proto__"/></definitions>',
  '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="constructor" isExecutable="true"><startEvent id="toString"/></process></definitions>',
  '\ufeff<?xml version="1.0"?><x/>',
] as const;

/** Invalid UTF-8 where the parser expects text. */
const BAD_UTF8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);

let gzipBomb: Buffer | undefined;
/** Small on the wire, 8 MB once inflated: over both limits. */
function bomb(): Buffer {
  return (gzipBomb ??= gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)));
}

/** A dimension of a request the fuzzer may spoil: a well-formed choice and a malformed one. */
export interface Choice<T> {
  readonly good: fc.Arbitrary<T>;
  readonly bad: fc.Arbitrary<T>;
}

export type Content = readonly [Buffer, string];
export type Encode = (body: Buffer) => readonly [Buffer, string | undefined];

/** The three parts of a body: its bytes, its media type and its Content-Encoding. */
export interface BodyChoices {
  readonly content: Choice<Content | undefined>;
  readonly mediaType: Choice<string>;
  readonly encoding: Choice<readonly [Encode, string]>;
}

/** The body parts for a route that takes `spec` (or none: then a body at all is the malformed choice). */
export function bodyChoices(spec: BodySpec | undefined, ids: readonly string[], examples: readonly unknown[], xmlDocuments: readonly string[]): BodyChoices {
  const right = spec?.kind === 'xml' ? 'application/xml' : 'application/json';
  const bad = spec?.kind === 'xml' ? xmlContent(xmlDocuments) : jsonContent(spec?.schema, ids, examples);
  const good: fc.Arbitrary<Content | undefined> = !spec
    ? fc.constant(undefined)
    : spec.kind === 'xml'
      ? fc.constantFrom(...xmlDocuments).map((s): Content => [Buffer.from(s), 'a valid model'])
      : examples.length
        ? fc.constantFrom(...examples).map((e): Content => [Buffer.from(JSON.stringify(e)), 'a valid example'])
        : spec.schema
          ? schemaValue(spec.schema, ids).map((v): Content => [Buffer.from(JSON.stringify(v) ?? 'null'), 'schema-shaped JSON'])
          : fc.constant<Content>([Buffer.from('{}'), 'an empty object']);
  return {
    content: { good, bad },
    mediaType: { good: fc.constantFrom(right, `${right}; charset=utf-8`), bad: badMediaType },
    encoding: encoding(),
  };
}

const badMediaType = fc.constantFrom(
  'text/xml',
  'application/json',
  'application/json; charset=utf-16le',
  'application/json; charset=bogus',
  'application/json; charset=latin1',
  'application/json; charset="',
  'application/json;;',
  'application/json, text/xml',
  'application/merge-patch+json',
  'application/xml; charset=utf-32',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '*/*',
  'json',
  '',
);

function jsonContent(schema: JsonSchema | undefined, ids: readonly string[], examples: readonly unknown[]): fc.Arbitrary<Content> {
  const text = (value: unknown, note: string): Content => [Buffer.from(JSON.stringify(value) ?? 'null'), note];
  const shaped = schema ? schemaValue(schema, ids).map((v) => text(v, 'schema-shaped JSON')) : fc.jsonValue({ maxDepth: 2 }).map((v) => text(v, 'any JSON'));
  const mutated = examples.length
    ? fc.tuple(fc.constantFrom(...examples), fc.nat(), leafReplacement(ids)).map(([example, at, [value, note]]): Content => {
        // The replacement goes in as text: a 100,000-deep value would overflow JSON.stringify here.
        const body = (JSON.stringify(replaceLeaf(example, at, PLACEHOLDER)) ?? 'null').replace(JSON.stringify(PLACEHOLDER), () => value);
        return [Buffer.from(body), `a valid example with one leaf replaced by ${note}`];
      })
    : shaped;
  const deep = fc.tuple(fc.constantFrom(1_000, 10_000, 100_000), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>, fc.boolean()).map(([depth, kind, inVariables]): Content => {
    const nested = deeplyNested(depth, kind);
    const body = inVariables ? `{"serviceCode":"TEST-BENEFIT","channel":"centre","outcome":"approve","variables":{"deep":${nested}}}` : nested;
    return [Buffer.from(body), `${kind} nested ${depth} deep${inVariables ? ' under variables' : ''}`];
  });
  const huge = fc.constantFrom(JSON_LIMIT - 200, JSON_LIMIT + 1, 3 * JSON_LIMIT).map((n): Content => [Buffer.from(`{"reason":"${'x'.repeat(n)}"}`), `{"reason": ${n} × "x"}`]);
  return fc.oneof(
    { arbitrary: shaped, weight: 10 },
    { arbitrary: mutated, weight: 8 },
    { arbitrary: fc.constantFrom(...MALFORMED_JSON).map((s): Content => [Buffer.from(s), 'malformed JSON']), weight: 4 },
    { arbitrary: fc.constantFrom(...MALFORMED_XML).map((s): Content => [Buffer.from(s), 'XML sent to a JSON route']), weight: 1 },
    { arbitrary: fc.constant<Content>([BAD_UTF8, 'invalid UTF-8']), weight: 1 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: huge, weight: 1 },
  );
}

const PLACEHOLDER = '\u0001fuzz-leaf\u0001';

/** What replaces one leaf of a valid body, as JSON text: a wrong value, a deep one, a huge one, prototype keys. */
function leafReplacement(ids: readonly string[]): fc.Arbitrary<readonly [string, string]> {
  return fc.oneof(
    { arbitrary: schemaValue({}, ids).map((v) => [JSON.stringify(v) ?? 'null', 'a wrong value'] as const), weight: 6 },
    {
      arbitrary: fc.tuple(fc.constantFrom(100, 5_000, 100_000), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>).map(([depth, kind]) => [deeplyNested(depth, kind), `${kind}s nested ${depth} deep`] as const),
      weight: 2,
    },
    { arbitrary: fc.constantFrom(10_000, JSON_LIMIT - 1024).map((n) => [JSON.stringify('é'.repeat(n / 2)), `a ${n}-byte string`] as const), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":1,"hasOwnProperty":"x","valueOf":null}',
        '{"__proto__":null}',
        '[{"__proto__":[]}]',
        '1e400',
        '-1e400',
        '123456789012345678901234567890',
        '"\\ud800"',
        '"\\u0000"',
      ).map((text) => [text, `the literal ${text}`] as const),
      weight: 2,
    },
  );
}

function xmlContent(documents: readonly string[]): fc.Arbitrary<Content> {
  const valid = fc.constantFrom(...documents);
  const mutated = fc.tuple(valid, fc.nat(), fc.nat({ max: 40 }), fc.constantFrom('', '<', '>', '&', '"', '__proto__', 'constructor', '\u0000', '💥', '<x>', ']]>')).map(([doc, at, cut, insert]): Content => {
    const i = at % doc.length;
    return [Buffer.from(doc.slice(0, i) + insert + doc.slice(i + cut)), `a valid model with ${cut} characters at ${i} replaced by ${JSON.stringify(insert)}`];
  });
  const deep = fc.constantFrom(1_000, 100_000).map((n): Content => [Buffer.from('<a>'.repeat(n) + '</a>'.repeat(n)), `<a> nested ${n} deep`]);
  const huge = fc.constantFrom(XML_LIMIT - 1024 * 1024 * 4, XML_LIMIT + 1).map((n): Content => [Buffer.from(documents[0]!.replace('?>', `?><!--${'x'.repeat(n)}-->`)), `a model with a ${n}-byte comment`]);
  return fc.oneof(
    { arbitrary: valid.map((s): Content => [Buffer.from(s), 'a valid model']), weight: 3 },
    { arbitrary: mutated, weight: 5 },
    { arbitrary: fc.constantFrom(...MALFORMED_XML).map((s): Content => [Buffer.from(s), 'malformed XML']), weight: 3 },
    { arbitrary: fc.constantFrom(...MALFORMED_JSON).map((s): Content => [Buffer.from(s), 'JSON sent to an XML route']), weight: 1 },
    { arbitrary: valid.map((s): Content => [Buffer.from(s, 'utf16le'), 'a valid model in UTF-16']), weight: 1 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: huge, weight: 1 },
  );
}

function encoding(): Choice<readonly [Encode, string]> {
  const as = (note: string, encode: Encode) => [encode, note] as const;
  return {
    good: fc.constantFrom(
      as('no Content-Encoding', (b) => [b, undefined]),
      as('gzip', (b) => [gzipSync(b), 'gzip']),
      as('deflate', (b) => [deflateSync(b), 'deflate']),
      as('GZIP (upper case)', (b) => [gzipSync(b), 'GZIP']),
      as('identity', (b) => [b, 'identity']),
    ),
    bad: fc.constantFrom(
        as('not gzip at all', (b) => [b, 'gzip']),
        as('not deflate at all', (b) => [b, 'deflate']),
        as('gzip cut short', (b) => [gzipSync(b).subarray(0, Math.max(10, gzipSync(b).length - 8)), 'gzip']),
        as('gzip with a corrupt stream', (b) => [corrupt(gzipSync(b)), 'gzip']),
        as('not brotli', (b) => [b, 'br']),
        as('gzip then deflate, sent as gzip only', (b) => [deflateSync(gzipSync(b)), 'gzip']),
        as('two encodings listed', (b) => [deflateSync(gzipSync(b)), 'gzip, deflate']),
        as('an unknown encoding', (b) => [b, 'compress']),
        as('an 8 MB gzip bomb', () => [bomb(), 'gzip']),
    ),
  };
}

function corrupt(gzipped: Buffer): Buffer {
  const copy = Buffer.from(gzipped);
  for (let i = 10; i < copy.length - 8; i += 3) copy[i] = copy[i]! ^ 0x5a;
  return copy;
}

/** A copy of `value` with its `at`-th leaf (modulo their number) replaced. */
function replaceLeaf(value: unknown, at: number, replacement: unknown): unknown {
  const leaves: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    if (v && typeof v === 'object' && Object.keys(v).length) for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    else leaves.push(path);
  };
  walk(value, []);
  const target = leaves[at % leaves.length]!;
  if (target.length === 0) return replacement;
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  for (const key of target.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  parent[target.at(-1)!] = replacement;
  return copy;
}
