import { NotFoundError } from '../errors.js';
import type { ProcessGraph } from '../model/types.js';
import type { InstanceState } from '../runtime/state.js';

/** What the public tracking page may show: status, next step and deadline — never a person. */
export interface TrackingView {
  readonly trackingNumber: string;
  readonly service: string;
  readonly serviceCode?: string;
  readonly status: 'in progress' | 'waiting for your documents' | 'ready for collection' | 'completed' | 'closed';
  /** The steps the application waits at now, by their names in the model. */
  readonly nextSteps: readonly string[];
  readonly receivedAt: string;
  readonly dueAt?: string;
  readonly overdue?: boolean;
  readonly completedAt?: string;
}

export function trackApplication(state: InstanceState | undefined, graph: ProcessGraph | undefined, trackingNumber: string): TrackingView {
  if (!state || !graph) throw new NotFoundError('application', trackingNumber);
  const waiting = state.tokens.filter((t) => t.state !== 'joining' && t.wait?.kind !== 'subProcess').map((t) => graph.nodes[t.elementId]);
  const nextSteps = [...new Set(waiting.map((n) => n?.name ?? humanise(n?.id ?? '')).filter(Boolean))];
  const status: TrackingView['status'] =
    state.status === 'completed'
      ? 'completed'
      : state.status === 'terminated'
        ? 'closed'
        : waiting.some((n) => n?.userTask?.returnsResult)
          ? 'ready for collection'
          : state.sla?.pausedAt
            ? 'waiting for your documents'
            : 'in progress';
  return {
    trackingNumber: state.trackingNumber,
    service: graph.name ?? graph.id,
    ...(state.serviceCode ? { serviceCode: state.serviceCode } : {}),
    status,
    nextSteps: state.status === 'active' ? nextSteps : [],
    receivedAt: state.startedAt,
    ...(state.sla ? { dueAt: state.sla.dueAt, overdue: state.sla.overdue } : {}),
    ...(state.endedAt ? { completedAt: state.endedAt } : {}),
  };
}

function humanise(id: string): string {
  return id.replace(/[_-]+/g, ' ').trim();
}
