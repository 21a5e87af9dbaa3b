import type { Verdict } from '../api/oversightApi.js';
import { language, locale, t } from '../i18n/i18n.js';

/** "= 0.003", "= 0.41", "< 0.0001": a p-value as an auditor reads it, not as a float prints. */
export function pValue(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return `= ${p < 0.01 ? p.toPrecision(1) : p.toFixed(2)}`;
}

/** The verdict in words, with its p-value: "unlikely by chance (p = 0.003)". */
export function verdictWords(verdict: Verdict, p: number | undefined): string {
  if (verdict === 'insufficient' || p === undefined) return t('integrity.p.insufficient');
  return t(`integrity.p.${verdict}`, { p: pValue(p) });
}

/** A person as the directory names them, with the id the trail uses: "Serik Nurpeisov (mj-registration-3)". */
export function person(names: Readonly<Record<string, string>>, id: string): string {
  const name = names[id];
  return name && name !== id ? `${name} (${id})` : id;
}

export function people(names: Readonly<Record<string, string>>, ids: readonly string[]): string {
  return new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(ids.map((id) => person(names, id)));
}

/** An expected count: one decimal is as much precision as a share of draws deserves. */
export function expectedCount(value: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value);
}

/**
 * Received against expected in words: within two standard deviations (where chance puts about
 * 19 officials in 20) reads "about as expected", so ordinary luck is not worded as a finding.
 */
export function difference(received: number, expected: number, z: number | null): string {
  const gap = received - expected;
  if (z === null || Math.abs(z) < 2) return t('integrity.diff.about');
  const n = expectedCount(Math.abs(gap));
  return gap > 0 ? t('integrity.diff.more', { n }) : t('integrity.diff.fewer', { n });
}
