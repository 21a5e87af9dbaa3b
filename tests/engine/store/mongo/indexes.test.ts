import { describe, expect, it } from 'vitest';
import { INDEXES, slaCrossingFind, slaPartialFilter } from '../../../../engine/store/mongo/indexes.js';

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
