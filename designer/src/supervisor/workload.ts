import type { SessionUser, TaskView } from '../api/ApiClient.js';
import type { GroupMember, GroupSummary } from '../api/oversightApi.js';
import { t } from '../i18n/i18n.js';

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

/** The back-office assignees of the tasks (whose absences the workload shows). */
export function officialsOf(tasks: readonly TaskView[]): string[] {
  return [...new Set(tasks.filter((task) => task.assignee && task.office !== 'front').map((task) => task.assignee as string))].sort();
}

/**
 * The groups that work the tasks a supervisor oversees: the candidate groups of the tasks they
 * see, and the groups (not their own supervisors' groups) of the agencies of their groups, or of
 * their centre. The members route still names only those the supervisor oversees.
 */
export function taskGroupsOf(user: SessionUser | undefined, groups: readonly GroupSummary[], tasks: readonly TaskView[]): string[] {
  const mine = new Set(user?.groups ?? []);
  const agencies = new Set(user?.agency ? [user.agency] : []);
  for (const group of groups) if (mine.has(group.id)) for (const agency of group.agencies) agencies.add(agency);
  const result = new Set(tasks.flatMap((task) => (task.candidateGroup && !mine.has(task.candidateGroup) ? [task.candidateGroup] : [])));
  for (const group of groups) {
    if (mine.has(group.id)) continue;
    if (group.agencies.some((a) => agencies.has(a)) || (user?.centre && group.centres.includes(user.centre))) result.add(group.id);
  }
  return [...result].sort();
}

/** Members of several groups, once each, by name. */
export function mergeMembers(lists: readonly (readonly GroupMember[])[]): GroupMember[] {
  const byId = new Map<string, GroupMember>();
  for (const list of lists) for (const member of list) byId.set(member.id, member);
  return sortMembers([...byId.values()]);
}

export function sortMembers(members: readonly GroupMember[]): GroupMember[] {
  return [...members].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Who is offered first: an active member present today, not the current assignee. */
export function preselectedMember(members: readonly GroupMember[], assignee?: string | null): string {
  return members.find((m) => m.active && !m.absentToday && m.id !== assignee)?.id ?? '';
}

/** "Name (id)", then "absent today" or "inactive" when so. */
export function memberLabel(member: GroupMember): string {
  const marks = [member.absentToday ? t('supervision.absentToday') : '', member.active ? '' : t('supervision.inactive')].filter(Boolean);
  return `${member.name} (${member.id})${marks.length ? ` — ${marks.join(', ')}` : ''}`;
}
