import { requestedDocumentsOf } from '../casework/requestedDocuments.js';
/**
 * What an applicant is told (DOMAIN.md, "Languages and notices"): named once, so the model's
 * `ps:notify`, the engine's commands, the outbox and the message texts agree on the names.
 */
export const NOTIFICATION_KINDS = ['received', 'documentsNeeded', 'deadlineExtended', 'readyForCollection', 'uncollected', 'withdrawn'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * The little a notification carries beyond its kind: only what its text names (the documents
 * asked for, the new deadline), never the application's other variables.
 */
export function notificationPayload(kind: NotificationKind, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (kind === 'documentsNeeded') {
    const documents = requestedDocumentsOf(variables).slice(0, 20);
    return documents.length ? { requestedDocuments: documents } : {};
  }
  return {};
}
