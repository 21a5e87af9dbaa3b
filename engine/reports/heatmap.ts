import type { InstanceRecord } from '../store/port.js';

export interface HeatmapCell {
  readonly elementId: string;
  /** Tokens resting at the element now (tasks open, messages or timers awaited). */
  readonly active: number;
  /** Of those, user tasks past their warning moment, and past their deadline. */
  readonly atRisk: number;
  readonly overdue: number;
}

/**
 * Counts per element of one process's active instances: what the designer's live overlay
 * colours. It reads the active instances of the key (their tokens carry each task's SLA).
 */
export function heatmap(instances: readonly InstanceRecord[], now: Date): HeatmapCell[] {
  const at = now.toISOString();
  const cells = new Map<string, { active: number; atRisk: number; overdue: number }>();
  for (const instance of instances) {
    if (instance.status !== 'active') continue;
    for (const token of instance.tokens) {
      if (token.wait?.kind === 'subProcess') continue;
      let cell = cells.get(token.elementId);
      if (!cell) cells.set(token.elementId, (cell = { active: 0, atRisk: 0, overdue: 0 }));
      cell.active++;
      const wait = token.wait;
      if (wait?.kind !== 'userTask') continue;
      if (wait.dueAt && wait.dueAt <= at) cell.overdue++;
      else if (wait.warnAt && wait.warnAt <= at) cell.atRisk++;
    }
  }
  return [...cells.entries()].map(([elementId, c]) => ({ elementId, ...c })).sort((a, b) => (a.elementId < b.elementId ? -1 : 1));
}
