/**
 * The store contract on MongoDB: against MONGODB_URI when set, else against a single-node
 * replica set from mongodb-memory-server. When neither is available (an offline machine cannot
 * download mongod) the suite is reported skipped with the reason: never a pass without a server.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { afterAll } from 'vitest';
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
