/**
 * The outcomes the catalogue's gateways branch on, by task element (processes/*.bpmn: the
 * `outcome = "…"` conditions; the unnamed one is the default flow). A refusal carries
 * `refusalGrounds`, one of the standard's grounds.
 */
export type DecisionOutcome = 'approve' | 'refuse' | 'request documents' | 'confirm' | 'in order';

export const OUTCOMES_BY_ELEMENT: Readonly<Record<string, readonly DecisionOutcome[]>> = {
  review: ['approve', 'refuse', 'request documents'],
  second_review: ['confirm', 'refuse'],
  agency_check: ['in order', 'refuse'],
  offer_place: ['approve'],
};

export function outcomesOf(elementId: string): readonly DecisionOutcome[] {
  return OUTCOMES_BY_ELEMENT[elementId] ?? ['approve', 'refuse'];
}
