import type { ProcessGraph } from '../model/types.js';
import type { StepContext } from '../runtime/Run.js';
import { addWorkingTime, computeDeadline, extendDeadline, type WorkingCalendar } from '../sla/index.js';
import type { CalendarRegistry } from './CalendarRegistry.js';

/**
 * The working-time functions a graph's steps need (SLA deadlines, `ps:calendar` timers), with
 * its calendars loaded up front so the pure runtime can call them synchronously. None when the
 * graph uses no calendar.
 */
export async function workingTimeFor(calendars: CalendarRegistry, graph: ProcessGraph): Promise<Pick<StepContext, 'deadline' | 'addWorkingTime'>> {
  const ids = calendarIdsOf(graph);
  if (ids.length === 0) return {};
  const loaded = new Map<string, WorkingCalendar>();
  for (const id of [...ids, 'centre']) loaded.set(id, await calendars.get(id));
  // The centre registers the application: its hours decide the day of receipt (DOMAIN rule 7).
  const intake = loaded.get('centre')!;
  return {
    deadline: (sla, office, from, extendedDays) => {
      const calendar = loaded.get(sla.calendar)!;
      const computed = computeDeadline({ calendar, intakeCalendar: intake, receivedAt: from, duration: sla.duration, unit: sla.unit, warnAt: sla.warnAt, ...(office ? { office } : {}) });
      const deadline = extendedDays ? extendDeadline(computed, extendedDays, calendar) : computed;
      return { dueAt: deadline.dueAt.toISOString(), warnAt: deadline.warnAt.toISOString() };
    },
    addWorkingTime: (calendarId, from, ms) => addWorkingTime(loaded.get(calendarId)!, from, ms),
  };
}

/** The calendars a graph names, found once per (immutable) graph rather than at every step. */
const idsByGraph = new WeakMap<ProcessGraph, string[]>();

function calendarIdsOf(graph: ProcessGraph): string[] {
  let ids = idsByGraph.get(graph);
  if (ids) return ids;
  const found = new Set<string>();
  if (graph.sla) found.add(graph.sla.calendar);
  for (const node of Object.values(graph.nodes)) {
    if (node.sla) found.add(node.sla.calendar);
    if (node.event?.type === 'timer' && node.event.timer.calendar) found.add(node.event.timer.calendar);
  }
  idsByGraph.set(graph, (ids = [...found]));
  return ids;
}
