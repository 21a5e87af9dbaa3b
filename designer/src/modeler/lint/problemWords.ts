import { problemCode } from '../../../../engine/model/problemCodes.js';
import type { ProblemDetail } from '../../api/modelVerdict.js';
import { language, tMaybe } from '../../i18n/i18n.js';
import { detailWords } from './detailWords.js';

/**
 * A deploy or lint problem in the user's language. The server's problems carry a stable code
 * (engine/model/problemCodes.ts): its sentence from the `problem` catalogue comes first, the
 * detail after it in brackets (detailWords.ts); a lint rule's fixed sentence stands alone. A
 * message without a code (a deploy warning) is coded by its words. In English, or for a code
 * the catalogue lacks, the message as it is.
 */
export function sayProblem(given: string | undefined, message: string, detail?: ProblemDetail): string {
  if (language() === 'en') return message;
  const code = given ?? problemCode(message);
  const said = tMaybe(`problem.${code}`, '');
  if (!said) return message;
  return code.startsWith('lint.') && code !== 'lint.task-form' ? said : `${said} (${detailWords(message, detail, language())})`;
}
