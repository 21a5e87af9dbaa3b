/**
 * The decisions an application can end with, and why a refusal was issued without grounds: plain
 * constants (no imports), so the HTTP contracts (server/contracts/) and the designer read them too.
 */
export const DECISIONS = ['approved', 'refused', 'withdrawn'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Why a refusal was issued when no official named grounds: the counter or the documents' timer. */
export const REFUSAL_REASONS = ['incomplete', 'documentsNotBrought'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
