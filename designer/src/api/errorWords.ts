import { MESSAGES, type Language } from '../i18n/messages.js';
import { errorSentence } from './errorSentence.js';

/**
 * A problem the server reported, in words of the UI's language: the sentence for its code
 * (`error.<code>`), else for its status class (`error.status.4xx`…), never the bare code.
 */
export function errorWords(code: string, status: number, serverMessage: string, lang: Language): string {
  return errorSentence(MESSAGES[lang], code, status, serverMessage);
}
