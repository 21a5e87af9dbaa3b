/** The store's front door: the port's types and the three adapters. */
export { sqliteStore } from './sqlite/SqliteStore.js';
export type { SqliteStoreOptions } from './sqlite/SqliteStore.js';
export { mongoStore } from './mongo/MongoStore.js';
export type { MongoStoreOptions } from './mongo/MongoStore.js';
export { postgresStore } from './postgres/PostgresStore.js';
export type { PostgresStoreOptions } from './postgres/PostgresStore.js';
export type * from './port.js';
