import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../engine/errors.js';
import type { InstanceRecord, Store } from '../../../engine/store/port.js';
import { sqliteStore } from '../../../engine/store/sqlite/SqliteStore.js';

const instance = (id: string): InstanceRecord => ({
  id, key: 'p', definitionId: 'p:1', version: 1, status: 'active', variables: {}, tokens: [], incidents: [],
  trackingNumber: `TN-${id}`, startedAt: '2026-03-20T04:00:00.000Z', nextToken: 1,
});

describe('sqlite store: its files watched (StoreFileGuard)', () => {
  let dir: string;
  let store: Store;
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<string> {
    dir = mkdtempSync(join(tmpdir(), 'tereze-guard-'));
    const file = join(dir, 'tereze.db');
    store = sqliteStore(file);
    await store.init();
    await store.commit({ instanceInserts: [instance('before')] });
    return file;
  }

  it('should report a healthy store as ok', async () => {
    await open();
    expect(await store.health()).toEqual({ ok: true });
  });

  it.each(['', '-wal'])('should refuse a commit, and then reads, once tereze.db%s is replaced by another file', async (suffix) => {
    const file = (await open()) + suffix;
    // A restore from a backup by `mv` while the server runs: same path, another inode.
    copyFileSync(file, `${file}.copy`);
    renameSync(`${file}.copy`, file);

    const refused = await store.commit({ instanceInserts: [instance('after')] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect((refused as StoreUnavailableError).message).toContain(`${file} was replaced by another file`);
    expect((refused as StoreUnavailableError).reason).not.toContain(dir); // the public part names no path
    await expect(store.getInstance('before')).rejects.toBeInstanceOf(StoreUnavailableError);
    const health = await store.health();
    expect(health.ok).toBe(false);
    if (!health.ok) expect(health.problem.reason).toMatch(/deleted or replaced/);
  });

  it('should notice a deleted file in the health check before any write', async () => {
    const file = await open();
    rmSync(file);
    const health = await store.health();
    expect(health.ok).toBe(false);
    if (!health.ok) expect(health.problem.message).toContain(`${file} was deleted`);
  });
});
