import { describe, expect, it } from 'vitest';
import {
  ChannelClosedError,
  ConflictError,
  DefinitionError,
  ForbiddenError,
  InvalidArgumentError,
  NotFoundError,
  StoreUnavailableError,
} from '../../engine/index.js';
import { mapError } from '../../server/errors.js';

describe('mapError', () => {
  it('should give each engine error its status and code', () => {
    const cases: [unknown, number, string][] = [
      [new DefinitionError([{ elementId: 'review', message: 'bad' }]), 422, 'invalid_model'],
      [new InvalidArgumentError('channel', 'no'), 400, 'bad_request'],
      [new NotFoundError('task', 't1'), 404, 'not_found'],
      [new ConflictError('taken'), 409, 'conflict'],
      [new ChannelClosedError('PS-001', 'agency'), 403, 'channel_closed'],
      [new ForbiddenError('not yours'), 403, 'forbidden'],
      [new TypeError("Cannot read properties of undefined (reading 'graph')"), 500, 'internal'],
      ['a string', 500, 'internal'],
      [undefined, 500, 'internal'],
    ];
    for (const [error, status, code] of cases) {
      const mapped = mapError(error);
      expect([mapped.status, mapped.body.error.code], String(error)).toEqual([status, code]);
    }
  });

  it('should say which service and channel a closed channel concerns', () => {
    expect(mapError(new ChannelClosedError('PS-001', 'agency')).body.error.details).toEqual({ serviceCode: 'PS-001', channel: 'agency' });
  });

  it('should answer a store that cannot keep changes with 503, its reason but not its path, and Retry-After when a retry may help', () => {
    const full = mapError(new StoreUnavailableError({ reason: 'the disk holding the database is full', detail: '/srv/tereze/data/tereze.db (SQLITE_FULL)', retryAfterSeconds: 60 }));
    expect(full.status).toBe(503);
    expect(full.body.error.code).toBe('store_unavailable');
    expect(full.body.error.message).toContain('the disk holding the database is full');
    expect(full.body.error.message).not.toContain('/srv/tereze');
    expect(full.headers).toEqual({ 'Retry-After': '60' });
    expect(mapError(new StoreUnavailableError({ reason: 'the database is read-only' })).headers).toBeUndefined();
  });

  it('should never show the message of an error not meant for users', () => {
    expect(mapError(new Error('ECONNREFUSED 10.0.0.5:27017')).body).toEqual({ error: { code: 'internal', message: 'internal error' } });
  });
});
