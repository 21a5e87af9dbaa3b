import { z } from 'zod';
import type { RouteSpec } from '../route.js';

/**
 * /api/openapi.json, built from the route declarations themselves (`*.routes.ts`): zod 4's
 * `z.toJSONSchema` for params, query, body and the 2xx body, OpenAPI 3.1 around it (whose
 * schema dialect is JSON Schema 2020-12, zod's default target). Schemas given an id with
 * `.meta({ id })` land once in `components.schemas`.
 */
type JsonSchema = Record<string, unknown>;

const ERROR_BODY: JsonSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: {} } },
      required: ['code', 'message'],
    },
    errors: { type: 'array', items: { type: 'object', properties: { elementId: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['error'],
};

const ERROR_STATUSES: Record<number, string> = {
  400: 'bad input: `details.issues[]` (in, path, message) or `details.field`',
  401: 'not logged in',
  403: 'not your role or scope (`forbidden`), a closed channel (`channel_closed`), a missing CSRF token (`csrf`)',
  404: 'unknown resource',
  409: 'someone else got there first',
  413: 'body over the limit (`details.limit`)',
  415: 'unsupported media type',
  422: 'invalid BPMN model (`errors[]` with elementId, message, code and, when the compiler worded it, detail: key and params)',
  429: 'too many failed logins (Retry-After)',
  500: 'internal error (`details.requestId` only)',
};

export interface OpenApiOptions {
  readonly version: string;
  /** Extra operations declared outside the ROUTES registry (GET /metrics, GET /api/events). */
  readonly extra?: Record<string, Record<string, unknown>>;
}

export function openApiDocument(routes: Record<string, Record<string, RouteSpec>>, options: OpenApiOptions): JsonSchema {
  const components: Record<string, JsonSchema> = { Error: ERROR_BODY };
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => hoist(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema, components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [resource, specs] of Object.entries(routes)) {
    for (const [name, spec] of Object.entries(specs)) {
      const path = spec.path.replace(/:(\w+)/g, '{$1}');
      const operation: Record<string, unknown> = {
        operationId: `${resource}.${name}`,
        tags: [resource],
        summary: spec.summary,
        'x-roles': spec.access === 'public' ? 'public' : spec.access.roles,
        ...(spec.access !== 'public' && spec.access.scope ? { 'x-scope': spec.access.scope } : {}),
        ...(spec.response ? { 'x-redacted-as': spec.response } : {}),
        security: spec.access === 'public' ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }],
        parameters: [...parameters(spec.params, 'path', convert), ...parameters(spec.query, 'query', convert), ...parameters(spec.headers, 'header', convert)],
        ...(spec.body ? { requestBody: requestBody(spec.body, convert) } : {}),
        responses: responses(spec, convert),
      };
      (paths[path] ??= {})[spec.method] = operation;
    }
  }
  for (const [path, operations] of Object.entries(options.extra ?? {})) Object.assign((paths[path] ??= {}), operations);
  return {
    openapi: '3.1.0',
    info: { title: 'Tereze REST API', version: options.version, description: 'Errors are `{ error: { code, message, details? } }` (components.schemas.Error).' },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'tereze_session', description: 'Cookie sessions send X-CSRF-Token on POST/PUT/DELETE.' },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/session.' },
      },
    },
  };
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query' | 'header', convert: (s: z.ZodType, io: 'input' | 'output') => JsonSchema): unknown[] {
  if (!schema) return [];
  const json = convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

function requestBody(body: NonNullable<RouteSpec['body']>, convert: (s: z.ZodType, io: 'input' | 'output') => JsonSchema): unknown {
  if (body.kind === 'file') {
    const schema = { type: 'string', format: 'binary', description: 'the scan itself (PDF, JPEG or PNG, recognised by its first bytes)' };
    return { required: true, content: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'].map((type) => [type, { schema }])) };
  }
  if (body.kind === 'xml') {
    const schema = { type: 'string', description: 'BPMN 2.0 XML' };
    return { required: true, content: { 'application/xml': { schema }, 'text/xml': { schema } } };
  }
  return { required: true, content: { 'application/json': { schema: convert(body.schema, 'input') } } };
}

function responses(spec: RouteSpec, convert: (s: z.ZodType, io: 'input' | 'output') => JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const status of spec.responses) {
    const isSuccess = status < 300;
    out[String(status)] = {
      description: isSuccess ? 'success' : 'see summary',
      ...(isSuccess && spec.responseBody ? { content: { 'application/json': { schema: convert(spec.responseBody, 'output') } } } : {}),
      ...(isSuccess && spec.responseType ? { content: { [spec.responseType]: { schema: { type: 'string', format: 'binary' } } } } : {}),
    };
  }
  const errors = [400, ...(spec.access === 'public' ? [] : [401, 403]), 404, ...(spec.body ? [413, 415] : []), 500];
  for (const status of errors) out[String(status)] ??= { description: ERROR_STATUSES[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return out;
}

/** Moves `$defs` into components.schemas and points the refs there; drops the per-schema `$schema`. */
function hoist(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const { $schema: _s, $defs, ...rest } = schema;
  for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) components[id] = retarget(def) as JsonSchema;
  return retarget(rest) as JsonSchema;
}

function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : retarget(v)]),
    );
  }
  return value;
}
