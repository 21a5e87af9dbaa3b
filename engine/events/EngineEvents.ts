import type { InstanceRecord, TaskRecord } from '../store/port.js';

/**
 * What one commit changed, told to listeners after it landed: the server's live inbox
 * updates (server-sent events) and its metrics read these. Nothing is told for a commit
 * that failed.
 */
export interface CommitEvent {
  readonly type: 'commit';
  readonly at: string;
  /** Wall time of the store commit, milliseconds. */
  readonly durationMs: number;
  readonly tasksCreated: readonly TaskRecord[];
  readonly tasksChanged: readonly TaskRecord[];
  readonly instancesStarted: readonly InstanceRecord[];
  readonly instancesChanged: readonly InstanceRecord[];
}

export type EngineEvent = CommitEvent;
export type EngineListener = (event: EngineEvent) => void;
