import type { CalendarRegistry } from '../calendars/CalendarRegistry.js';
import type { Clock } from '../clock.js';
import type { TransactOptions } from '../commit/transact.js';
import type { Definitions } from '../definitions/Definitions.js';
import type { InstanceState } from '../records/index.js';
import type { RoutingPolicy } from '../routing/RoutingPolicy.js';
import type { Store } from '../store/port.js';
import type { UnitOfWork } from '../UnitOfWork.js';
import type { TaskAssigner } from '../assignment/TaskAssigner.js';
import type { ConditionEvaluator } from '../forms/checkCompletion.js';

/** A command's committed transaction, once the handlers its step reached have run too. */
export interface Settled<T> {
  readonly value: T;
  /** An instance as it is now: as the handlers' answers left it, or as given when they did not touch it. */
  latest(state: InstanceState): InstanceState;
}

/** What every command needs: the store, the time, the definitions, and its transaction. */
export interface EngineCore {
  readonly store: Store;
  readonly clock: Clock;
  readonly definitions: Definitions;
  readonly routing: RoutingPolicy;
  readonly calendars: CalendarRegistry;
  /** Who may work a task: the draw's pool, also for claims and reassignments. */
  readonly assigner: TaskAssigner;
  /** The local date in the agency's zone (absences are per day). */
  localDate(at: Date): Promise<string>;
  newUnit(): UnitOfWork;
  /** The engine's memoised FEEL conditions (ConditionCache), for checks outside a step (task forms). */
  readonly condition?: ConditionEvaluator;
  /**
   * transact(load → step → commit → retry) on a fresh unit of work per attempt
   * (engine/commit/transact.ts), then, once committed, the service-task handlers the step
   * reached (engine/jobs/HandlerJobs.ts), so the answer shows what they did.
   */
  transact<T>(body: (unit: UnitOfWork) => Promise<T>, options?: TransactOptions<T>): Promise<Settled<T>>;
}

export function nowIso(core: EngineCore): string {
  return core.clock.now().toISOString();
}
