import { codedProblems } from '../engine/model/problemCodes.js';
import { STATUS_CODES } from 'node:http';
import type { Middleware } from 'koa';
import {
  ChannelClosedError,
  ConflictError,
  DefinitionError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidArgumentError,
  NotFoundError,
  StoreUnavailableError,
} from '../engine/index.js';
import type { AppState } from './AppContext.js';
import { errorLanguage, errorMessageIn } from './errorLanguage.js';
import { HttpProblem } from './HttpProblem.js';
import type { Logger } from './logger.js';

/** The contract's error body: `{ error: { code, message, details? } }` (plus `errors` for a bad model). */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: Record<string, unknown> };
  /** Only for 422 invalid model: the deploy row of the REST contract lists problems at the top. */
  readonly errors?: readonly { readonly elementId: string; readonly message: string }[];
}

interface Mapped {
  readonly status: number;
  readonly body: ErrorBody;
  /** Headers the answer carries (Retry-After on a 429 or a 503). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one place errors become responses (CONVENTIONS.md 5). Only errors meant for users show
 * their message; anything else is a 500 "internal error" whose real cause goes to the log only.
 */
export function errorMiddleware(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const mapped = mapError(error);
      if (mapped.headers) ctx.set(mapped.headers);
      ctx.status = mapped.status;
      ctx.body = mapped.body;
      if (mapped.status >= 500) {
        const requestId = ctx.state.requestId;
        logger.error('request failed', { requestId, method: ctx.method, path: ctx.path, error: asError(error) });
        // The request id is the one thing a caller can quote to find the real cause in the log.
        ctx.body = { error: { ...mapped.body.error, details: { requestId } } } satisfies ErrorBody;
      }
      worded(ctx);
    }
  };
}

/**
 * Runs after the routes: a request no route answered (404, or 405 with the router's Allow
 * header) still gets the contract's error body.
 */
export function unmatchedRoute(): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined && ctx.body !== null) return;
    if (ctx.status === 404) throw new HttpProblem(404, 'not_found', `no route for ${ctx.method} ${ctx.path}`);
    if (ctx.status === 405) throw new HttpProblem(405, 'method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`, { allow: ctx.response.get('Allow') });
    if (ctx.status === 501) throw new HttpProblem(501, 'not_implemented', `${ctx.method} is not implemented`);
  };
}

/**
 * The error body's message in the caller's language (Accept-Language, else the user's saved
 * choice; errorLanguage.ts); the code, the details and the status stay as they are.
 */
function worded(ctx: Parameters<Middleware<AppState>>[0]): void {
  const body = ctx.body as ErrorBody;
  const lang = errorLanguage(ctx.get('accept-language') || undefined, ctx.state.user);
  ctx.vary('Accept-Language');
  ctx.set('Content-Language', lang);
  if (lang === 'en') return;
  ctx.body = { ...body, error: { ...body.error, message: errorMessageIn(lang, body.error.code, ctx.status, body.error.message) } } satisfies ErrorBody;
}

/** Maps a thrown value to a status and the contract's body. Exported for the tests' sake. */
export function mapError(error: unknown): Mapped {
  if (error instanceof HttpProblem) return { ...problem(error.status, error.code, error.message, error.details), ...(error.headers ? { headers: error.headers } : {}) };
  if (error instanceof DefinitionError) {
    const errors = codedProblems(error.problems);
    return { status: 422, body: { error: { code: 'invalid_model', message: error.message, details: { errors } }, errors } };
  }
  if (error instanceof InvalidArgumentError) return problem(400, 'bad_request', error.message, { field: error.field });
  if (error instanceof NotFoundError) return problem(404, 'not_found', error.message, { kind: error.kind, id: error.id });
  if (error instanceof ConflictError) return problem(409, 'conflict', error.message);
  if (error instanceof ChannelClosedError) {
    return problem(403, 'channel_closed', error.message, { serviceCode: error.serviceCode, channel: error.channel, ...(error.decision ?? {}) });
  }
  if (error instanceof ForbiddenError) return problem(403, 'forbidden', error.message);
  // 422, as draft-ietf-httpapi-idempotency-key-header asks for a key reused with another payload.
  if (error instanceof IdempotencyKeyReusedError) return problem(422, 'idempotency_key_reused', error.message, { header: 'Idempotency-Key', key: error.key });
  if (error instanceof StoreUnavailableError) {
    // The reason only: the message's file path or host is for the log (where the 5xx goes).
    const mapped = problem(503, 'store_unavailable', `the store is unavailable: ${error.reason}; nothing from this request was saved, try again later`);
    return error.retryAfterSeconds === undefined ? mapped : { ...mapped, headers: { 'Retry-After': String(error.retryAfterSeconds) } };
  }
  const fromParser = bodyParserProblem(error);
  if (fromParser) return fromParser;
  return problem(500, 'internal', 'internal error');
}

/**
 * co-body / raw-body (under @koa/bodyparser) and the router throw errors with a `status`;
 * their own messages may quote the body, so each known kind gets a message of ours.
 */
function bodyParserProblem(error: unknown): Mapped | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type, limit } = error as { status?: unknown; type?: unknown; limit?: unknown };
  if (type === 'entity.too.large' || status === 413) {
    const bytes = typeof limit === 'number' ? limit : undefined;
    const message = bytes === undefined ? 'the request body is too large' : `the request body is over the limit of ${bytes} bytes`;
    return problem(413, 'payload_too_large', message, bytes === undefined ? undefined : { limit: bytes });
  }
  if (type === 'encoding.unsupported' || status === 415) return problem(415, 'unsupported_media_type', 'the request body encoding is not supported');
  if (type === 'request.size.invalid') return problem(400, 'bad_request', 'the request body does not match its Content-Length');
  if (status === 400 && error instanceof SyntaxError) return problem(400, 'bad_request', 'the request body is not valid JSON (an object is expected)');
  return exposedClientError(error);
}

/**
 * Any other http-errors 4xx a middleware raised on purpose (`expose: true`, as koa-send and
 * ctx.throw set them) is still the caller's fault: its status, with a code and message made from
 * the status name (its own message may quote the request).
 */
function exposedClientError(error: object): Mapped | undefined {
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const name = STATUS_CODES[status] ?? 'Bad Request';
  return problem(status, name.toLowerCase().replace(/[^a-z]+/g, '_'), `the request was refused: ${name}`);
}

function problem(status: number, code: string, message: string, details?: Record<string, unknown>): Mapped {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

/** A thrown non-Error (a string, an object) still gets logged with something to read. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(`non-error thrown: ${safeString(error)}`);
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
