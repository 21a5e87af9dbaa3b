import type { OrgUnitTranslations } from '../assignment/Directory.js';
import { requestedDocumentsOf } from '../casework/requestedDocuments.js';
import { DECISIONS, groundsOf, REFUSAL_REASONS, type Decision, type RefusalReason } from '../decision/issueDecision.js';
import { addDuration, parseDuration } from '../model/IsoDuration.js';
import { isFeelTimer } from '../model/TimerExpression.js';
import type { ProcessGraph } from '../model/types.js';
import type { ArmedBoundary, Token } from '../runtime/state.js';
import { waitsForDocuments } from '../casework/waitsForDocuments.js';

/** What an outcome is read from: an instance's state or its view (both carry these). */
export interface OutcomeSource {
  readonly variables: Readonly<Record<string, unknown>>;
  readonly tokens: readonly Pick<Token, 'id' | 'elementId' | 'state' | 'enteredAt' | 'wait' | 'boundaries'>[];
  readonly subscriptions?: readonly ArmedBoundary[];
  readonly centre?: string;
}

/** A centre as every screen of an outcome names it: the directory's name and address, and their words in kk, ru, en. */
export interface OutcomeCentre {
  readonly name: string;
  readonly address?: string;
  readonly translations?: OrgUnitTranslations;
}

export interface OutcomeContext {
  /** The process graph, to find the hand-back task and its uncollected-result timer. */
  readonly graph?: ProcessGraph;
  /** The application's centre, as the directory names it (with its words in other languages, when the directory gives them). */
  readonly centre?: OutcomeCentre;
  /**
   * Where the applicant comes in person (documents, the result): the centre, or for an
   * application taken in at an agency's desk, the agency. The centre when absent.
   */
  readonly counter?: OutcomeCentre;
  /** The service standard's article naming the grounds for refusal. */
  readonly article?: string;
  /** The standard's required documents: an incomplete package lists those not handed in. */
  readonly requiredDocuments?: readonly string[];
  /** The local calendar date of an instant (the centre's zone); Asia/Almaty by default. */
  readonly localDate?: (at: Date) => string;
}

export interface ApplicationOutcome {
  /** Undefined while no decision is issued. */
  readonly outcome: Decision | undefined;
  /** The official's grounds for a refusal, as written (the standard's wording). */
  readonly grounds: readonly string[];
  /** A refusal without an official's grounds: at the counter, or the documents never came. */
  readonly reason?: RefusalReason;
  /** For a refusal at the counter: the standard's documents not handed in. */
  readonly missingDocuments?: readonly string[];
  readonly article?: string;
  readonly decidedAt?: string;
  /** The official's free-text note with a decision (back office and counter only, never public). */
  readonly note?: string;
  /** While the applicant is asked for documents: which (the official's `requestedDocuments`). */
  readonly requestedDocuments?: readonly string[];
  /** The application's centre, as the directory names it (the printed document's issuer). */
  readonly centre?: OutcomeCentre;
  /** Where the applicant comes in person: the centre, or the agency's desk that took it in (its name, address, translations). */
  readonly counter?: OutcomeCentre;
  /**
   * While the result waits at the centre: where, and the last day before it goes to the archive;
   * `translations` are the centre's (`name` is `where` in that language).
   */
  readonly collect?: { readonly where: string; readonly address?: string; readonly translations?: OrgUnitTranslations; readonly until?: string; readonly archiveAt?: string };
}

/** The one reader of an application's decision, for every screen, the public page and the print. */
export function applicationOutcome(instance: OutcomeSource, context: OutcomeContext = {}): ApplicationOutcome {
  const v = instance.variables;
  const outcome = (DECISIONS as readonly unknown[]).includes(v['decision']) ? (v['decision'] as Decision) : undefined;
  const refused = outcome === 'refused';
  const grounds = refused ? groundsOf(v['decisionGrounds'] ?? v['refusalGrounds']) : [];
  const reason = refused && (REFUSAL_REASONS as readonly unknown[]).includes(v['decisionReason']) ? (v['decisionReason'] as RefusalReason) : undefined;
  const handedIn = Array.isArray(v['documents']) ? (v['documents'] as unknown[]).map(String) : [];
  // The clerk's own list when the intake form names it; else the standard's list less what was handed in.
  const named = groundsOf(v['missingDocuments']);
  const missing = reason !== 'incomplete' ? undefined : named.length ? named : context.requiredDocuments ? context.requiredDocuments.filter((d) => !handedIn.includes(d)) : undefined;
  const requested = requestedDocumentsOf(v);
  const waitingForDocuments = !outcome && waitsForDocuments(instance);
  const note = typeof v['decisionNote'] === 'string' && v['decisionNote'].trim() ? v['decisionNote'].trim() : undefined;
  const collect = outcome && outcome !== 'withdrawn' ? collection(instance, context) : undefined;
  const counter = counterOf(context);
  return {
    outcome,
    grounds,
    ...(reason ? { reason } : {}),
    ...(missing ? { missingDocuments: missing } : {}),
    ...(refused && context.article ? { article: context.article } : {}),
    ...(typeof v['decidedAt'] === 'string' ? { decidedAt: v['decidedAt'] } : {}),
    ...(note && outcome ? { note } : {}),
    ...(waitingForDocuments && requested.length ? { requestedDocuments: requested } : {}),
    ...(context.centre ? { centre: context.centre } : {}),
    ...(counter ? { counter } : {}),
    ...(collect ? { collect } : {}),
  };
}

/**
 * Where the result waits and until when: the counter (the centre, or the agency's desk), and the day before the hand-back task's
 * own uncollected-result timer fires (read from the model, so a designer's P14D is P14D).
 */
function collection(instance: OutcomeSource, context: OutcomeContext): ApplicationOutcome['collect'] {
  const graph = context.graph;
  if (!graph) return undefined;
  const token = instance.tokens.find((t) => t.state === 'waiting' && graph.nodes[t.elementId]?.userTask?.returnsResult);
  if (!token) return undefined;
  const place = counterOf(context);
  const where = place?.name ?? instance.centre;
  if (!where) return undefined;
  const archiveAt = archiveMoment(graph, token.elementId, new Date(token.enteredAt));
  const localDate = context.localDate ?? almatyDate;
  return {
    where,
    ...(place?.address ? { address: place.address } : {}),
    ...(place?.translations ? { translations: place.translations } : {}),
    ...(archiveAt ? { archiveAt: archiveAt.toISOString(), until: localDate(new Date(archiveAt.getTime() - 86_400_000)) } : {}),
  };
}

function counterOf(context: OutcomeContext): OutcomeCentre | undefined {
  return context.counter ?? context.centre;
}

/** When the task's interrupting duration timer fires; undefined for a FEEL or working-time timer (not knowable here). */
function archiveMoment(graph: ProcessGraph, taskId: string, enteredAt: Date): Date | undefined {
  for (const id of graph.nodes[taskId]?.boundaries ?? []) {
    const boundary = graph.nodes[id];
    const event = boundary?.event;
    if (event?.type !== 'timer' || boundary?.cancelActivity === false) continue;
    const timer = event.timer;
    if (timer.kind !== 'duration' || timer.slaTrigger || timer.calendar || isFeelTimer(timer)) continue;
    return addDuration(enteredAt, parseDuration(timer.expression));
  }
  return undefined;
}

const almatyDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });
function almatyDate(at: Date): string {
  return almatyDay.format(at);
}
