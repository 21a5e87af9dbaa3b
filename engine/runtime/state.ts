/** The instance state lives with the other records (engine/records/instance.ts); re-exported for the runtime. */
export type * from '../records/instance.js';
