import type Router from '@koa/router';
import type { z } from 'zod';
import type { ActingUser, AppContext, AppState } from './AppContext.js';
import { HttpProblem } from './HttpProblem.js';

/**
 * Routes are declared as data (method, path, zod schemas, success statuses) in each resource's
 * `*.routes.ts`, and answered by plain functions in its `*.handlers.ts` (CONVENTIONS.md 6).
 * `mount` validates the input before a handler runs, so handlers see typed, checked values;
 * the same declarations can later feed `z.toJSONSchema` for /api/openapi.json.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

const MEDIA_TYPES = {
  json: ['application/json'],
  xml: ['application/xml', 'text/xml'],
} as const;

export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** The body's media type and schema; a body of another media type is 415. */
  readonly body?: { readonly kind: keyof typeof MEDIA_TYPES; readonly schema: z.ZodType };
  /** The statuses a success may have. */
  readonly responses: readonly number[];
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<R extends RouteSpec> {
  readonly params: Parsed<R['params']>;
  readonly query: Parsed<R['query']>;
  readonly body: R['body'] extends { readonly schema: infer S } ? Parsed<S> : undefined;
  readonly user: ActingUser;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Content type when not JSON. */
  readonly type?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler<R extends RouteSpec> = (input: RouteInput<R>) => Promise<Reply>;
export type RouteHandlers<T extends Record<string, RouteSpec>> = { readonly [K in keyof T]: RouteHandler<T[K]> };

/** Registers every route of a resource on the router, each validated by its spec. */
export function mount<T extends Record<string, RouteSpec>>(router: Router<AppState>, routes: T, handlers: RouteHandlers<T>): void {
  for (const name of Object.keys(routes) as (keyof T & string)[]) {
    const spec = routes[name]!;
    const handle = handlers[name];
    router.register(spec.path, [spec.method.toUpperCase()], async (ctx) => {
      const input = {
        params: validate(spec.params, ctx.params, 'params'),
        query: validate(spec.query, ctx.query, 'query'),
        body: spec.body ? validate(spec.body.schema, readBody(ctx, spec.body.kind), 'body') : undefined,
        user: ctx.state.user,
      } as RouteInput<T[typeof name]>;
      const reply = await handle(input);
      if (reply.headers) ctx.set(reply.headers);
      ctx.status = reply.status;
      if (reply.type) ctx.type = reply.type;
      ctx.body = reply.body;
    }, { name });
  }
}

/** The parsed body, after checking its media type; no body at all reads as `{}` (JSON) or `''` (XML). */
function readBody(ctx: AppContext, kind: keyof typeof MEDIA_TYPES): unknown {
  const types = MEDIA_TYPES[kind];
  // An empty body (`Content-Length: 0`, as fetch sends for a bodiless POST) has no media type to check.
  const match = ctx.request.length === 0 ? null : ctx.request.is(...types);
  if (match === null) return kind === 'json' ? {} : '';
  if (match === false) {
    throw new HttpProblem(415, 'unsupported_media_type', `this route takes ${types.join(' or ')}, not ${ctx.request.type || 'an untyped body'}`, {
      accepts: [...types],
    });
  }
  return ctx.request.body;
}

function validate(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ in: where, path: issue.path.map(String).join('.'), message: issue.message }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new HttpProblem(400, 'bad_request', `${first.in}${first.path ? '.' + first.path : ''}: ${first.message}${more}`, { issues });
}
