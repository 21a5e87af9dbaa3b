import { BSON, MongoError, MongoInvalidArgumentError, MongoNetworkError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError, StoreUnavailableError } from '../../../../engine/errors.js';
import { AuditRace, MAX_DOCUMENT_BYTES, mongoCommitError } from '../../../../engine/store/mongo/storeErrors.js';

// The driver's own error objects, as it builds them from a server's reply (no server runs here).
const server = (reply: Record<string, unknown>) => new MongoServerError({ ok: 0, ...reply } as never);
const once = { attempts: 1 };

describe('mongoCommitError', () => {
  it('should turn an audit race that lasted every try into a ConflictError saying so', () => {
    const mapped = mongoCommitError(new AuditRace(), { attempts: 5 });
    expect(mapped).toBeInstanceOf(ConflictError);
    expect(mapped.message).toMatch(/audit trail .* 5 tries/);
  });

  it('should turn a write conflict left after the transaction budget into a ConflictError', () => {
    const conflict = server({ code: 112, codeName: 'WriteConflict', errmsg: 'WriteConflict error', errorLabels: ['TransientTransactionError'] });
    const mapped = mongoCommitError(conflict, once);
    expect(mapped).toBeInstanceOf(ConflictError);
    expect(mapped.message).toMatch(/conflicting with concurrent changes .*\(120 s\)/);
    const labelled = server({ code: 251, codeName: 'NoSuchTransaction', errmsg: 'aborted', errorLabels: ['TransientTransactionError'] });
    expect(mongoCommitError(labelled, once)).toBeInstanceOf(ConflictError);
  });

  it('should turn a duplicate key into a ConflictError naming the key', () => {
    const duplicate = server({ code: 11000, errmsg: 'E11000 duplicate key error collection: t.instances index: trackingNumber', keyValue: { trackingNumber: 'KZ-1' } });
    const mapped = mongoCommitError(duplicate, once);
    expect(mapped).toBeInstanceOf(ConflictError);
    expect(mapped.message).toMatch(/same key already exists: \{"trackingNumber":"KZ-1"\}/);
  });

  it('should turn a document over 16 MB (server code, driver check or BSON) into a 400 naming the largest record', () => {
    const big = { id: 'i-9', variables: { scan: 'x'.repeat(MAX_DOCUMENT_BYTES + 10) } };
    const documents = () => [{ what: 'task t-1', doc: { id: 't-1' } }, { what: 'instance i-9', doc: big }];
    const errors = [
      server({ code: 10334, codeName: 'BSONObjectTooLarge', errmsg: 'BSONObj size: 16777300 is invalid' }),
      new MongoInvalidArgumentError('Document is larger than the maximum size 16777216'),
      new BSON.BSONError('Document exceeds the maximum size'),
    ];
    for (const error of errors) {
      const mapped = mongoCommitError(error, { attempts: 1, documents });
      expect(mapped, error.message).toBeInstanceOf(InvalidArgumentError);
      expect((mapped as InvalidArgumentError).field).toBe('instance i-9');
      expect(mapped.message).toMatch(/instance i-9: is 16\.0 MB, over MongoDB's 16 MB document limit/);
      expect(mapped.cause).toBe(error);
    }
  });

  it('should map an unconfirmed commit and a server without transactions to StoreUnavailableError', () => {
    const unknown = server({ code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit', errorLabels: ['UnknownTransactionCommitResult'] });
    const mapped = mongoCommitError(unknown, once);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect((mapped as StoreUnavailableError).reason).toMatch(/could not confirm whether the change was kept/);
    const standalone = mongoCommitError(server({ code: 20, errmsg: 'Transaction numbers are only allowed on a replica set member or mongos' }), once);
    expect((standalone as StoreUnavailableError).reason).toMatch(/needs a replica set/);
    expect(mongoCommitError(new MongoNetworkError('connection closed'), once)).toBeInstanceOf(StoreUnavailableError);
  });

  it('should leave engine errors and unknown failures as they are', () => {
    const conflict = new ConflictError('task t-1 is no longer at version 2');
    expect(mongoCommitError(conflict, once)).toBe(conflict);
    const other = new MongoError('something else');
    expect(mongoCommitError(other, once)).toBe(other);
  });
});
