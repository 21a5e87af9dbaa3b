import type { InstanceView } from '../api.js';
import type { InstanceState } from '../runtime/state.js';
import { waitsForDocuments } from '../casework/waitsForDocuments.js';

export function viewState(state: InstanceState): InstanceView['state'] {
  return state.status === 'active' && state.incidents.length ? 'incident' : state.status;
}

/** An instance as the API shows it: `state` instead of the stored status, SLA fields flat, and whether it waits for documents. */
export function toView(state: InstanceState): InstanceView {
  const { status: _status, nextToken: _next, sla, ...rest } = state;
  return {
    ...rest,
    state: viewState(state),
    ...(sla ? { dueAt: sla.dueAt, warnAt: sla.warnAt, atRisk: sla.atRisk, overdue: sla.overdue, ...(sla.pausedAt ? { slaPausedAt: sla.pausedAt } : {}) } : {}),
    ...(state.status === 'active' && waitsForDocuments(state) ? { waitsForDocuments: true } : {}),
  };
}
