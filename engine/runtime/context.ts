import type { ConditionOutcome } from '../model/feel.js';
import type { ProcessGraph, SlaSpec } from '../model/types.js';

/** What a step is given: the graph, the clock, ids, and the engine's working-time and FEEL services. */
export interface StepContext {
  readonly graph: ProcessGraph;
  readonly now: Date;
  /** Fresh globally unique ids (tasks, jobs, child instances). */
  readonly newId: () => string;
  /** Elements one engine step may visit before the looping token becomes an incident. */
  readonly budget: number;
  /** Visits already spent by earlier parts of the same engine step. */
  readonly visits?: number;
  /**
   * The deadline of an SLA started at `from` (working calendars preloaded by the engine);
   * absent, SLAs are not tracked. `office: 'back'` works to D-1. `extendedDays`: calendar days
   * of extension (rule 6) granted again on a restarted term.
   */
  readonly deadline?: (sla: SlaSpec, office: 'front' | 'back' | undefined, from: Date, extendedDays?: number) => { readonly dueAt: string; readonly warnAt: string };
  /** Adds working time on a calendar (preloaded): `ps:calendar` timers. */
  readonly addWorkingTime?: (calendarId: string, from: Date, ms: number) => Date;
  /** How long a result waits at the centre before it moves to the archive; none: it waits. */
  readonly resultCollectionMs?: number;
  /** Evaluates a FEEL condition at `now` (memoised by the engine); plain feelin when absent. */
  readonly condition?: (expression: string, variables: Readonly<Record<string, unknown>>, now: Date) => ConditionOutcome;
}
