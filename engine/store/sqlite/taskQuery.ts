import type { TaskQuery } from '../port.js';

/**
 * The SELECT of `findTasks` for a query (its text is the prepared statement's cache key):
 * the filters given, `state = 'open'` as a literal (the planner uses a partial index only for a
 * query whose own WHERE implies the index's, which a bound parameter cannot), and a group's
 * queue — open, nobody holds it, nothing narrower asked — read through its own partial index
 * (schema.ts, tasks_queue), named, since without statistics the planner takes the group-wide
 * one and skips every held task. An instance's tasks are read through tasks_instance, named
 * too: the planner otherwise takes tasks_state_due for `state = 'open'` (it also serves the
 * ORDER BY) and walks every open task of the store to find the instance's one or two — 217 µs
 * a query at 1,500 open tasks, growing with the backlog, against 10 µs.
 *
 * An instance's tasks come without LIMIT, sorted by SQLite all the same, and the caller takes
 * the first `take`: ORDER BY with LIMIT makes SQLite keep its top rows in an ephemeral b-tree,
 * opened for every query — 6 µs of a 7.5 µs query alone, 22 µs of 28.5 in the engine's process
 * (the `tasks({ instanceId })` of every command that works a task) — while an instance holds only
 * the tasks it reached. The rows past `take` are read but never parsed.
 */
export function taskQuerySql(query: TaskQuery, defaultLimit: number): { sql: string; params: unknown[]; take?: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.instanceId !== undefined) where.push('instance_id = ?'), params.push(query.instanceId);
  if (query.assignee !== undefined) where.push('assignee = ?'), params.push(query.assignee);
  if (query.candidateGroup !== undefined) where.push('candidate_group = ?'), params.push(query.candidateGroup);
  if (query.centre !== undefined) where.push('centre = ?'), params.push(query.centre);
  if (query.noCentre) where.push('centre IS NULL');
  const state = query.state ?? 'open';
  if (state === 'open') where.push("state = 'open'");
  else if (state !== 'any') where.push('state = ?'), params.push(state);
  if (query.unassigned) where.push('assignee IS NULL');
  const limit = Math.max(0, query.limit ?? defaultLimit); // LIMIT -1 would mean no limit
  const select = `SELECT doc FROM tasks${namedIndex(query, state)} ${whereClause(where)} ORDER BY due_at NULLS LAST, created_at, id`;
  if (query.instanceId !== undefined) return { sql: select, params, take: limit };
  params.push(limit);
  return { sql: `${select} LIMIT ?`, params };
}

function namedIndex(query: TaskQuery, state: string): string {
  if (query.instanceId !== undefined) return ' INDEXED BY tasks_instance';
  if (state !== 'open' || !query.unassigned || query.candidateGroup === undefined || query.assignee !== undefined) return '';
  return query.centre !== undefined || query.noCentre ? ' INDEXED BY tasks_queue_centre' : ' INDEXED BY tasks_queue';
}

/** `WHERE a AND b …` of the optional filters given, or nothing. */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
