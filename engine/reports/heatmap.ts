import type { InstanceRecord } from '../store/port.js';

export interface HeatmapCell {
  readonly elementId: string;
  /** The element's name in the latest version of the process (set by the engine, not by `heatmap`). */
  readonly name?: string;
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
      if (token.wait?.kind === 'subProcess' || token.wait?.kind === 'multiInstance') continue; // the inner tokens count
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

/** One application behind a heatmap number: where its token rests, and how late it is there. */
export interface HeatmapInstance {
  readonly id: string;
  readonly trackingNumber: string;
  readonly startedAt: string;
  /** `overdue` and `atRisk` as the cell counts them; `active` otherwise. */
  readonly state: 'overdue' | 'atRisk' | 'active';
  readonly dueAt?: string;
}

/**
 * The active applications behind one heatmap cell (the same tokens `heatmap` counts), most
 * urgent first: overdue, then at risk, then the rest, each by deadline or start.
 */
export function heatmapInstances(instances: readonly InstanceRecord[], elementId: string, now: Date): HeatmapInstance[] {
  const at = now.toISOString();
  const found: HeatmapInstance[] = [];
  for (const instance of instances) {
    if (instance.status !== 'active') continue;
    for (const token of instance.tokens) {
      if (token.elementId !== elementId || token.wait?.kind === 'subProcess' || token.wait?.kind === 'multiInstance') continue;
      const wait = token.wait?.kind === 'userTask' ? token.wait : undefined;
      const state = wait?.dueAt && wait.dueAt <= at ? 'overdue' : wait?.warnAt && wait.warnAt <= at ? 'atRisk' : 'active';
      found.push({ id: instance.id, trackingNumber: instance.trackingNumber, startedAt: instance.startedAt, state, ...(wait?.dueAt ? { dueAt: wait.dueAt } : {}) });
    }
  }
  const rank = { overdue: 0, atRisk: 1, active: 2 } as const;
  return found.sort((a, b) => rank[a.state] - rank[b.state] || (a.dueAt ?? a.startedAt).localeCompare(b.dueAt ?? b.startedAt));
}
