import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { ActingUser, AppContext, AppState, AuthSettings, Credentials } from './AppContext.js';
import { checkPasswordChange, checkRoles, type Access, type ResponseKind, type ScopeChecks } from './auth/access.js';
import { shapeResponse } from './auth/redaction.js';
import { bodyParsing, rawFileBody } from './bodyParsing.js';
import { HttpProblem } from './HttpProblem.js';
import type { AnswerBody } from './contracts/answer.js';

/**
 * Routes are declared as data (method, path, who may call them, zod schemas, success statuses,
 * what they answer with) in each resource's `*.routes.ts`, and answered by plain functions in
 * its `*.handlers.ts` (CONVENTIONS.md 6). `mount` runs every route through the same steps:
 *
 *  1. roles    - 401 without a user, 403 without a role the route names (access.ts); 403
 *                `password_change_required` while a temporary password is unchanged
 *  2. body     - parsed only now, so a stranger's body is never read (413 over the limit)
 *  3. validate - params, query, headers, body by their schemas (400)
 *  4. scope    - the route's scope check on the resource itself (403)
 *  5. handler
 *  6. redact   - the answer shaped for the viewer by its declared kind (redaction.ts): the
 *                one place that decides who sees whose name on a file
 *
 * The same declarations feed the authorization test (every route as every role) and
 * feed `z.toJSONSchema` for /api/openapi.json (openapi/openApiDocument.ts).
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

const MEDIA_TYPES = {
  json: ['application/json'],
  xml: ['application/xml', 'text/xml'],
  /** A scan as the raw request body (fetch with a File, `curl --data-binary @scan.pdf`): its type is checked by its bytes. */
  file: ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'],
} as const;

export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly access: Access;
  /** Callable with a temporary password not yet changed (access.ts#checkPasswordChange). */
  readonly duringPasswordChange?: boolean;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** Request headers the route reads, by their lower-case names (Node gives them so). */
  readonly headers?: z.ZodType;
  /** The body's media type and schema; a body of another media type is 415. */
  readonly body?: { readonly kind: keyof typeof MEDIA_TYPES; readonly schema: z.ZodType };
  /** The statuses a success may have. */
  readonly responses: readonly number[];
  /** A task, tasks, or an application: redacted for the viewer before it leaves. */
  readonly response?: ResponseKind;
  /** The 2xx body's shape, for /api/openapi.json (and the test that checks answers against it). */
  readonly responseBody?: z.ZodType;
  /** The 2xx body's media type when it is not JSON (a PDF): documented as binary. */
  readonly responseType?: string;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<R extends RouteSpec> {
  readonly params: Parsed<R['params']>;
  readonly query: Parsed<R['query']>;
  readonly headers: Parsed<R['headers']>;
  readonly body: R['body'] extends { readonly schema: infer S } ? Parsed<S> : undefined;
  readonly user: ActingUser;
  readonly credentials?: Credentials;
  /** The client's address (X-Forwarded-For only when TRUST_PROXY is on). */
  readonly address: string;
}

/** A cookie to set (`value: null` clears it). */
export interface ReplyCookie {
  readonly name: string;
  readonly value: string | null;
  /** False only for the CSRF cookie, which the page's script must read. */
  readonly httpOnly: boolean;
  readonly maxAgeMs?: number;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Content type when not JSON. */
  readonly type?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cookies?: readonly ReplyCookie[];
}

/** The body a route's handler must answer with: its declared `responseBody` (contracts/answer.ts), checked by the compiler. */
export type ReplyBody<R extends RouteSpec> = R['responseBody'] extends z.ZodType ? AnswerBody<R['responseBody']> : unknown;

/** A JSON answer must have its route's declared shape; an answer of another type (a CSV, a PDF) carries its own. */
export type RouteReply<R extends RouteSpec> = Reply & ({ readonly type: string } | { readonly type?: undefined; readonly body: ReplyBody<R> });

export type RouteHandler<R extends RouteSpec> = (input: RouteInput<R>) => Promise<RouteReply<R>>;
export type RouteHandlers<T extends Record<string, RouteSpec>> = { readonly [K in keyof T]: RouteHandler<T[K]> };

/** What every mounted route shares: the scope checks and the cookie settings. */
export interface MountContext {
  readonly scopes: ScopeChecks;
  readonly auth: Pick<AuthSettings, 'cookieSecure'>;
}

/** Registers every route of a resource on the router, each guarded, validated and redacted by its spec. */
export function mount<T extends Record<string, RouteSpec>>(router: Router<AppState>, routes: T, handlers: RouteHandlers<T>, context: MountContext): void {
  const parseBody = bodyParsing();
  const readFile = rawFileBody();
  for (const name of Object.keys(routes) as (keyof T & string)[]) {
    const spec = routes[name]!;
    const handle = handlers[name];
    const guard: Middleware<AppState> = async (ctx, next) => {
      checkRoles(spec.access, ctx.state.user);
      checkPasswordChange(spec.duringPasswordChange, ctx.state.user);
      await next();
    };
    const answer: Middleware<AppState> = async (ctx) => {
      const input = {
        params: validate(spec.params, ctx.params, 'params'),
        query: validate(spec.query, ctx.query, 'query'),
        headers: validate(spec.headers, ctx.headers, 'headers'),
        body: spec.body ? validate(spec.body.schema, readBody(ctx, spec.body.kind), 'body') : undefined,
        user: ctx.state.user,
        ...(ctx.state.credentials ? { credentials: ctx.state.credentials } : {}),
        address: ctx.ip,
      } as RouteInput<T[typeof name]>;
      if (spec.access !== 'public' && spec.access.scope) await context.scopes[spec.access.scope](ctx.state.user, input);
      const reply = await handle(input);
      if (reply.headers) ctx.set(reply.headers);
      for (const cookie of reply.cookies ?? []) setCookie(ctx, cookie, context.auth.cookieSecure);
      ctx.status = reply.status;
      if (reply.type) ctx.type = reply.type;
      ctx.body = spec.response ? shapeResponse(spec.response, ctx.state.user, reply.body) : reply.body;
    };
    const parser = spec.body?.kind === 'file' ? readFile : parseBody;
    const chain = spec.body ? [guard, parser as Middleware<AppState>, answer] : [guard, answer];
    router.register(spec.path, [spec.method.toUpperCase()], chain, { name });
  }
}

/** SameSite=Strict always; Secure by the setting (`auto`: when this request came over https). */
function setCookie(ctx: AppContext, cookie: ReplyCookie, secureSetting: MountContext['auth']['cookieSecure']): void {
  const secure = secureSetting === 'on' || (secureSetting === 'auto' && ctx.secure);
  // Behind a TLS proxy Koa may not know the request was https; the setting says it was.
  if (secure) ctx.cookies.secure = true;
  ctx.cookies.set(cookie.name, cookie.value, {
    httpOnly: cookie.httpOnly,
    sameSite: 'strict',
    secure,
    path: '/',
    overwrite: true,
    ...(cookie.value === null ? { maxAge: 0, expires: new Date(0) } : cookie.maxAgeMs ? { maxAge: cookie.maxAgeMs } : {}),
  });
}

/** The parsed body, after checking its media type; no body at all reads as `{}` (JSON) or `''` (XML). */
function readBody(ctx: AppContext, kind: keyof typeof MEDIA_TYPES): unknown {
  const types = MEDIA_TYPES[kind];
  // An empty body (`Content-Length: 0`, as fetch sends for a bodiless POST) has no media type to check.
  const match = ctx.request.length === 0 ? null : ctx.request.is(...types);
  if (match === null) return kind === 'json' ? {} : kind === 'file' ? new Uint8Array(0) : '';
  if (match === false) {
    throw new HttpProblem(415, 'unsupported_media_type', `this route takes ${types.join(' or ')}, not ${ctx.request.type || 'an untyped body'}`, {
      accepts: [...types],
    });
  }
  return ctx.request.body;
}

function validate(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'headers' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ in: where, path: issue.path.map(String).join('.'), message: issue.message }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new HttpProblem(400, 'bad_request', `${first.in}${first.path ? '.' + first.path : ''}: ${first.message}${more}`, { issues });
}
