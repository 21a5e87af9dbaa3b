/**
 * The engine's few error classes. Each carries a stable `code` (used by the server to pick a
 * status and by clients to branch) and readonly context fields. Only these errors are meant
 * for users: anything else is an internal failure and never shows its message outside.
 */

/**
 * What a problem's message was made from (engine/model/problemTexts.ts): a stable key and the
 * values put in its `{name}`s, so a client can say it in its user's language.
 */
export interface ProblemDetail {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** One problem found in a model, pinned to the element it concerns; `detail` when the compiler worded it. */
export interface Problem {
  readonly elementId: string;
  readonly message: string;
  readonly detail?: ProblemDetail;
}

export abstract class TerezeError extends Error {
  abstract readonly code: string;
}

/** The model cannot be deployed; `problems` lists every problem found, each with its element id. */
export class DefinitionError extends TerezeError {
  readonly code = 'invalid_model';
  readonly problems: readonly Problem[];
  /** The element of the first problem (the whole definitions element when the XML does not parse). */
  readonly elementId: string;

  constructor(problems: readonly Problem[]) {
    const first = problems[0] ?? { elementId: 'definitions', message: 'invalid model' };
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(`${first.elementId}: ${first.message}${more}`);
    this.name = 'DefinitionError';
    this.problems = Object.freeze([...problems]);
    this.elementId = first.elementId;
  }
}

export class NotFoundError extends TerezeError {
  readonly code = 'not_found';
  constructor(readonly kind: string, readonly id: string) {
    super(`${kind} '${id}' not found`);
    this.name = 'NotFoundError';
  }
}

/** Someone else changed the same thing first (a task completed twice, a lost version race). */
export class ConflictError extends TerezeError {
  readonly code = 'conflict';
  constructor(message: string, readonly subject?: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class ForbiddenError extends TerezeError {
  readonly code = 'forbidden';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A bad argument to the library API (unknown channel, wrong variable shape…), naming the field. */
export class InvalidArgumentError extends TerezeError {
  readonly code = 'bad_request';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'InvalidArgumentError';
  }
}

/**
 * An idempotency key its caller already used for a different request: the first request's
 * answer cannot stand for this one, and starting it would break the key's promise.
 */
export class IdempotencyKeyReusedError extends TerezeError {
  readonly code = 'idempotency_key_reused';
  constructor(readonly key: string) {
    super(`idempotency key '${key}' was already used for a different request; a new request needs a new key`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** A start on a channel the routing policy has closed (single access refuses the agency desk). */
export class ChannelClosedError extends TerezeError {
  readonly code = 'channel_closed';
  constructor(
    readonly serviceCode: string,
    readonly channel: string,
    /** The coordinator's decision behind it: why, and since when. */
    readonly decision?: { readonly reason: string; readonly effectiveFrom: string },
  ) {
    super(`service ${serviceCode} does not accept applications on the '${channel}' channel (single access${decision ? ` since ${decision.effectiveFrom}: ${decision.reason}` : ''})`);
    this.name = 'ChannelClosedError';
  }
}

/**
 * A business error, thrown by a service-task handler (or raised by an error end event), caught
 * by an error boundary event with the same `errorCode` (or a catch-all one).
 */
export class BpmnError extends TerezeError {
  readonly code = 'bpmn_error';
  constructor(readonly errorCode: string, message?: string) {
    super(message ?? `BPMN error ${errorCode}`);
    this.name = 'BpmnError';
  }
}

/**
 * The store cannot keep a change now: its disk is full, its file was deleted or replaced under
 * the running server, it is read-only, or its server is unreachable. `reason` is for anyone
 * (the 503 answer, the health check): no path, no host. `message` adds the detail an operator
 * needs (which file, which system error) and goes to the log and the start-up refusal.
 */
export class StoreUnavailableError extends TerezeError {
  readonly code = 'store_unavailable';
  readonly reason: string;
  /** Seconds after which a retry may succeed by itself (space freed, primary elected); absent when only an operator can fix it. */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: { readonly reason: string; readonly detail?: string; readonly retryAfterSeconds?: number; readonly cause?: unknown }) {
    super(options.detail ? `${options.reason}: ${options.detail}` : options.reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreUnavailableError';
    this.reason = options.reason;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
