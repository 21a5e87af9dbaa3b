/**
 * What a failed mongo commit means, in the engine's errors (engine/errors.ts), so that nothing
 * the database says reaches a caller as a bare 500:
 *  - unreachable, no primary, full disk... → StoreUnavailableError (mongoUnavailable.ts);
 *  - the audit trail taken by other commits on every try, a write conflict that outlasts the
 *    driver's 120 s transaction retry budget, a duplicate key → ConflictError (someone else
 *    changed the same thing first: the caller may try again);
 *  - a commit whose outcome the server could not confirm → StoreUnavailableError;
 *  - a document over MongoDB's 16 MB limit → InvalidArgumentError naming the record: retrying
 *    cannot help (a 503 would invite retries) and nobody else changed it (so not a conflict);
 *  - a server that cannot run transactions → StoreUnavailableError (an operator must fix it).
 * Anything else is left as it is: an internal failure.
 */
import { BSON, MongoError, MongoInvalidArgumentError } from 'mongodb';
import { ConflictError, InvalidArgumentError, StoreUnavailableError, TerezeError } from '../../errors.js';
import { mongoUnavailable } from './mongoUnavailable.js';

/** Two commits appended the same audit seq: the batch is run again, up to the store's budget. */
export class AuditRace extends Error {
  constructor() {
    super('audit seq taken by a concurrent commit');
    this.name = 'AuditRace';
  }
}

export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

const WRITE_CONFLICT = 112;
const DUPLICATE_KEY = new Set([11000, 11001]);
const TOO_LARGE = new Set([10334, 17419, 17420, 4568, 10003]); // BSONObjectTooLarge, update results over 16 MB, ...
const ILLEGAL_OPERATION = 20; // "Transaction numbers are only allowed on a replica set member or mongos"

export interface CommitContext {
  /** How many times the commit was tried (AuditRace retries). */
  readonly attempts: number;
  /** The documents the commit wrote, to name the one that was too large. */
  readonly documents?: () => Iterable<{ readonly what: string; readonly doc: object }>;
}

export function mongoCommitError(error: unknown, context: CommitContext): Error {
  if (error instanceof TerezeError) return error;
  if (error instanceof AuditRace) {
    return new ConflictError(`the audit trail was appended by other commits on each of ${context.attempts} tries; try again`, 'audit');
  }
  const unavailable = mongoUnavailable(error);
  if (unavailable) return unavailable;
  if (isTooLarge(error)) return tooLarge(error, context);
  if (!(error instanceof MongoError)) return error instanceof Error ? error : new Error(String(error));
  const code = Number(error.code);
  if (DUPLICATE_KEY.has(code)) {
    const key = (error as { keyValue?: unknown }).keyValue;
    return new ConflictError(`a record with the same key already exists${key ? `: ${JSON.stringify(key)}` : ''}`);
  }
  if (code === WRITE_CONFLICT || error.hasErrorLabel('TransientTransactionError')) {
    return new ConflictError('the change kept conflicting with concurrent changes to the same records until the retry budget (120 s) ran out; try again');
  }
  if (error.hasErrorLabel('UnknownTransactionCommitResult')) {
    return new StoreUnavailableError({ reason: 'the database could not confirm whether the change was kept', detail: `${error.name}: ${error.message}`, retryAfterSeconds: 10, cause: error });
  }
  if (code === ILLEGAL_OPERATION) {
    return new StoreUnavailableError({ reason: 'the database cannot run transactions (the mongo store needs a replica set)', detail: error.message, cause: error });
  }
  return error;
}

/** The server's code, the driver's own check before sending, or BSON refusing to serialise. */
export function isTooLarge(error: unknown): boolean {
  if (error instanceof MongoError && TOO_LARGE.has(Number(error.code))) return true;
  if (error instanceof MongoInvalidArgumentError && /larger than the maximum size/i.test(error.message)) return true;
  return BSON.BSONError.isBSONError(error) && /larger than|exceeds/i.test(error.message);
}

function tooLarge(error: unknown, context: CommitContext): InvalidArgumentError {
  let largest: { what: string; bytes: number } | undefined;
  for (const { what, doc } of context.documents?.() ?? []) {
    const bytes = sizeOf(doc);
    if (!largest || bytes > largest.bytes) largest = { what, bytes };
  }
  const limit = `MongoDB's ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB document limit`;
  const field = largest?.what ?? 'record';
  const size = largest && largest.bytes > MAX_DOCUMENT_BYTES ? `${(largest.bytes / 1024 / 1024).toFixed(1)} MB, ` : '';
  return Object.assign(new InvalidArgumentError(field, `is ${size}over ${limit}: keep large files out of the variables`), { cause: error });
}

function sizeOf(doc: object): number {
  try {
    return BSON.calculateObjectSize(doc as BSON.Document);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
