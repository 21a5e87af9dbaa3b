import { messageTarget, type MessageTarget, type MessageWaits } from '../runtime/messageTarget.js';

/** The catalogue's message for the documents the applicant brings (the await_documents receive task). */
export const DOCUMENTS_MESSAGE = 'documentsProvided';

/**
 * Where the documents the applicant brings would land (the clerk's "documents brought"), or
 * undefined. The one reading of "the case waits for documents": the counter's command, the
 * instance view's `waitsForDocuments` and the outcome's requested documents all ask it, so no
 * screen needs to know the message's name.
 */
export function documentsTarget(instance: MessageWaits): MessageTarget | undefined {
  return messageTarget(instance, DOCUMENTS_MESSAGE);
}

export function waitsForDocuments(instance: MessageWaits): boolean {
  return documentsTarget(instance) !== undefined;
}
