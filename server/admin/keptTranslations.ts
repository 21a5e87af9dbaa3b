import type { OrgUnit, OrgUnitTranslations } from '../../engine/index.js';

const FIELDS = ['name', 'city', 'address'] as const;

/**
 * What an administrator's edit of a unit keeps of its words in other languages: those of each
 * field it leaves as it was. A renamed unit loses the old name's translations (they named the
 * old one), so its readers see the new name as written until someone translates it.
 */
export function keptTranslations(previous: OrgUnit | undefined, next: Pick<OrgUnit, 'name' | 'city' | 'address'>): OrgUnitTranslations | undefined {
  if (!previous?.translations) return undefined;
  const kept: OrgUnitTranslations = {};
  for (const [lang, words] of Object.entries(previous.translations) as [keyof OrgUnitTranslations, NonNullable<OrgUnitTranslations[keyof OrgUnitTranslations]>][]) {
    const same = Object.fromEntries(FIELDS.filter((field) => words[field] !== undefined && previous[field] === next[field]).map((field) => [field, words[field]]));
    if (Object.keys(same).length) kept[lang] = same;
  }
  return Object.keys(kept).length ? kept : undefined;
}
