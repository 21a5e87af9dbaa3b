/**
 * The state of a process instance: typed plain JSON. It survives
 * `JSON.parse(JSON.stringify(state))` into a fresh engine; that is how it is stored.
 */
import type { Channel } from '../model/types.js';

/** What a token at rest is waiting for. */
export type Wait =
  | { readonly kind: 'userTask'; readonly taskId: string; readonly dueAt?: string; readonly warnAt?: string }
  | { readonly kind: 'message'; readonly messageName: string }
  | { readonly kind: 'signal'; readonly signalName: string }
  | { readonly kind: 'timer'; readonly jobId: string }
  | { readonly kind: 'handler'; readonly handler: string }
  | { readonly kind: 'subProcess' }
  | { readonly kind: 'callActivity'; readonly childId: string }
  /** At an event-based gateway: its catches are armed in the token's `boundaries`, keyed by the catch's id. */
  | { readonly kind: 'eventGateway' }

  /**
   * A multi-instance activity's body, whose inner instances are tokens in its scope.
   * `items`: the collection (for a sequential body's later instances, and the element variable);
   * `outputs`: each completed inner instance's output element, by its index.
   */
  | {
      readonly kind: 'multiInstance';
      readonly total: number;
      readonly items?: readonly unknown[];
      readonly started: number;
      readonly completed: number;
      readonly outputs: readonly unknown[];
    };

/** A boundary event armed on the activity a token is in. */
export interface ArmedBoundary {
  readonly boundaryId: string;
  /** The timer job, for timer boundaries. */
  readonly jobId?: string;
  /** The message name, for message boundaries. */
  readonly messageName?: string;
  /** The signal name, for signal boundaries (and an event-based gateway's signal catches). */
  readonly signalName?: string;
  /** A FEEL timeCycle's repetition as evaluated when armed (`R3/P2D`): its later repetitions follow it. */
  readonly cycle?: string;
}

export interface Token {
  readonly id: string;
  readonly elementId: string;
  /** The token of the enclosing sub-process activation, or null at process level. */
  readonly scopeId: string | null;
  /** `waiting`: in a wait state; `joining`: parked at a joining gateway; `incident`: stuck, see `incident`. */
  state: 'waiting' | 'joining' | 'incident';
  /** The flow the token came by (joins count arrivals per incoming flow). */
  readonly arrivedBy?: string;
  wait?: Wait;
  boundaries?: ArmedBoundary[];
  readonly enteredAt: string;
  /**
   * Local variables of a multi-instance inner instance (`loopCounter`, the element variable, and
   * the variables its completion wrote): read over the process's, and written instead of them.
   */
  locals?: Record<string, unknown>;
}

export interface Incident {
  readonly tokenId: string;
  readonly elementId: string;
  readonly message: string;
  readonly at: string;
  /** The token's activity was done when its outgoing flows could not be chosen: a retry leaves again. */
  readonly leaving?: boolean;
}

export type InstanceStatus = 'active' | 'completed' | 'terminated';

export interface InstanceState {
  readonly id: string;
  /** The process key (the BPMN process id) and the deployed definition `key:version`. */
  readonly key: string;
  readonly definitionId: string;
  /** Compare-and-set guard: every committed step increments it. */
  version: number;
  status: InstanceStatus;
  variables: Record<string, unknown>;
  tokens: Token[];
  incidents: Incident[];
  readonly channel?: Channel;
  readonly trackingNumber: string;
  readonly serviceCode?: string;
  readonly applicant?: Record<string, unknown>;
  /** The centre the application was taken in; its front-office work stays there (a transfer moves it). */
  centre?: string;
  readonly startedAt: string;
  endedAt?: string;
  /** Set when a call activity started this instance. */
  readonly parent?: { readonly instanceId: string; readonly tokenId: string };
  /**
   * The process-level event sub-processes' open subscriptions (message waits, timer jobs), keyed
   * by the event sub-process's id; those of an embedded sub-process sit with its token's boundaries.
   */
  subscriptions?: ArmedBoundary[];
  /** Counter for instance-local token ids. */
  nextToken: number;
  /** The process-level SLA (`ps:sla` on the process), when it has one. */
  sla?: InstanceSla;
}

export interface InstanceSla {
  dueAt: string;
  warnAt: string;
  atRisk: boolean;
  overdue: boolean;
  /** Set while the clock is paused (the applicant was asked for documents). */
  pausedAt?: string;
  /** Working time left when the pause began, for the 'continue' resume mode. */
  remainingMs?: number;
  /** Calendar days of extension granted so far (DOMAIN rule 6: at most 15). */
  extendedDays?: number;
}
