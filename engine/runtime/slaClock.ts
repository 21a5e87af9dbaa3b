/**
 * The application's SLA clock (a process-level `ps:sla`): started with the instance, stopped
 * while the applicant is asked for documents, restarted when they come (DOMAIN rules 1–5).
 */
import type { HistoryEvent } from '../records/index.js';
import type { ProcessGraph } from '../model/types.js';
import type { StepContext } from './context.js';
import type { InstanceState } from './state.js';

/** What the SLA clock reads and writes of a step (the Run; named here so the two do not import each other). */
export interface SlaStep {
  readonly graph: ProcessGraph;
  readonly ctx: Pick<StepContext, 'deadline' | 'now'>;
  readonly state: InstanceState;
  readonly nowIso: string;
  record(elementId: string, event: HistoryEvent, tokenId?: string, data?: Record<string, unknown>): void;
}

/** DOMAIN rule 5: documents are awaited at most 30 calendar days. */
const PAUSE_LIMIT_MS = 30 * 86_400_000;

/** Starts the process-level SLA clock (DOMAIN rules 1–4, 7), when the process has one. */
export function startSla(run: SlaStep): void {
  const sla = run.graph.sla;
  if (!sla || !run.ctx.deadline) return;
  const { dueAt, warnAt } = run.ctx.deadline(sla, undefined, run.ctx.now);
  run.state.sla = { dueAt, warnAt, atRisk: false, overdue: false };
}

/**
 * Stops the SLA clock while the applicant brings documents (DOMAIN rule 5). The stored
 * deadline becomes the one that applies if the documents come on the last day of the
 * 30-day limit, so an abandoned case still turns overdue in the end.
 */
export function pauseSla(run: SlaStep): void {
  const sla = run.state.sla;
  if (!sla || sla.pausedAt || !run.graph.sla || !run.ctx.deadline) return;
  const limit = new Date(run.ctx.now.getTime() + PAUSE_LIMIT_MS);
  const atLimit = run.ctx.deadline(run.graph.sla, undefined, limit);
  run.state.sla = { ...sla, pausedAt: run.nowIso, dueAt: atLimit.dueAt, warnAt: atLimit.warnAt, atRisk: false, overdue: false };
  run.record(run.graph.id, 'sla', undefined, { change: 'paused', until: atLimit.dueAt });
}

/** The documents came (or the wait ended): the term restarts in full from now (rule 5). */
export function resumeSla(run: SlaStep): void {
  const sla = run.state.sla;
  if (!sla?.pausedAt || !run.graph.sla || !run.ctx.deadline) return;
  // Extension days already granted are granted again on the restarted term (they were counted
  // in the stored record but not in the new deadline before: an extended case lost its days).
  const { dueAt, warnAt } = run.ctx.deadline(run.graph.sla, undefined, run.ctx.now, sla.extendedDays);
  const extended = sla.extendedDays ? { extendedDays: sla.extendedDays } : {};
  run.state.sla = { dueAt, warnAt, atRisk: false, overdue: false, ...extended };
  run.record(run.graph.id, 'sla', undefined, { change: 'resumed', dueAt });
}
