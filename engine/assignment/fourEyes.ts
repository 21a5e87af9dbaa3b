import type { UserTaskSpec } from '../model/types.js';
import type { TaskRecord } from '../store/port.js';

/**
 * `ps:excludeAssigneesOf`: whoever worked on (or holds) one of the named tasks of the same
 * application may not take this one. The one list behind the draw, a claim, a completion
 * and a reassignment alike.
 */
export function fourEyesExcluded(spec: Pick<UserTaskSpec, 'excludeAssigneesOf'>, instanceTasks: Iterable<TaskRecord>): string[] {
  if (!spec.excludeAssigneesOf.length) return [];
  const ids = new Set<string>();
  for (const task of instanceTasks) {
    if (!spec.excludeAssigneesOf.includes(task.elementId)) continue;
    const who = task.completedBy ?? task.assignee;
    if (who) ids.add(who);
  }
  return [...ids].sort();
}
