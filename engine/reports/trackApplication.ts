import type { OrgUnitTranslations } from '../assignment/Directory.js';
import { NotFoundError } from '../errors.js';
import type { ProcessGraph } from '../model/types.js';
import type { InstanceState } from '../runtime/state.js';
import { applicationOutcome, type ApplicationOutcome, type OutcomeContext } from './applicationOutcome.js';

/** What the public tracking page may show: status, next step and deadline — never a person. */
export interface TrackingView {
  readonly trackingNumber: string;
  readonly service: string;
  readonly serviceCode?: string;
  readonly status: 'in progress' | 'waiting for your documents' | 'ready for collection' | 'completed' | 'closed';
  /** The steps the application waits at now, by their names in the model. */
  readonly nextSteps: readonly string[];
  /** The element of each next step, in the same order (the standard translates a user task's name by it). */
  readonly nextStepIds: readonly string[];
  readonly receivedAt: string;
  readonly dueAt?: string;
  readonly overdue?: boolean;
  readonly completedAt?: string;
  /** The decision once issued: approved / refused / withdrawn (applicationOutcome). */
  readonly outcome?: NonNullable<ApplicationOutcome['outcome']>;
  /** A refusal's grounds, in the standard's words, and the reason when no official named any. */
  readonly grounds?: readonly string[];
  readonly reason?: ApplicationOutcome['reason'];
  readonly missingDocuments?: readonly string[];
  readonly article?: string;
  readonly decidedAt?: string;
  /** The documents the applicant is asked to bring. */
  readonly requestedDocuments?: readonly string[];
  /** Where the result waits (the centre's name and address) and the last day to collect it. */
  readonly collect?: { readonly where: string; readonly address?: string; readonly translations?: OrgUnitTranslations; readonly until?: string };
}

export function trackApplication(
  state: InstanceState | undefined,
  graph: ProcessGraph | undefined,
  trackingNumber: string,
  context: Omit<OutcomeContext, 'graph'> = {},
): TrackingView {
  if (!state || !graph) throw new NotFoundError('application', trackingNumber);
  const waiting = state.tokens.filter((t) => t.state !== 'joining' && t.wait?.kind !== 'subProcess' && t.wait?.kind !== 'multiInstance').map((t) => graph.nodes[t.elementId]);
  // The steps by name (one per name), each with the element it is, so a page can say it in its language.
  const steps = new Map<string, string>();
  for (const n of waiting) {
    const name = n?.name ?? humanise(n?.id ?? '');
    if (name && !steps.has(name)) steps.set(name, n?.id ?? '');
  }
  const nextSteps = [...steps.keys()];
  const withdrawn = state.status !== 'active' && state.variables['decision'] === 'withdrawn';
  const status: TrackingView['status'] =
    // Withdrawn is closed, whether an operator ended it or the model's withdrawal did (it completes).
    state.status === 'completed' && !withdrawn
      ? 'completed'
      : state.status !== 'active'
        ? 'closed'
        : waiting.some((n) => n?.userTask?.returnsResult)
          ? 'ready for collection'
          : state.sla?.pausedAt
            ? 'waiting for your documents'
            : 'in progress';
  // The public page's share of the outcome: no free-text note (it may name people), no archive instant.
  const { outcome, grounds, reason, missingDocuments, article, decidedAt, requestedDocuments, collect } = applicationOutcome(state, { ...context, graph });
  return {
    trackingNumber: state.trackingNumber,
    service: graph.name ?? graph.id,
    ...(state.serviceCode ? { serviceCode: state.serviceCode } : {}),
    status,
    nextSteps: state.status === 'active' ? nextSteps : [],
    nextStepIds: state.status === 'active' ? [...steps.values()] : [],
    receivedAt: state.startedAt,
    ...(state.sla ? { dueAt: state.sla.dueAt, overdue: state.sla.overdue } : {}),
    ...(state.endedAt ? { completedAt: state.endedAt } : {}),
    ...(outcome ? { outcome, ...(decidedAt ? { decidedAt } : {}) } : {}),
    ...(outcome === 'refused' ? { grounds, ...(reason ? { reason } : {}), ...(missingDocuments ? { missingDocuments } : {}), ...(article ? { article } : {}) } : {}),
    ...(requestedDocuments && status === 'waiting for your documents' ? { requestedDocuments } : {}),
    ...(collect ? { collect: { where: collect.where, ...(collect.address ? { address: collect.address } : {}), ...(collect.translations ? { translations: collect.translations } : {}), ...(collect.until ? { until: collect.until } : {}) } } : {}),
  };
}

function humanise(id: string): string {
  return id.replace(/[_-]+/g, ' ').trim();
}
