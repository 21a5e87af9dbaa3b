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

export function articleIn(standard: ServiceStandard | undefined, lang: DocumentLanguage): string | undefined {
  return standard?.refusalArticle?.[lang];
}
