import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The BPMN MIWG reference models (CC BY 3.0) are not part of this repository: they are read
 * from `MIWG_CORPUS`, else from `../shared/corpus/miwg` beside the clone. A fresh clone without
 * either reports the tests that need them as skipped, with this reason, never as passed.
 */
export const MIWG_CORPUS = process.env.MIWG_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus/miwg');

export const miwgFiles: readonly string[] = existsSync(MIWG_CORPUS) ? readdirSync(MIWG_CORPUS).filter((f) => f.endsWith('.bpmn')).sort() : [];

/** Why the corpus tests do not run, or undefined when they do. */
export const miwgSkipReason: string | undefined = miwgFiles.length
  ? undefined
  : `no MIWG corpus at ${MIWG_CORPUS} (set MIWG_CORPUS to a folder of the BPMN MIWG reference models)`;

if (miwgSkipReason) console.warn(`[miwg] skipped: ${miwgSkipReason}`);

/** A describe title that carries the skip reason into the test report. */
export function miwgTitle(title: string): string {
  return miwgSkipReason ? `${title} — skipped: ${miwgSkipReason}` : title;
}
