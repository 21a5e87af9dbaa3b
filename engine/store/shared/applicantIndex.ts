import type { ApplicantCursor, ApplicantLookup, InstanceRecord } from '../port.js';

/**
 * The applicant index every store keeps beside the instances (sqlite: the `applicants` table,
 * PostgreSQL: the same table, MongoDB: the `_applicant` field): the applicant's IIN, exactly as
 * taken in, and the name's terms. A term is the folded name from the start of one of its words
 * to the end, so "Seitkali Aigerim-Nur" gives `seitkali aigerim-nur`, `aigerim-nur` and `nur`;
 * a name search is a prefix range over them: "aig", "seitkali a" and "nur" match, "kali" does not.
 * Written with the instance insert, in its commit: the applicant is part of the intake record,
 * which no later step may change (engine/intake/intakeRecord.ts).
 */

/** Words past these are not indexed: a name is a few words, never a paragraph. */
const MAX_TERMS = 8;
const MAX_NAME = 200;
/** One person's applications read at most when a search gives both the IIN and a name. */
export const IIN_HISTORY_MAX = 10_000;

/** Sorts after every stored instant and id: the first page of a lookup. */
export const NO_CURSOR: ApplicantCursor = { startedAt: '\u{10FFFF}', id: '' };

/**
 * A name as the index keeps and compares it: NFC, lower case by JavaScript's Unicode case
 * mapping (Kazakh Ә Ғ Қ Ң Ө Ұ Ү Һ І and all Russian letters fold; SQLite's LOWER folds ASCII
 * only, and PostgreSQL's follows the database's locale, so neither store folds in SQL), ё as е
 * (Russian is written either way), runs of white space as one space, trimmed.
 */
export function foldName(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The name's terms (see above), longest first, at most MAX_TERMS. */
export function nameTerms(name: string): string[] {
  const folded = foldName(name).slice(0, MAX_NAME);
  if (folded === '') return [];
  const terms = new Set([folded]);
  for (const boundary of folded.matchAll(/[ -]+/g)) {
    if (terms.size >= MAX_TERMS) break;
    const start = boundary.index + boundary[0].length;
    if (start < folded.length) terms.add(folded.slice(start));
  }
  return [...terms];
}

/** What the index holds for an applicant: undefined parts are not indexed. */
export interface ApplicantKeys {
  readonly iin?: string;
  readonly terms?: readonly string[];
}

/** The keys of an instance's applicant (`record.applicant.iin` and `.name`, strings only). */
export function applicantKeysOf(applicant: Record<string, unknown> | undefined): ApplicantKeys | undefined {
  if (applicant === undefined || applicant === null || typeof applicant !== 'object') return undefined;
  const iin = applicant['iin'];
  const name = applicant['name'];
  const terms = typeof name === 'string' ? nameTerms(name) : [];
  return { ...(typeof iin === 'string' && iin !== '' ? { iin } : {}), ...(terms.length ? { terms } : {}) };
}

/** The rows of the sqlite and PostgreSQL `applicants` table for one instance. */
export function applicantRows(record: Pick<InstanceRecord, 'applicant'>): Array<readonly [kind: 'iin' | 'name', term: string]> {
  const keys = applicantKeysOf(record.applicant);
  if (!keys) return [];
  return [...(keys.iin !== undefined ? [['iin', keys.iin] as const] : []), ...(keys.terms ?? []).map((term) => ['name', term] as const)];
}

/** One index read, as an adapter runs it: newest first (startedAt, then id, descending), strictly after the cursor. */
export type ApplicantKeyRead = (key: { readonly kind: 'iin'; readonly term: string } | { readonly kind: 'name'; readonly from: string; readonly to: string }, after: ApplicantCursor, limit: number) => Promise<InstanceRecord[]>;

/**
 * The port's lookup over an adapter's index read: the IIN exactly, or the folded name prefix as
 * the range [prefix, prefix + U+10FFFF) of terms; both given, the IIN's applications (one
 * person's, few) read and kept where the name matches too. Neither, or a name that folds to
 * nothing, finds nothing: an empty prefix would be the whole register.
 */
export async function lookUpApplicant(query: ApplicantLookup, read: ApplicantKeyRead): Promise<InstanceRecord[]> {
  const limit = Math.max(0, Math.floor(query.limit));
  const after = query.after ?? NO_CURSOR;
  const prefix = query.namePrefix === undefined ? undefined : foldName(query.namePrefix);
  if (limit === 0 || prefix === '' || (query.iin === undefined && prefix === undefined)) return [];
  if (query.iin === undefined) return read({ kind: 'name', from: prefix!, to: `${prefix!}\u{10FFFF}` }, after, limit);
  if (prefix === undefined) return read({ kind: 'iin', term: query.iin }, after, limit);
  const history = await read({ kind: 'iin', term: query.iin }, after, IIN_HISTORY_MAX);
  return history.filter((record) => nameTerms(String(record.applicant?.['name'] ?? '')).some((term) => term.startsWith(prefix))).slice(0, limit);
}
