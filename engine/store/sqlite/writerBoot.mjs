// Starts the sqlite writer thread from the TypeScript sources: a worker's first module is
// loaded by Node itself, so tsx's loader is registered here before writerThread.ts is imported.
// A compiled build runs writerThread.js directly (writerProtocol.ts#startWriter).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
