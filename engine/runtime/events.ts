/** What goes into a step (events) and what comes out (effects): plain data, applied by the engine shell. */
import type { HistoryEntry } from '../records/index.js';
import type { InstanceState } from './state.js';
import type { NotificationKind } from '../notifications/notificationKinds.js';

export type RuntimeEvent =
  | { readonly type: 'start'; readonly startId: string }
  | { readonly type: 'completeTask'; readonly tokenId: string; readonly taskId: string; readonly by: string; readonly outcome?: string; readonly variables?: Record<string, unknown> }
  | { readonly type: 'message'; readonly tokenId: string; readonly messageName: string; readonly boundaryId?: string; readonly variables?: Record<string, unknown> }
  /** A broadcast signal reached the token: its signal catch, or a signal boundary (`boundaryId`) of its activity. */
  | { readonly type: 'signal'; readonly tokenId: string; readonly signalName: string; readonly boundaryId?: string; readonly variables?: Record<string, unknown> }
  | { readonly type: 'timer'; readonly tokenId: string; readonly jobId: string; readonly boundaryId?: string; readonly remaining?: number; readonly dueAt: string }
  | { readonly type: 'handlerResult'; readonly tokenId: string; readonly variables?: Record<string, unknown> }
  | { readonly type: 'handlerError'; readonly tokenId: string; readonly errorCode: string; readonly message: string }
  | { readonly type: 'handlerFailed'; readonly tokenId: string; readonly message: string }
  | { readonly type: 'childCompleted'; readonly tokenId: string; readonly variables: Record<string, unknown> }
  | { readonly type: 'childError'; readonly tokenId: string; readonly errorCode: string; readonly message: string }
  /** The called process threw an escalation nobody caught inside it: it goes on, and the call activity throws it here. */
  | { readonly type: 'childEscalation'; readonly tokenId: string; readonly escalationCode: string }
  | { readonly type: 'childFailed'; readonly tokenId: string; readonly message: string }
  | { readonly type: 'terminate'; readonly reason: string }
  | { readonly type: 'retry'; readonly tokenId: string; readonly variables?: Record<string, unknown> }
  /** An operator moves a token: its activity is cancelled and the target element entered (same scope). */
  | { readonly type: 'move'; readonly tokenId: string; readonly to: string; readonly variables?: Record<string, unknown> };

export type Effect =
  | { readonly type: 'createTask'; readonly taskId: string; readonly tokenId: string; readonly elementId: string; /** The group evaluated from a FEEL `ps:candidateGroup`. */ readonly candidateGroup?: string; readonly dueAt?: string; readonly warnAt?: string }
  | { readonly type: 'closeTask'; readonly taskId: string; readonly state: 'completed' | 'cancelled'; readonly by?: string; readonly outcome?: string }
  | { readonly type: 'scheduleTimer'; readonly jobId: string; readonly tokenId: string; readonly elementId: string; readonly dueAt: string; readonly boundaryId?: string; readonly remaining?: number; /** A cycle's ISO repetition as armed (a FEEL cycle's value). */ readonly cycle?: string }
  | { readonly type: 'cancelJob'; readonly jobId: string }
  /** A signal throw: broadcast to every waiting catch and signal start after this step's commit (a `signal` job). */
  | { readonly type: 'throwSignal'; readonly elementId: string; readonly signalName: string }
  | { readonly type: 'invokeHandler'; readonly tokenId: string; readonly elementId: string; readonly handler: string }
  | { readonly type: 'notify'; readonly elementId: string; readonly messageName: string; readonly payload: Record<string, unknown>; /** The applicant is told (ps:notify). */ readonly kind?: NotificationKind }
  | { readonly type: 'startChild'; readonly tokenId: string; readonly elementId: string; readonly childId: string; readonly calledElement: string; readonly variables: Record<string, unknown> }
  | { readonly type: 'cancelChild'; readonly childId: string }
  /** A catch now waits for a message: one kept for the instance (correlate with a ttl) is delivered at once. */
  | { readonly type: 'awaitMessage'; readonly tokenId: string; readonly messageName: string; readonly boundaryId?: string }
  | {
      readonly type: 'notifyParent';
      readonly outcome:
        | { readonly kind: 'completed'; readonly variables: Record<string, unknown> }
        | { readonly kind: 'error'; readonly errorCode: string; readonly message: string }
        | { readonly kind: 'escalation'; readonly escalationCode: string };
    };

export interface StepResult {
  readonly state: InstanceState;
  readonly effects: Effect[];
  readonly history: HistoryEntry[];
  /** Elements visited, counted against the budget across the follow-up steps of one engine step. */
  readonly visits: number;
}
