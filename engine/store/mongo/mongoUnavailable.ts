/**
 * The MongoDB driver's ways of saying "this store cannot keep a change now", in the engine's
 * words (the same StoreUnavailableError the sqlite store throws): the server unreachable, no
 * writable primary (an election, a step-down), a shutdown, a full disk, a majority that does
 * not confirm. The driver has already retried once where the spec says so; what reaches us is
 * the outcome. `reason` carries no host (it reaches the public health check); `detail` has the
 * driver's message for the log (which never carries the URI's password).
 */
import {
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  MongoWriteConcernError,
} from 'mongodb';
import { StoreUnavailableError } from '../../errors.js';

/** Server codes (mongo's error_codes.yml), grouped by what they mean for a writer. */
const NO_PRIMARY = new Set([10107, 13435, 13436, 189, 11602, 10058]); // NotWritablePrimary, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary, PrimarySteppedDown, InterruptedDueToReplStateChange, LegacyNotPrimary
const SHUTTING_DOWN = new Set([91, 11600]); // ShutdownInProgress, InterruptedAtShutdown
const UNREACHABLE = new Set([6, 7, 89, 9001]); // HostUnreachable, HostNotFound, NetworkTimeout, SocketException
const NO_MAJORITY = new Set([64, 100]); // WriteConcernTimeout (WriteConcernFailed), UnsatisfiableWriteConcern
const DISK_FULL = 14031; // OutOfDiskSpace

/** An election takes seconds (electionTimeoutMillis is 10 s by default). */
const ELECTION_RETRY_S = 10;
const FULL_RETRY_S = 60;

export function mongoUnavailable(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  if (!(error instanceof MongoError)) return undefined;
  const make = (reason: string, retryAfterSeconds: number) =>
    new StoreUnavailableError({ reason, detail: `${error.name}: ${error.message}`, retryAfterSeconds, cause: error });

  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoOperationTimeoutError
  ) {
    return make('the database server cannot be reached', ELECTION_RETRY_S);
  }
  const code = codeOf(error);
  if (code === undefined) return undefined;
  if (NO_PRIMARY.has(code)) return make('the database has no writable primary (an election may be under way)', ELECTION_RETRY_S);
  if (SHUTTING_DOWN.has(code)) return make('the database server is shutting down', ELECTION_RETRY_S);
  if (UNREACHABLE.has(code)) return make('the database server cannot be reached', ELECTION_RETRY_S);
  if (NO_MAJORITY.has(code)) return make('the database could not confirm the change on a majority of its members', ELECTION_RETRY_S);
  if (code === DISK_FULL) return make('the disk holding the database is full', FULL_RETRY_S);
  return undefined;
}

/** A write-concern error carries its code inside the result; others on the error. */
function codeOf(error: MongoError): number | undefined {
  const inner = error instanceof MongoWriteConcernError ? (error.result as { writeConcernError?: { code?: unknown } } | undefined)?.writeConcernError?.code : undefined;
  const code = Number(inner ?? error.code);
  return Number.isFinite(code) ? code : undefined;
}
