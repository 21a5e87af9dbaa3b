import type { InstanceView } from '../api.js';
import type { InstanceState } from '../runtime/state.js';
import { waitsForDocuments } from '../casework/waitsForDocuments.js';

export function viewState(state: InstanceState): InstanceView['state'] {
  return state.status === 'active' && state.incidents.length ? 'incident' : state.status;
}

/** An instance as the API shows it: `state` instead of the stored status, SLA fields flat, and whether it waits for documents. */
export function toView(state: InstanceState): InstanceView {
  // Copied key by key: the rest-and-spread this was (`{ ...rest, state }`) took V8's slow path
  // for each added key (engine/records/withChanges.ts), 5 µs a view against 0.25, and every
  // command answers one.
  const view: Record<string, unknown> = {};
  for (const key in state) if (!HIDDEN.has(key)) view[key] = state[key as keyof InstanceState];
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
