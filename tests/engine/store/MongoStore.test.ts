/**
 * The store contract on MongoDB: against MONGODB_URI when set, else against a single-node
 * replica set from mongodb-memory-server when MONGOMS_SYSTEM_BINARY names a local mongod (it
 * cannot download one offline). Otherwise the suite is reported skipped with the reason: never
 * a pass without a server. The adapter's pure parts are tested without one (tests/engine/store/mongo).
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreChange, TaskRecord } from '../../../engine/store/port.js';
import { mongoStore } from '../../../engine/store/mongo/MongoStore.js';
import { slaCrossingFind } from '../../../engine/store/mongo/indexes.js';
import { describeStoreContract } from './storeContract.js';
import { describeOutboxContract } from './notificationOutboxContract.js';

const START_LIMIT_MS = 20_000;

async function startMemoryReplSet(): Promise<MongoMemoryReplSet> {
  let timer: NodeJS.Timeout | undefined;
  const starting = MongoMemoryReplSet.create({ replSet: { count: 1 } });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // if it does come up later, do not leave it running
      starting.then((late) => late.stop()).catch(() => {});
      reject(new Error(`not started within ${START_LIMIT_MS / 1000} s`));
    }, START_LIMIT_MS);
  });
  try {
    return await Promise.race([starting, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let uri = process.env['MONGODB_URI'];
let server: MongoMemoryReplSet | undefined;
let skipReason: string | undefined;
if (!uri && !process.env['MONGOMS_SYSTEM_BINARY']) {
  skipReason = 'mongo: no MongoDB server here (set MONGODB_URI to a replica set, or MONGOMS_SYSTEM_BINARY to a local mongod)';
} else if (!uri) {
  try {
    server = await startMemoryReplSet();
    uri = server.getUri();
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim().slice(0, 300);
    skipReason = `mongo: no MONGODB_URI and mongodb-memory-server could not start: ${message}`;
  }
}

function freshDatabase(): string {
  const dbName = `tereze_test_${randomUUID().slice(0, 8)}`;
  databases.push(dbName);
  return dbName;
}

const openTask = (overrides: Partial<TaskRecord> = {}): TaskRecord => ({
  id: randomUUID(), instanceId: 'i1', tokenId: 't1', key: 'p', elementId: 'review', trackingNumber: '1', assignee: 'ana', state: 'open', createdAt: new Date().toISOString(), version: 1, ...overrides,
});

// Every test gets its own database; they are dropped at the end.
const databases: string[] = [];
afterAll(async () => {
  if (uri && databases.length > 0) {
    const client = await MongoClient.connect(uri);
    try {
      for (const name of databases) await client.db(name).dropDatabase();
    } finally {
      await client.close();
    }
  }
  await server?.stop();
});

describeStoreContract(
  'mongo',
  async () => {
    if (!uri) throw new Error('no server');
    const dbName = `tereze_test_${randomUUID().slice(0, 8)}`;
    databases.push(dbName);
    return mongoStore(uri, { dbName });
  },
  skipReason,
);

describeOutboxContract('mongo', async () => mongoStore(uri!, { dbName: freshDatabase() }), skipReason);

describe.skipIf(skipReason !== undefined)(`mongo change feed${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('should report a task created by another store object on the same database (another server)', async () => {
    const dbName = freshDatabase();
    const watcher = mongoStore(uri!, { dbName });
    const writer = mongoStore(uri!, { dbName });
    await watcher.init();
    await writer.init();
    const seen: StoreChange[] = [];
    const feed = await watcher.watch!((change) => seen.push(change), (error) => { throw error; });
    try {
      // no wait: watch() resolves once the stream is open on the server
      const task = openTask();
      await writer.commit({ taskInserts: [task] });
      for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen[0]?.tasksCreated).toEqual([task]);
    } finally {
      await feed.close();
      await watcher.close();
      await writer.close();
    }
  });
});

describe.skipIf(skipReason !== undefined)(`mongo adapter on a server${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('should answer the SLA sweep from its partial index (explain)', async () => {
    const dbName = freshDatabase();
    const store = mongoStore(uri!, { dbName });
    await store.init();
    const client = await MongoClient.connect(uri!);
    try {
      const past = '2020-01-01T00:00:00.000Z';
      await store.commit({ taskInserts: Array.from({ length: 20 }, (_, n) => openTask({ trackingNumber: String(n), warnAt: past, dueAt: past })) });
      for (const crossing of ['warn', 'due'] as const) {
        const { filter, options } = slaCrossingFind('tasks', crossing, new Date().toISOString(), 10);
        const plan = await client.db(dbName).collection('tasks').find(filter, options).explain('queryPlanner');
        expect(JSON.stringify(plan['queryPlanner']['winningPlan'])).toContain(`"indexName":"sla_${crossing}"`);
      }
      expect(await store.findSlaCrossings({ now: new Date().toISOString(), limit: 5 })).toHaveLength(5);
    } finally {
      await client.close();
      await store.close();
    }
  });

  it('should read back a record as JSON would keep it, odd keys included, and find nothing for an undefined id', async () => {
    const store = mongoStore(uri!, { dbName: freshDatabase() });
    await store.init();
    try {
      const task = { ...openTask(), variables: { at: new Date(0), n: NaN, link: { $ref: 'x', $id: 1 }, 'a.b': { 'nul\0': '%' } } } as unknown as TaskRecord;
      await store.commit({ taskInserts: [task] });
      expect(await store.getTask(task.id)).toEqual(JSON.parse(JSON.stringify(task)));
      expect(await store.getTask(undefined as unknown as string)).toBeUndefined();
      await expect(store.releaseJob(undefined as unknown as string, 'me', { dueAt: task.createdAt, error: 'x' })).rejects.toThrow(/job release\._id/);
    } finally {
      await store.close();
    }
  });
});
