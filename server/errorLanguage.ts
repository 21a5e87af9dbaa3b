import { errorSentence } from '../designer/src/api/errorSentence.js';
import en from '../designer/src/i18n/catalogue/en/error.json' with { type: 'json' };
import kk from '../designer/src/i18n/catalogue/kk/error.json' with { type: 'json' };
import ru from '../designer/src/i18n/catalogue/ru/error.json' with { type: 'json' };
import type { ActingUser } from './AppContext.js';

/** The languages the server words its errors in: the UI's catalogues (error feature). */
export const ERROR_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type ErrorLanguage = (typeof ERROR_LANGUAGES)[number];

const WORDS: Readonly<Record<ErrorLanguage, Readonly<Record<string, string>>>> = { kk, ru, en };

/**
 * The language of an error body: the first language of Accept-Language (by q, then order) the
 * server speaks ("kk-KZ" is kk); with none of them asked for (no header, `*`, `de`), the
 * language the user chose in the UI; else English.
 */
export function errorLanguage(acceptLanguage: string | undefined, user?: Pick<ActingUser, 'language'>): ErrorLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const asked = ranked.find((r) => (ERROR_LANGUAGES as readonly string[]).includes(r.base))?.base as ErrorLanguage | undefined;
  return asked ?? user?.language ?? 'en';
}

/**
 * An error's message in that language: the catalogue's sentence for the code, followed by the
 * server's own (English) detail where it names what to fix (the field, the element). English
 * keeps the server's message as it is; the code never changes.
 */
export function errorMessageIn(lang: ErrorLanguage, code: string, status: number, message: string): string {
  if (lang === 'en') return message;
  return errorSentence(WORDS[lang], code, status, message);
}
