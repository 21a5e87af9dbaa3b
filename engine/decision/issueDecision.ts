import { namesOf } from '../casework/requestedDocuments.js';
import type { HandlerInput } from '../handlerTypes.js';
import type { Decision, RefusalReason } from './decisions.js';

/**
 * The application's decision as data (the casework contract, issue 11): the built-in handlers
 * on the catalogue's issue_result / issue_refusal / give_refusal_receipt service tasks write
 * these variables, and `applicationOutcome()` (engine/reports/applicationOutcome.ts) is the
 * one reader every screen, the public page and the printed document go through.
 */
export { DECISIONS, REFUSAL_REASONS, type Decision, type RefusalReason } from './decisions.js';

/** `refusalGrounds` as the official wrote it: one string or a list (the contract accepts both). */
export const groundsOf: (value: unknown) => string[] = namesOf;

/** The result goes to the centre: approved, stamped with the issue time. */
export function issueResult({ elementId, now }: HandlerInput): Record<string, unknown> {
  const at = now.toISOString();
  // `<element>At` as the `stamp` handler wrote it before, for readers of the older variables.
  return { decision: 'approved' satisfies Decision, decidedAt: at, [`${elementId}At`]: at };
}

/**
 * The applicant withdrew (a model's withdrawal event sub-process, whose message brings the
 * `withdrawalReason`): `decision: 'withdrawn'` and its moment, as `withdrawApplication` records it.
 */
export function recordWithdrawal({ elementId, now }: HandlerInput): Record<string, unknown> {
  const at = now.toISOString();
  return { decision: 'withdrawn' satisfies Decision, withdrawnAt: at, [`${elementId}At`]: at };
}

/**
 * The reasoned refusal: the official's `refusalGrounds`; without them, the intake's verdict
 * (an incomplete package at the counter, DOMAIN: "a written receipt listing what is missing")
 * or the documents' 30-day limit running out (rule 5).
 */
export function issueRefusal({ elementId, variables, now }: HandlerInput): Record<string, unknown> {
  const at = now.toISOString();
  const grounds = groundsOf(variables['refusalGrounds']);
  const reason: RefusalReason | undefined = grounds.length
    ? undefined
    : variables['outcome'] === 'incomplete'
      ? 'incomplete'
      : variables['outcome'] === 'request documents'
        ? 'documentsNotBrought'
        : undefined;
  return {
    decision: 'refused' satisfies Decision,
    decisionGrounds: grounds,
    ...(reason ? { decisionReason: reason } : {}),
    decidedAt: at,
    [`${elementId}At`]: at,
  };
}
