import type { TaskView } from '../api/ApiClient.js';

export interface WorkloadRow {
  /** The assignee's id; '' for the group queues' unassigned tasks. */
  readonly official: string;
  readonly open: number;
  readonly overdue: number;
  readonly atRisk: number;
  readonly groups: readonly string[];
}

/** Open tasks per assignee (the unassigned queue last), the most overdue first. */
export function workloadOf(tasks: readonly TaskView[]): WorkloadRow[] {
  const rows = new Map<string, { open: number; overdue: number; atRisk: number; groups: Set<string> }>();
  for (const task of tasks) {
    if (task.state !== 'open') continue;
    const key = task.assignee ?? '';
    const row = rows.get(key) ?? { open: 0, overdue: 0, atRisk: 0, groups: new Set<string>() };
    row.open++;
    if (task.overdue) row.overdue++;
    else if (task.atRisk) row.atRisk++;
    if (task.candidateGroup) row.groups.add(task.candidateGroup);
    rows.set(key, row);
  }
  return [...rows.entries()]
    .map(([official, r]) => ({ official, open: r.open, overdue: r.overdue, atRisk: r.atRisk, groups: [...r.groups].sort() }))
    .sort((a, b) => (a.official === '' ? 1 : b.official === '' ? -1 : b.overdue - a.overdue || b.open - a.open || a.official.localeCompare(b.official)));
}

/** Overdue tasks, the oldest deadline first. */
export function overdueOf(tasks: readonly TaskView[]): TaskView[] {
  return tasks.filter((task) => task.state === 'open' && task.overdue).sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
}

/** The officials known to be in a group: the assignees of its tasks (no members route yet). */
export function officialsOf(tasks: readonly TaskView[], group?: string): string[] {
  return [...new Set(tasks.filter((task) => task.assignee && task.office !== 'front' && (!group || task.candidateGroup === group)).map((task) => task.assignee as string))].sort();
}
