import type { Draw } from './collectFacts.js';
import { poissonBinomialTail } from './statistics.js';
import { verdictOf, type AbsenceBeneficiary, type IntegrityThresholds, type LateAbsence } from './types.js';

const HOUR = 3_600_000;

/** Each absence set shortly before draws it kept the person out of, with those draws. */
export function lateAbsences(draws: readonly Draw[]): LateAbsence[] {
  const rows = new Map<string, { absence: Draw['lateAbsent'][number]; group: string; draws: { seq: number; pick: string; at: string }[] }>();
  for (const draw of draws) {
    for (const absence of draw.lateAbsent) {
      const key = `${absence.seq}\u0000${draw.group}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { absence, group: draw.group, draws: [] }));
      row.draws.push({ seq: draw.seq, pick: draw.pick, at: draw.at });
    }
  }
  return [...rows.values()]
    .map(({ absence, group, draws: steered }) => ({
      seq: absence.seq,
      official: absence.userId,
      setBy: absence.by,
      setAt: absence.at,
      from: absence.from,
      to: absence.to,
      group,
      hoursBefore: Math.max(0, (Date.parse(steered[0]!.at) - Date.parse(absence.at)) / HOUR),
      draws: steered.map(({ seq, pick }) => ({ seq, pick })),
    }))
    .sort((a, b) => a.seq - b.seq);
}

/**
 * Who won the draws that late absences thinned, against what they would have expected had the
 * colleagues been there: landing many such files is the pattern of steering by absences
 * (DOMAIN.md: "officials marking themselves absent to steer files"). p is the exact chance of
 * winning at least that many of those draws from the full pool, times the officials tested.
 */
export function absenceBeneficiaries(draws: readonly Draw[], thresholds: IntegrityThresholds): AbsenceBeneficiary[] {
  const steered = draws.filter((d) => d.lateAbsent.length > 0);
  const candidates = new Map<string, { group: string; official: string; chances: number[]; received: number; seqs: number[]; absences: Set<number> }>();
  for (const draw of steered) {
    const fullPool = draw.pool.length + draw.lateAbsent.length;
    for (const member of draw.pool) {
      const key = `${draw.group}\u0000${member}`;
      let c = candidates.get(key);
      if (!c) candidates.set(key, (c = { group: draw.group, official: member, chances: [], received: 0, seqs: [], absences: new Set() }));
      c.chances.push(1 / fullPool);
      if (member === draw.pick) {
        c.received++;
        c.seqs.push(draw.seq);
        for (const a of draw.lateAbsent) c.absences.add(a.seq);
      }
    }
  }
  const tested = [...candidates.values()].filter((c) => c.received > 0);
  return tested
    .map((c) => {
      const p = Math.min(1, poissonBinomialTail(c.chances, c.received) * tested.length);
      const flagged = c.received >= thresholds.minEvents && c.absences.size >= 2 && p < thresholds.alpha;
      return {
        official: c.official,
        group: c.group,
        received: c.received,
        expectedWithColleagues: c.chances.reduce((a, b) => a + b, 0),
        p,
        verdict: verdictOf(p),
        flagged,
        absenceSeqs: [...c.absences].sort((a, b) => a - b),
        seqs: c.seqs,
      };
    })
    .sort((a, b) => a.p - b.p || (a.official < b.official ? -1 : 1));
}
