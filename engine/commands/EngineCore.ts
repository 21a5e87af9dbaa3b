import type { CalendarRegistry } from '../calendars/CalendarRegistry.js';
import type { Clock } from '../clock.js';
import type { Definitions } from '../definitions/Definitions.js';
import type { RoutingPolicy } from '../routing/RoutingPolicy.js';
import type { Store } from '../store/port.js';
import type { UnitOfWork } from '../UnitOfWork.js';
import type { TaskAssigner } from '../assignment/TaskAssigner.js';
import type { ConditionEvaluator } from '../forms/checkCompletion.js';

/** What every command needs: the store, the time, the definitions, and a fresh unit of work per step. */
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
}

export function nowIso(core: EngineCore): string {
  return core.clock.now().toISOString();
}
