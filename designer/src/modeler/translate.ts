import { formatMessage } from '../i18n/format.js';
import { language } from '../i18n/i18n.js';
import { MESSAGES } from '../i18n/messages.js';

/**
 * diagram-js's `translate` service in the UI's language: bpmn-js's palette, context pad and
 * replace menu, and the properties panel's groups and entries, look their English strings up
 * in the `bpmn` catalogue (key `bpmn.<English>`); a string the catalogue lacks stays English.
 * Read when the modeler draws, so a language switch shows on the next modeler page.
 */
export function translate(template: string, replacements: Record<string, string> = {}): string {
  const messages = MESSAGES[language()] as Readonly<Record<string, string>>;
  const text = messages[`bpmn.${template}`] ?? template;
  return formatMessage(text, replacements, language());
}

export const translateModule = { translate: ['value', translate] };
