import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../engine/errors.js';
import { idFilter, strictFilter } from '../../../../engine/store/mongo/filters.js';

describe('strictFilter', () => {
  it('should refuse a job completion filter whose id or owner is undefined, naming the field', () => {
    expect(() => strictFilter('job completion', { _id: undefined, lockOwner: 'node-1' })).toThrow(InvalidArgumentError);
    expect(() => strictFilter('job completion', { _id: undefined, lockOwner: 'node-1' })).toThrow(/job completion\._id: is undefined/);
    expect(() => strictFilter('job release', { _id: 'j1', lockOwner: undefined })).toThrow(/job release\.lockOwner/);
  });

  it('should find undefined inside operators and $in lists', () => {
    expect(() => strictFilter('job deletes', { _id: { $in: ['a', undefined] } })).toThrow(/job deletes\._id\.\$in\[1\]/);
    expect(() => strictFilter('instance update', { _id: 'i1', version: { $eq: undefined } })).toThrow(/version\.\$eq/);
    expect(() => strictFilter('x', { $or: [{ a: 1 }, { b: undefined }] })).toThrow(/x\.\$or\[1\]\.b/);
  });

  it('should pass a complete filter through unchanged, nulls and dates included', () => {
    const filter = { _id: 'j1', lockOwner: null, dueAt: { $lte: '2026-01-01T00:00:00Z' }, at: new Date(0) };
    expect(strictFilter('job', filter)).toBe(filter);
  });
});

describe('idFilter', () => {
  it('should find nothing for an undefined or non-string id instead of matching everything', () => {
    expect(idFilter(undefined)).toBeUndefined();
    expect(idFilter(null)).toBeUndefined();
    expect(idFilter({ $ne: 'x' })).toBeUndefined();
    expect(idFilter('t-1')).toEqual({ _id: 't-1' });
  });
});
