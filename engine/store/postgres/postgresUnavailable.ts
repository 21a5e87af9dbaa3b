/**
 * node-postgres' and the server's ways of saying "this store cannot keep a change now", as the
 * engine's StoreUnavailableError; lost races (unique violations, serialization failures,
 * deadlocks) as ConflictError. `reason` carries no host (it reaches the public health check);
 * `detail` has the driver's message for the log (node-postgres never prints the password).
 */
import { ConflictError, InvalidArgumentError, StoreUnavailableError } from '../../errors.js';

const RECONNECT_RETRY_S = 10;
const FULL_RETRY_S = 60;

/** Socket-level codes: the server is not there, or went away. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

export function postgresUnavailable(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const make = (reason: string, retryAfterSeconds?: number) =>
    new StoreUnavailableError({ reason, detail: `${typeof code === 'string' ? `${code}: ` : ''}${error.message}`, cause: error, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });

  if (typeof code === 'string') {
    if (UNREACHABLE.has(code)) return make('the database server cannot be reached', RECONNECT_RETRY_S);
    if (code.startsWith('08')) return make('the connection to the database server failed', RECONNECT_RETRY_S); // connection exception
    if (code === '57P01' || code === '57P02' || code === '57P03') return make('the database server is shutting down or starting up', RECONNECT_RETRY_S);
    if (code === '53100') return make('the disk holding the database is full', FULL_RETRY_S);
    if (code.startsWith('53')) return make('the database server is out of resources (connections or memory)', RECONNECT_RETRY_S);
    if (code === '25006') return make('the database is read-only (a replica, or a primary in recovery)', RECONNECT_RETRY_S);
    if (code.startsWith('28')) return make('the database server refused the credentials');
    if (code === '3D000') return make('the database named in DATABASE_URL does not exist');
  }
  // node-postgres' own words for a socket that closed under it
  if (/Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(error.message)) {
    return make('the database server cannot be reached', RECONNECT_RETRY_S);
  }
  return undefined;
}

/** A lost race: two writers of one key, a serialization failure, a deadlock. */
export function postgresConflict(error: unknown, what: string): ConflictError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = (error as { detail?: unknown } | null)?.detail;
  if (code === '23505') return new ConflictError(`${what}: already exists${typeof detail === 'string' ? ` (${detail})` : ''}`);
  if (code === '40001' || code === '40P01') return new ConflictError(`${what}: a concurrent commit won (${(error as Error).message})`);
  return undefined;
}

/**
 * What PostgreSQL refuses to keep whatever the moment: a NUL character (`\u0000`) in a text,
 * which JSONB cannot hold (sqlite can). A 400 naming the problem; a retry would fail the same.
 */
export function postgresRefused(error: unknown, what: string): InvalidArgumentError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '22P05' || code === '22021') {
    return new InvalidArgumentError(what, 'a text holds a NUL character (\\u0000), which the PostgreSQL store cannot keep: remove it');
  }
  return undefined;
}
