import type { ProblemDetail } from '../../api/modelVerdict.js';
import { formatMessage } from '../../i18n/format.js';
import { MESSAGES, type Language } from '../../i18n/messages.js';

/**
 * A problem's detail (which element, which value, which limit) in one language: its template
 * from the `problemDetail` catalogue with the server's values put in as they are (element ids,
 * attribute values). Without a detail, or for a key the catalogue lacks (an older or newer
 * server), the server's English message.
 */
export function detailWords(message: string, detail: ProblemDetail | undefined, lang: Language): string {
  const text = detail ? (MESSAGES[lang] as Readonly<Record<string, string>>)[`problemDetail.${detail.key}`] : undefined;
  return text === undefined || !detail ? message : formatMessage(text, { ...detail.params }, lang);
}
