import type { InstanceRecord, TaskRecord } from '../store/port.js';

/**
 * What one commit changed, told to listeners after it landed: the server's live inbox
 * updates (server-sent events) and its metrics read these. Nothing is told for a commit
 * that failed.
 */
export interface CommitEvent {
  readonly type: 'commit';
  /**
   * `local`: a commit of this engine (durationMs measured). `store`: a change seen on the
   * store's change feed, made by this or any other server sharing it (durationMs 0).
   */
  readonly source: 'local' | 'store';
  readonly at: string;
  /** Wall time of the store commit, milliseconds (0 for `store` events). */
  readonly durationMs: number;
  readonly tasksCreated: readonly TaskRecord[];
  readonly tasksChanged: readonly TaskRecord[];
  readonly instancesStarted: readonly InstanceRecord[];
  readonly instancesChanged: readonly InstanceRecord[];
}

export type EngineEvent = CommitEvent;
export type EngineListener = (event: EngineEvent) => void;

export interface SubscribeOptions {
  /**
   * `local` (default for metrics): only this engine's commits. `all` (live inboxes): every
   * change to the store, from any server, where the store has a change feed (MongoDB); on a
   * store without one, the same as `local`.
   */
  readonly scope?: 'local' | 'all';
}
