/**
 * The store contract on MongoDB: against MONGODB_URI when set, else against a single-node
 * replica set from mongodb-memory-server. When neither is available (an offline machine cannot
 * download mongod) the suite is reported skipped with the reason: never a pass without a server.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreChange } from '../../../engine/store/port.js';
import { mongoStore } from '../../../engine/store/mongo/MongoStore.js';
import { describeStoreContract } from './storeContract.js';

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
if (!uri) {
  try {
    server = await startMemoryReplSet();
    uri = server.getUri();
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim().slice(0, 300);
    skipReason = `mongo: no MONGODB_URI and mongodb-memory-server could not start: ${message}`;
  }
}

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

describe.skipIf(skipReason !== undefined)(`mongo change feed${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('should report a task created by another store object on the same database (another server)', async () => {
    const dbName = `tereze_test_${randomUUID().slice(0, 8)}`;
    databases.push(dbName);
    const watcher = mongoStore(uri!, { dbName });
    const writer = mongoStore(uri!, { dbName });
    await watcher.init();
    await writer.init();
    const seen: StoreChange[] = [];
    const feed = await watcher.watch!((change) => seen.push(change), (error) => { throw error; });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500)); // the stream is open
      const task = { id: randomUUID(), instanceId: 'i1', tokenId: 't1', key: 'p', elementId: 'review', trackingNumber: '1', assignee: 'ana', state: 'open' as const, createdAt: new Date().toISOString(), version: 1 };
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
