import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../engine/errors.js';
import { sqliteStore } from '../../../engine/store/sqlite/SqliteStore.js';
import type { InstanceRecord } from '../../../engine/store/port.js';
import { describeStoreContract } from './storeContract.js';

const dir = mkdtempSync(join(tmpdir(), 'tereze-sqlite-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite :memory:', async () => sqliteStore(':memory:'));
describeStoreContract('sqlite file', async () => sqliteStore(join(dir, `contract-${++files}.db`)));

describe('sqlite: two stores on one file', () => {
  const record = (version: number, variables: Record<string, unknown> = {}): InstanceRecord => ({
    id: 'i1', key: 'p', definitionId: 'p:1', version, status: 'active', variables, tokens: [], incidents: [],
    trackingNumber: 'TN-1', startedAt: '2026-03-20T04:00:00.000Z', nextToken: 1,
  });

  it('see each other’s commits and refuse a stale compare-and-set', async () => {
    const file = join(dir, 'shared', 'tereze.db');
    const a = sqliteStore(file);
    const b = sqliteStore(file, { synchronous: 'full' });
    await a.init();
    await b.init();
    try {
      await a.commit({ instanceInserts: [record(1)], audit: [{ at: 'x', actor: 'a', action: 'start', subject: 'i1' }] });
      expect((await b.getInstance('i1'))?.version).toBe(1);
      await b.commit({ instanceUpdates: [{ record: record(2, { by: 'b' }), expectedVersion: 1 }], audit: [{ at: 'y', actor: 'b', action: 'step', subject: 'i1' }] });
      expect((await a.getInstance('i1'))?.variables).toEqual({ by: 'b' });
      // a read version 1 before b's step: its step is refused
      await expect(a.commit({ instanceUpdates: [{ record: record(2, { by: 'a' }), expectedVersion: 1 }] })).rejects.toBeInstanceOf(ConflictError);
      expect((await b.getInstance('i1'))?.variables).toEqual({ by: 'b' });
      expect((await a.audit({})).map((e) => [e.seq, e.actor])).toEqual([[1, 'a'], [2, 'b']]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
