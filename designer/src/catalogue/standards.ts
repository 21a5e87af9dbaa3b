import { standardItemIn } from '../../../processes/standardWords.js';
import type { Language } from '../i18n/messages.js';

/** What the pages read from a service standard (processes/<CODE>/standard.json). */
export interface ServiceStandard {
  readonly code: string;
  readonly processKey: string;
  readonly names: Readonly<Record<'en' | 'ru' | 'kk', string>>;
  readonly agency: string;
  readonly channels: readonly ('centre' | 'agency' | 'portal')[];
  readonly term: { readonly duration: number; readonly unit: string };
  readonly requiredDocuments: readonly string[];
  readonly groundsForRefusal: readonly string[];
  readonly result: string;
  /** The legal article naming the grounds for refusal (printed with every refusal). */
  readonly refusalArticle?: Readonly<Record<'en' | 'ru' | 'kk', string>>;
  /** The standard's lists in other languages, item by item in the English lists' order. */
  readonly translations?: {
    readonly [lang in 'ru' | 'kk']?: {
      readonly groundsForRefusal?: readonly string[];
      readonly requiredDocuments?: readonly string[];
      readonly result?: string;
      /** The model's user tasks by element id. */
      readonly tasks?: Readonly<Record<string, string>>;
      /** The model's other named elements by id (service tasks, events, gateways). */
      readonly elements?: Readonly<Record<string, string>>;
    };
  };
}

// The standards are data in processes/; the server does not serve them yet, so the build
// bundles them (a route can replace this without touching the pages: they take a map).
const files = import.meta.glob<ServiceStandard>('../../../processes/*/standard.json', { eager: true, import: 'default' });

export const STANDARDS: ReadonlyMap<string, ServiceStandard> = new Map(Object.values(files).map((s) => [s.code, s]));

/**
 * A document of a service's standard in a language: the data (the checklist, the receipt, the
 * documents asked for) holds the standard's English wording, its translation sits at the same
 * position; a document written by hand stays as written.
 */
export function documentName(serviceCode: string | undefined, doc: string, lang: Language): string {
  return standardItemIn(serviceCode ? STANDARDS.get(serviceCode) : undefined, 'requiredDocuments', doc, lang);
}

/**
 * A model element's name in a language (a task in the inbox, a step on the timeline): the
 * standard's translation of its model's user task or other named element, else the BPMN name
 * (the English), else its id.
 */
export function taskName(task: { readonly serviceCode?: string | undefined; readonly elementId: string; readonly name?: string | undefined }, lang: Language): string {
  const standard = task.serviceCode ? STANDARDS.get(task.serviceCode) : undefined;
  const own = lang === 'en' ? undefined : standard?.translations?.[lang];
  return own?.tasks?.[task.elementId] ?? own?.elements?.[task.elementId] ?? task.name ?? task.elementId;
}

export function serviceName(code: string | undefined, lang: Language, fallback = ''): string {
  const standard = code ? STANDARDS.get(code) : undefined;
  return standard?.names[lang] ?? standard?.names.en ?? fallback ?? code ?? '';
}
