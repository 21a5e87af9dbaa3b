import { MESSAGES, type Language, type MessageKey } from '../i18n/messages.js';

/**
 * The codes whose server message carries what the user must fix or know (the field, the
 * element, the reason of a closure): their words are followed by that message. The others'
 * messages are for the log, and the words alone say what happened and what to do.
 */
const WITH_DETAIL = new Set(['bad_request', 'conflict', 'weak_password', 'channel_closed', 'migration_refused', 'invalid_model', 'forbidden', 'not_found', 'too_many_attempts', 'too_many_streams']);

/**
 * A problem the server reported, in words of the UI's language: the sentence for its code
 * (`error.<code>`), else for its status class (`error.status.4xx`…), never the bare code.
 */
export function errorWords(code: string, status: number, serverMessage: string, lang: Language): string {
  const messages = MESSAGES[lang];
  const byCode = `error.${code}` as MessageKey;
  const byStatus = `error.status.${status}` as MessageKey;
  const byClass = (status >= 500 ? 'error.status.5xx' : status === 0 ? 'error.status.network' : 'error.status.4xx') as MessageKey;
  const known = byCode in messages;
  const words = messages[byCode] ?? messages[byStatus] ?? messages[byClass];
  const detail = serverMessage.trim();
  return (known ? WITH_DETAIL.has(code) : status < 500) && detail && detail !== code ? `${words} (${detail})` : words;
}
