import type { Reassignment } from './collectFacts.js';
import { poissonBinomialTail } from './statistics.js';
import { verdictOf, type IntegrityThresholds, type PickRecipient, type SupervisorPicks } from './types.js';

/**
 * Named picks and re-draws per supervisor and group, and to whom. A named pick is a choice by
 * design, so the question is not "was it random" but "does this supervisor keep handing files to
 * the same official": each pick is compared with an even spread over whoever present could have
 * taken it, and p is the exact chance of at least that many, times the candidates (Bonferroni).
 */
export function manualPicks(reassignments: readonly Reassignment[], thresholds: IntegrityThresholds): SupervisorPicks[] {
  const keys = [...new Set(reassignments.map((r) => `${r.by}\u0000${r.group}`))].sort();
  return keys.map((key) => {
    const [supervisor, group] = key.split('\u0000') as [string, string];
    const mine = reassignments.filter((r) => r.by === supervisor && r.group === group);
    const picks = mine.filter((r) => r.mode === 'pick');
    const officials = [...new Set(picks.flatMap((r) => [r.to, ...r.candidates]))].sort();
    const recipients: PickRecipient[] = officials
      .map((official) => {
        const chances = picks.map((r) => (r.candidates.includes(official) ? 1 / Math.max(1, r.candidates.length) : 0));
        const toThem = picks.filter((r) => r.to === official);
        const p = Math.min(1, poissonBinomialTail(chances, toThem.length) * Math.max(1, officials.length));
        return {
          official,
          picks: toThem.length,
          expected: chances.reduce((a, b) => a + b, 0),
          p,
          verdict: verdictOf(p),
          flagged: toThem.length >= thresholds.minEvents && p < thresholds.alpha,
          seqs: toThem.map((r) => r.seq),
          reasons: [...new Set(toThem.map((r) => r.reason))],
        };
      })
      .filter((r) => r.picks > 0)
      .sort((a, b) => b.picks - a.picks || (a.official < b.official ? -1 : 1));
    return { supervisor, group, picks: picks.length, redraws: mine.length - picks.length, recipients };
  });
}
