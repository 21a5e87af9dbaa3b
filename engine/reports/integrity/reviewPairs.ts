import type { Completion, Draw } from './collectFacts.js';
import { poissonBinomialTail } from './statistics.js';
import { verdictOf, type IntegrityThresholds, type ReviewPair } from './types.js';

/**
 * Officials who keep meeting on the same applications under the four-eyes rule. A four-eyes
 * draw is one with exclusions (the officials of the earlier task); the pair is the excluded
 * official and whoever completed the review. The draw gave any one partner 1/poolSize, so a pair
 * expects the sum of those chances over the four-eyes draws where one of them was the first
 * official and the other was in the pool. p: the exact chance of at least the count observed,
 * times the pairs tested (Bonferroni). A recurring pair can be a collusion the draw should prevent.
 */
export function reviewPairs(draws: readonly Draw[], completions: ReadonlyMap<string, Completion>, thresholds: IntegrityThresholds): ReviewPair[] {
  const pairs = new Map<string, { group: string; officials: [string, string]; chances: number[]; observed: number; seqs: number[] }>();
  const pairOf = (group: string, a: string, b: string) => {
    const officials: [string, string] = a < b ? [a, b] : [b, a];
    const key = `${group}\u0000${officials.join('\u0000')}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { group, officials, chances: [], observed: 0, seqs: [] }));
    return pair;
  };
  for (const draw of draws) {
    if (draw.excluded.length === 0) continue;
    const reviewer = completions.get(draw.taskId);
    for (const first of draw.excluded) {
      for (const member of draw.pool) pairOf(draw.group, first, member).chances.push(1 / draw.pool.length);
      if (reviewer && reviewer.by !== first) {
        const pair = pairOf(draw.group, first, reviewer.by);
        pair.observed++;
        pair.seqs.push(draw.seq, reviewer.seq);
      }
    }
  }
  const tested = [...pairs.values()].filter((p) => p.chances.length > 0).length;
  return [...pairs.values()]
    .filter((pair) => pair.observed > 0)
    .map((pair) => {
      const p = Math.min(1, poissonBinomialTail(pair.chances, pair.observed) * Math.max(1, tested));
      return {
        officials: pair.officials,
        group: pair.group,
        observed: pair.observed,
        expected: pair.chances.reduce((a, b) => a + b, 0),
        p,
        verdict: verdictOf(p),
        flagged: pair.observed >= thresholds.minEvents && p < thresholds.alpha,
        seqs: pair.seqs,
      };
    })
    .sort((a, b) => a.p - b.p || b.observed - a.observed);
}
