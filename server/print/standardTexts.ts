import type { ServiceStandard } from '../../processes/standard.js';

/** The languages a printed document comes in: the state language first. */
export const DOCUMENT_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

export function isDocumentLanguage(value: unknown): value is DocumentLanguage {
  return typeof value === 'string' && (DOCUMENT_LANGUAGES as readonly string[]).includes(value);
}

export function standardOf(services: readonly ServiceStandard[] | undefined, serviceCode: string | undefined): ServiceStandard | undefined {
  return serviceCode ? services?.find((s) => s.code === serviceCode) : undefined;
}

/**
 * A ground as the standard words it in a language: the official picks the standard's English
 * wording, and its translation sits at the same position; free text stays as written.
 */
export function groundIn(standard: ServiceStandard | undefined, ground: string, lang: DocumentLanguage): string {
  if (!standard || lang === 'en') return ground;
  const index = standard.groundsForRefusal.indexOf(ground);
  return (index >= 0 ? standard.translations[lang]?.groundsForRefusal?.[index] : undefined) ?? ground;
}

/** A document as the standard words it in a language (the data holds the English wording; free text stays). */
export function documentIn(standard: ServiceStandard | undefined, doc: string, lang: DocumentLanguage): string {
  if (!standard || lang === 'en') return doc;
  const index = standard.requiredDocuments.indexOf(doc);
  return (index >= 0 ? standard.translations[lang]?.requiredDocuments?.[index] : undefined) ?? doc;
}

export function articleIn(standard: ServiceStandard | undefined, lang: DocumentLanguage): string | undefined {
  return standard?.refusalArticle?.[lang];
}
