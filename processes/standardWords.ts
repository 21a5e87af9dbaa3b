/**
 * A standard's item in a language: the data an application holds (a ground chosen, a document
 * handed in or asked for) keeps the standard's English wording, and each translation in
 * `standard.json` sits at the same position of its list; an item written by hand (not in the
 * standard) stays as written. Plain data in, text out: the server's PDF and the web app both
 * read it (the browser imports this file).
 */
export type StandardList = 'groundsForRefusal' | 'requiredDocuments';

export interface TranslatedLists {
  readonly groundsForRefusal: readonly string[];
  readonly requiredDocuments: readonly string[];
  readonly translations?: { readonly [lang in 'ru' | 'kk']?: { readonly [list in StandardList]?: readonly string[] } };
}

export function standardItemIn(standard: TranslatedLists | undefined, list: StandardList, item: string, lang: 'kk' | 'ru' | 'en'): string {
  if (!standard || lang === 'en') return item;
  const index = standard[list].indexOf(item);
  return (index >= 0 ? standard.translations?.[lang]?.[list]?.[index] : undefined) ?? item;
}
