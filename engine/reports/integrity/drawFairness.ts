import type { Draw } from './collectFacts.js';
import { chiSquareGoodnessOfFit } from './statistics.js';
import { verdictOf, type GroupDraws, type IntegrityThresholds, type OfficialDraws } from './types.js';

/** An official more than this many standard deviations above chance, in a group whose test fails, is named. */
const Z_NAMED = 2;

/**
 * Per group: draws received against draws expected, and Pearson's chi-square over the
 * officials. Each draw gives every member of its pool 1/poolSize, so an official away half
 * the period expects half as many files. With pools that change from draw to draw the statistic
 * is only approximately chi-square with (officials − 1) degrees of freedom; the approximation is
 * trusted only under Cochran's rule (no official expecting under 1, four in five expecting 5 or
 * more) — otherwise the verdict is "too few draws to judge".
 */
export function drawFairness(draws: readonly Draw[], unverified: readonly { seq: number; group: string }[], thresholds: IntegrityThresholds): GroupDraws[] {
  const groups = new Set([...draws.map((d) => d.group), ...unverified.map((u) => u.group)]);
  return [...groups].sort().map((group) => {
    const mine = draws.filter((d) => d.group === group);
    const tally = new Map<string, { received: number; expected: number; variance: number; seqs: number[] }>();
    const of = (id: string) => {
      let t = tally.get(id);
      if (!t) tally.set(id, (t = { received: 0, expected: 0, variance: 0, seqs: [] }));
      return t;
    };
    for (const draw of mine) {
      const p = 1 / draw.pool.length;
      for (const member of draw.pool) {
        const t = of(member);
        t.expected += p;
        t.variance += p * (1 - p);
      }
      const t = of(draw.pick);
      t.received++;
      t.seqs.push(draw.seq);
    }
    const ids = [...tally.keys()].sort();
    const expected = ids.map((id) => tally.get(id)!.expected);
    const trusted = ids.length >= 2 && expected.every((e) => e >= 1) && expected.filter((e) => e >= 5).length >= 0.8 * ids.length;
    const test = trusted ? chiSquareGoodnessOfFit(ids.map((id) => tally.get(id)!.received), expected) : undefined;
    const failed = test !== undefined && test.p < thresholds.alpha;
    const officials: OfficialDraws[] = ids.map((official) => {
      const t = tally.get(official)!;
      const z = t.variance > 0 ? (t.received - t.expected) / Math.sqrt(t.variance) : null;
      return { official, received: t.received, expected: t.expected, z, flagged: failed && z !== null && z > Z_NAMED, seqs: t.seqs };
    });
    return {
      group,
      draws: mine.length,
      ...(test ? { test } : {}),
      verdict: verdictOf(test?.p),
      officials,
      unverified: unverified.filter((u) => u.group === group).map((u) => u.seq),
    };
  });
}
