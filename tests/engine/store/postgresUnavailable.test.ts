import { describe, expect, it } from 'vitest';
import { ConflictError, StoreUnavailableError } from '../../../engine/errors.js';
import { postgresConflict, postgresUnavailable } from '../../../engine/store/postgres/postgresUnavailable.js';

const pgError = (code: string, message = 'boom'): Error => Object.assign(new Error(message), { code });

describe('postgresUnavailable', () => {
  it('should name an unreachable, restarting, full or read-only server in words, with a retry hint', () => {
    expect(postgresUnavailable(pgError('ECONNREFUSED'))).toMatchObject({ reason: 'the database server cannot be reached', retryAfterSeconds: 10 });
    expect(postgresUnavailable(pgError('57P01', 'terminating connection due to administrator command'))?.reason).toBe('the database server is shutting down or starting up');
    expect(postgresUnavailable(pgError('53100'))).toMatchObject({ reason: 'the disk holding the database is full', retryAfterSeconds: 60 });
    expect(postgresUnavailable(pgError('25006'))?.reason).toContain('read-only');
    expect(postgresUnavailable(new Error('Connection terminated unexpectedly'))?.reason).toBe('the database server cannot be reached');
  });

  it('should give no retry hint where only an operator can help (credentials, a missing database)', () => {
    const auth = postgresUnavailable(pgError('28P01', 'password authentication failed for user "tereze"'));
    expect(auth).toBeInstanceOf(StoreUnavailableError);
    expect(auth?.retryAfterSeconds).toBeUndefined();
    expect(postgresUnavailable(pgError('3D000'))?.reason).toBe('the database named in DATABASE_URL does not exist');
  });

  it('should leave other errors alone: a bug is not an outage', () => {
    expect(postgresUnavailable(pgError('42P01', 'relation "tasks" does not exist'))).toBeUndefined();
    expect(postgresUnavailable(new TypeError('x is undefined'))).toBeUndefined();
    expect(postgresUnavailable('text')).toBeUndefined();
  });
});

describe('postgresConflict', () => {
  it('should make a lost race a ConflictError: unique violation, serialization failure, deadlock', () => {
    for (const code of ['23505', '40001', '40P01']) expect(postgresConflict(pgError(code), 'commit')).toBeInstanceOf(ConflictError);
    expect(postgresConflict(pgError('23502'), 'commit')).toBeUndefined();
  });
});
