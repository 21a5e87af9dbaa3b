import { createHash } from 'node:crypto';
import type { StartResult } from '../api.js';
import { IdempotencyKeyReusedError, InvalidArgumentError } from '../errors.js';
import type { IdempotencyRecord, Store } from '../store/port.js';

/**
 * How long a start remembers its idempotency key: a day covers a double click, a client's retries
 * and a counter reopening the next morning (Stripe keeps keys for the same 24 hours).
 */
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * 3_600_000;

/** Printable ASCII without spaces, as a header value carries it; a UUID fits, so does a form id. */
const KEY = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_KEY_FORMAT = '1 to 255 printable ASCII characters, without spaces';

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && KEY.test(value);
}

/** What makes two starts "the same request": everything that shapes the new application. */
export interface StartRequest {
  readonly key: string;
  readonly channel: string | null;
  readonly variables: Record<string, unknown>;
  readonly applicant: Record<string, unknown> | null;
  readonly region: string | null;
  readonly centre: string | null;
}

/**
 * One start under an idempotency key. The key is recorded in the start's own commit, and the
 * store refuses a second record of it (a unique key), so the guarantee holds under concurrency
 * and across engines: the loser of a race conflicts, retries, and finds the winner's record.
 */
export class IdempotentStart {
  readonly key: string;
  private readonly fingerprint: string;

  constructor(
    key: unknown,
    /** Whose key it is: one user's keys never answer another's requests. */
    readonly scope: string,
    request: StartRequest,
  ) {
    if (!isIdempotencyKey(key)) throw new InvalidArgumentError('idempotencyKey', `must be ${IDEMPOTENCY_KEY_FORMAT}`);
    this.key = key;
    this.fingerprint = createHash('sha256').update(canonicalJson(request)).digest('hex');
  }

  /** The first start's result, when this key was already used (and has not lapsed) for this request. */
  async earlier(store: Store, now: Date): Promise<StartResult | undefined> {
    const record = await store.getIdempotencyKey(this.scope, this.key);
    if (!record || record.expiresAt <= now.toISOString()) return undefined;
    if (record.fingerprint !== this.fingerprint) throw new IdempotencyKeyReusedError(this.key);
    return record.result as unknown as StartResult;
  }

  record(result: StartResult, now: Date): IdempotencyRecord {
    return {
      scope: this.scope,
      key: this.key,
      fingerprint: this.fingerprint,
      instanceId: result.id,
      result: { ...result },
      at: now.toISOString(),
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_RETENTION_MS).toISOString(),
    };
  }
}

/** JSON with object keys sorted at every depth: a body sent with its fields reordered is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
