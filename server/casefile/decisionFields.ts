/**
 * The completion variables a case file shows about a decision (the casework contract): the
 * outcome's grounds and notes, the documents asked for and brought, the applicant's rating.
 * Any other variable a task writes stays out of the timeline: it may name a person.
 */
export const DECISION_FIELDS = ['refusalGrounds', 'decisionNote', 'requestedDocuments', 'broughtDocuments', 'documentsBroughtAt', 'rating', 'ratingDeclined', 'decision'] as const;

export type DecisionDetails = Partial<Record<(typeof DECISION_FIELDS)[number], unknown>>;

export function decisionDetails(variables: unknown): DecisionDetails {
  if (!variables || typeof variables !== 'object') return {};
  const source = variables as Record<string, unknown>;
  return Object.fromEntries(DECISION_FIELDS.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
}
