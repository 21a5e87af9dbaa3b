import type { TaskRecord } from '../store/port.js';

/** Who is looking at a task. `applicant` is the public tracking page. */
export type Viewer = 'designer' | 'clerk' | 'official' | 'supervisor' | 'coordinator' | 'auditor' | 'applicant';

/**
 * A task as a role may see it. Random assignment only curbs corruption if the front office
 * and the applicant cannot learn who reviews a file: for them the assignee (and who completed
 * the task) is left out of every task that is not front-office work. It fails closed: a task
 * whose model names no `ps:office` is treated as back office. Supervisors and auditors see everything.
 */
export function taskViewFor(viewer: Viewer, task: TaskRecord): TaskRecord | Omit<TaskRecord, 'assignee' | 'completedBy'> {
  if (task.office === 'front' || !(viewer === 'clerk' || viewer === 'applicant')) return task;
  const { assignee: _assignee, completedBy: _completedBy, ...rest } = task;
  return rest;
}
