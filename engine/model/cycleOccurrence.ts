import { addDuration, nominalMs, scaleDuration, type IsoDuration } from './IsoDuration.js';

/**
 * Occurrences of a timer cycle counted arithmetically: occurrence `n` is `anchor + n × period`,
 * computed in one addition, so finding the one due now costs the same whether the anchor is an
 * hour or fifty years back (walking period by period froze the server on `R/1970-…/PT1S`).
 */
export function cycleOccurrence(anchor: Date, period: IsoDuration, n: number): Date {
  return addDuration(anchor, scaleDuration(period, n));
}

/** Correction steps allowed after the estimate: months vary by at most three days around their average. */
const MAX_CORRECTIONS = 8;

/**
 * The index of the last occurrence at or before `t`: -1 when `t` is before the anchor. Estimates
 * the index from the period's average length, then corrects it by a step or two (month lengths
 * vary, fractions of a millisecond round).
 */
export function lastOccurrenceIndex(anchor: Date, period: IsoDuration, t: Date): number {
  const length = nominalMs(period);
  // Deploy refuses such periods; a definition stored before that check must fail, not spin.
  if (!(length >= 1)) throw new RangeError(`a timer cycle period of ${length} ms never advances`);
  if (t.getTime() < anchor.getTime()) return -1;
  let n = Math.floor((t.getTime() - anchor.getTime()) / length);
  for (let i = 0; n > 0 && cycleOccurrence(anchor, period, n).getTime() > t.getTime(); i++) {
    if (i >= MAX_CORRECTIONS) throw new RangeError('timer cycle arithmetic did not converge');
    n -= 1;
  }
  for (let i = 0; cycleOccurrence(anchor, period, n + 1).getTime() <= t.getTime(); i++) {
    if (i >= MAX_CORRECTIONS) throw new RangeError('timer cycle arithmetic did not converge');
    n += 1;
  }
  return n;
}
