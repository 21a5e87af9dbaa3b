import { standardItemIn } from '../../../processes/standardWords.js';
import type { ApplicationOutcome } from '../api/ApiClient.js';
import { STANDARDS } from '../catalogue/standards.js';
import { formatDate, language, tIn } from '../i18n/i18n.js';
import type { Language } from '../i18n/messages.js';

/**
 * The decision's words in a language (the UI's unless said: the applicant's on what is handed over): the official picks a ground in the standard's
 * (English) wording, and the standard's translation sits at the same position; free text
 * stays as written. One place for the hand-back, the print view and the public page.
 */
export function groundsText(serviceCode: string | undefined, outcome: Pick<ApplicationOutcome, 'grounds' | 'reason'>, lang: Language = language()): string[] {
  const standard = serviceCode ? STANDARDS.get(serviceCode) : undefined;
  const grounds = outcome.grounds.map((ground) => standardItemIn(standard, 'groundsForRefusal', ground, lang));
  return [...grounds, ...(outcome.reason ? [tIn(lang, `outcome.reason.${outcome.reason}`)] : [])];
}

/** The standard's article in a language (the UI's unless said), else what the server sent. */
export function articleText(serviceCode: string | undefined, fallback: string | undefined, lang: Language = language()): string | undefined {
  const standard = serviceCode ? STANDARDS.get(serviceCode) : undefined;
  return standard?.refusalArticle?.[lang] ?? fallback;
}

/** A calendar date (YYYY-MM-DD) in the UI's language: dd.mm.yyyy in Kazakh and Russian, in words in English. */
export function formatDay(day: string | undefined, lang: Language = language()): string {
  if (!day) return '—';
  if (lang !== 'en') return formatDate(day, lang);
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A centre's name and address in a language (the directory's translation, else as written): "<centre>, <address>". */
export function placeText(place: { readonly name: string; readonly address?: string | undefined; readonly translations?: PlaceTranslations | undefined }, lang: Language = language()): string {
  const words = place.translations?.[lang];
  return [words?.name ?? place.name, words?.address ?? place.address].filter(Boolean).join(', ');
}

type PlaceTranslations = Partial<Record<Language, { readonly name?: string | undefined; readonly address?: string | undefined } | undefined>>;

const collectPlace = (collect: NonNullable<ApplicationOutcome['collect']>, lang: Language) => placeText({ name: collect.where, address: collect.address, translations: collect.translations }, lang);

/** "Ready for collection at <centre>, <address>, until <date>". */
export function collectText(collect: NonNullable<ApplicationOutcome['collect']>, lang: Language = language()): string {
  return tIn(lang, 'outcome.collect', { where: collectPlace(collect, lang), until: formatDay(collect.until, lang) });
}

/** The document's kind, as the server's PDF names it. */
export function documentKind(outcome: ApplicationOutcome): 'approved' | 'refused' | 'incomplete' | 'withdrawn' | undefined {
  if (!outcome.outcome) return undefined;
  return outcome.outcome === 'refused' && outcome.reason === 'incomplete' ? 'incomplete' : outcome.outcome;
}

/** "<centre>, <address>, until <date>": beside a label that already says what it is. */
export function collectPlaceText(collect: NonNullable<ApplicationOutcome['collect']>, lang: Language = language()): string {
  return tIn(lang, 'outcome.collectAt', { where: collectPlace(collect, lang), until: formatDay(collect.until, lang) });
}
