import type { InstanceView } from '../api.js';
import type { InstanceState } from '../runtime/state.js';
import { waitsForDocuments } from '../casework/waitsForDocuments.js';
import { copyWithout } from '../records/withChanges.js';

export function viewState(state: InstanceState): InstanceView['state'] {
  return state.status === 'active' && state.incidents.length ? 'incident' : state.status;
}

/** An instance as the API shows it: `state` instead of the stored status, SLA fields flat, and whether it waits for documents. */
export function toView(state: InstanceState): InstanceView {
  // Every command answers one: copied without a spread (engine/records/withChanges.ts).
  const view = copyWithout(state, HIDDEN);
  view.state = viewState(state);
  const { sla } = state;
  if (sla) {
    view.dueAt = sla.dueAt;
    view.warnAt = sla.warnAt;
    view.atRisk = sla.atRisk;
    view.overdue = sla.overdue;
    if (sla.pausedAt) view.slaPausedAt = sla.pausedAt;
  }
  if (state.status === 'active' && waitsForDocuments(state)) view.waitsForDocuments = true;
  return view as unknown as InstanceView;
}

/** What the view leaves out of the stored state: `state` replaces `status`, the SLA fields go flat. */
const HIDDEN: ReadonlySet<string> = new Set(['status', 'nextToken', 'sla']);
