import { describe, expect, it } from 'vitest';
import { APPLICANT_FIELDS, INDEXES, applicantLookupFind, slaCrossingFind, slaPartialFilter } from '../../../../engine/store/mongo/indexes.js';

describe('slaCrossingFind', () => {
  for (const collection of ['tasks', 'instances'] as const) {
    for (const crossing of ['warn', 'due'] as const) {
      it(`should hint the ${collection} ${crossing} partial index and repeat its filter, so the index can answer`, () => {
        const { filter, options } = slaCrossingFind(collection, crossing, '2026-01-01T00:00:00.000Z', 50);
        const index = INDEXES[collection].find((i) => i.name === options.hint);
        expect(index, `index ${options.hint}`).toBeDefined();
        expect(index!.partialFilterExpression).toEqual(slaPartialFilter(collection, crossing));
        expect(filter).toMatchObject(slaPartialFilter(collection, crossing));
        // the sort is the index's key order, so a limited sweep reads only `limit` entries
        expect(Object.keys(options.sort)).toEqual(Object.keys(index!.key));
        expect(options.limit).toBe(50);
      });
    }
  }
});

describe('INDEXES', () => {
  it('should keep history and notifications in commit order (the counter), not by an ObjectId', () => {
    expect(INDEXES.history.map((i) => i.key)).toEqual([{ instanceId: 1, _seq: 1 }]);
    expect(INDEXES.notifications.map((i) => i.key)).toEqual([{ instanceId: 1, _seq: 1 }]);
  });
});

describe('applicantLookupFind', () => {
  const after = { startedAt: '2026-03-20T04:00:00.000Z', id: 'i9' };

  it("should read an IIN from its partial index, repeating the index's filter, newest first in the index's own order", () => {
    const { filter, options } = applicantLookupFind({ kind: 'iin', term: '900101300123' }, after, 20);
    const index = INDEXES.instances.find((i) => i.name === options.hint);
    expect(index?.key).toEqual({ [APPLICANT_FIELDS.iin]: 1, startedAt: -1, _id: -1 });
    expect(index?.partialFilterExpression).toEqual({ [APPLICANT_FIELDS.iin]: { $exists: true } });
    expect(filter[APPLICANT_FIELDS.iin]).toEqual({ $exists: true, $eq: '900101300123' });
    expect(options.sort).toEqual({ startedAt: -1, _id: -1 });
    expect(filter['$or']).toEqual([{ startedAt: { $lt: after.startedAt } }, { startedAt: after.startedAt, _id: { $lt: 'i9' } }]);
    expect(options.limit).toBe(20);
  });

  it('should match a name prefix with both bounds on one term ($elemMatch), from the terms index', () => {
    const { filter, options } = applicantLookupFind({ kind: 'name', from: 'aig', to: 'aig\u{10FFFF}' }, after, 5);
    const index = INDEXES.instances.find((i) => i.name === options.hint);
    expect(index?.key).toEqual({ [APPLICANT_FIELDS.terms]: 1, startedAt: -1, _id: -1 });
    expect(index?.partialFilterExpression).toEqual({ [APPLICANT_FIELDS.terms]: { $exists: true } });
    expect(filter[APPLICANT_FIELDS.terms]).toEqual({ $exists: true, $elemMatch: { $gte: 'aig', $lt: 'aig\u{10FFFF}' } });
  });
});
