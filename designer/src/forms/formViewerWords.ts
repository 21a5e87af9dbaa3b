import { formatMessage } from '../i18n/format.js';
import { MESSAGES, type Language, type MessageKey } from '../i18n/messages.js';

type Say = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * @bpmn-io/form-js-viewer's own words (1.23: the validator's messages in core/Validator.js, the
 * select's, taglist's, repeater's and file picker's texts in their components) in the reader's
 * language. The viewer has no translate service and no option for its messages (form-js issue
 * #443 "i18n for form validation", open, part of #77 "i18n support"): they are English strings
 * in its code. So each is matched here by its English wording, once, and said from the
 * `formViewer` catalogue. A text the viewer words otherwise in a later version stays English:
 * the task page's e2e (language.test.ts) catches it.
 */
const WORDS: readonly (readonly [RegExp, (m: RegExpMatchArray, t: Say) => string])[] = [
  [/^Field is required\.$/, (_, t) => t('formViewer.required')],
  [/^Value is not a number\.$/, (_, t) => t('formViewer.notNumber')],
  [/^Value is expected to be an integer\.$/, (_, t) => t('formViewer.integer')],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m, t) => t('formViewer.decimals', { count: Number(m[1]) })],
  [/^Please select a valid value, the two nearest valid values are (\S+) and (\S+)\.$/, (m, t) => t('formViewer.step', { previous: m[1]!, next: m[2]! })],
  [/^Field must match pattern (.+)\.$/, (m, t) => t('formViewer.pattern', { pattern: m[1]! })],
  [/^Field must have minimum value of (.+)\.$/, (m, t) => t('formViewer.min', { min: m[1]! })],
  [/^Field must have maximum value of (.+)\.$/, (m, t) => t('formViewer.max', { max: m[1]! })],
  [/^Min validation value is not a valid number\.$/, (_, t) => t('formViewer.minInvalid')],
  [/^Max validation value is not a valid number\.$/, (_, t) => t('formViewer.maxInvalid')],
  [/^Field must have minimum length of (.+)\.$/, (m, t) => t('formViewer.minLength', { min: m[1]! })],
  [/^Field must have maximum length of (.+)\.$/, (m, t) => t('formViewer.maxLength', { max: m[1]! })],
  [/^Field must be a valid {1,2}international phone number\./, (_, t) => t('formViewer.phone')],
  [/^Field must be a valid email\.$/, (_, t) => t('formViewer.email')],
  [/^Document reference is not defined\.$/, (_, t) => t('formViewer.documentMissing')],
  [/^Select$/, (_, t) => t('formViewer.select')],
  [/^Search$/, (_, t) => t('formViewer.search')],
  [/^No results$/, (_, t) => t('formViewer.noResults')],
  [/^All values selected$/, (_, t) => t('formViewer.allSelected')],
  [/^Remove tag$/, (_, t) => t('formViewer.removeTag')],
  [/^Nothing to show\.$/, (_, t) => t('formViewer.nothingToShow')],
  [/^Browse$/, (_, t) => t('formViewer.browse')],
  [/^Add new$/, (_, t) => t('formViewer.addNew')],
  [/^Collapse$/, (_, t) => t('formViewer.collapse')],
  [/^Expand all \((\d+)\)$/, (m, t) => t('formViewer.expandAll', { count: m[1]! })],
  [/^Remove list item (\d+)$/, (m, t) => t('formViewer.removeItem', { number: m[1]! })],
  [/^Increment$/, (_, t) => t('formViewer.increment')],
  [/^Decrement$/, (_, t) => t('formViewer.decrement')],
  [/^Previous page$/, (_, t) => t('formViewer.previousPage')],
  [/^Next page$/, (_, t) => t('formViewer.nextPage')],
  [/^Download (.+)$/, (m, t) => t('formViewer.download', { file: m[1]! })],
];

/** One of the viewer's English texts in `lang`; undefined for any other text (the form's own, already translated). */
export function viewerWords(english: string, lang: Language): string | undefined {
  const t: Say = (key, params = {}) => formatMessage(MESSAGES[lang][key] ?? MESSAGES.en[key], params, lang);
  const text = english.trim();
  for (const [pattern, say] of WORDS) {
    const match = text.match(pattern);
    if (match) return say(match, t);
  }
  return undefined;
}

interface Validator {
  validateField(...args: unknown[]): string[];
  validateFieldInstance(...args: unknown[]): string[];
}

/**
 * Wraps the viewer's `validator` service so the errors it returns (shown under a field, and
 * `form.submit().errors`) are in the reader's language: the messages themselves, not the DOM.
 */
function localizeValidator(validator: Validator, lang: Language): void {
  for (const method of ['validateField', 'validateFieldInstance'] as const) {
    const validate = validator[method].bind(validator);
    validator[method] = (...args: unknown[]) => validate(...args).map((message) => viewerWords(message, lang) ?? message);
  }
}

/**
 * A form-js module (the viewer's `additionalModules`): its validation messages in `lang`, from the
 * `formViewer` catalogue. A form is built per language (TaskFormView rebuilds it on a switch).
 */
export function localizedValidationModule(lang: Language) {
  const localizedValidation = (validator: Validator) => localizeValidator(validator, lang);
  localizedValidation.$inject = ['validator'];
  return { __init__: ['localizedValidation'], localizedValidation: ['factory', localizedValidation] as const };
}
