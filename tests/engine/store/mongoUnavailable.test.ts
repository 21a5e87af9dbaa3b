import { MongoError, MongoNetworkError, MongoServerError, MongoWriteConcernError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../engine/errors.js';
import { mongoUnavailable } from '../../../engine/store/mongo/mongoUnavailable.js';

// The driver's own error classes, built as the driver builds them from a server's reply (no
// server runs here: the adapter's contract tests skip, this mapping does not need one).
const server = (code: number, errmsg: string) => new MongoServerError({ ok: 0, code, errmsg });

describe('mongoUnavailable', () => {
  it('should map no writable primary, unreachable, shutdown, full disk and no majority to StoreUnavailableError', () => {
    const cases: [unknown, RegExp, number][] = [
      [server(10107, 'not primary'), /no writable primary/, 10],
      [server(13435, 'not primary and secondaryOk=false'), /no writable primary/, 10],
      [server(189, 'primary stepped down'), /no writable primary/, 10],
      [server(11602, 'interrupted due to repl state change'), /no writable primary/, 10],
      [server(91, 'shutdown in progress'), /shutting down/, 10],
      [server(6, 'host unreachable'), /cannot be reached/, 10],
      [new MongoNetworkError('connection 3 to 10.0.0.5:27017 closed'), /cannot be reached/, 10],
      [server(14031, 'out of disk space'), /disk .* full/, 60],
      [new MongoWriteConcernError({ ok: 1, writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' } }), /majority/, 10],
    ];
    for (const [error, reason, retry] of cases) {
      const mapped = mongoUnavailable(error);
      expect(mapped, String(error)).toBeInstanceOf(StoreUnavailableError);
      expect(mapped?.reason).toMatch(reason);
      expect(mapped?.retryAfterSeconds).toBe(retry);
      expect(mapped?.reason).not.toMatch(/10\.0\.0\.5/); // hosts stay in the detail, for the log
      expect(mapped?.cause).toBe(error);
    }
  });

  it('should leave conflicts, bad commands and non-driver errors alone', () => {
    expect(mongoUnavailable(server(11000, 'E11000 duplicate key'))).toBeUndefined();
    expect(mongoUnavailable(server(112, 'write conflict'))).toBeUndefined();
    expect(mongoUnavailable(new MongoError('something else'))).toBeUndefined();
    expect(mongoUnavailable(new Error('ECONNREFUSED'))).toBeUndefined();
  });
});
