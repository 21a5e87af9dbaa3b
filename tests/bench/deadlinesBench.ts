/**
 * Deadline computations per second: `computeDeadline` (engine/sla) on the built-in `agency`
 * calendar, registration on the `centre` calendar (`intakeCalendar`), office `back`, a term of 5
 * in each of workingDays, calendarDays and workingHours. The receipt instants are pseudo-random
 * over 2025-01-01 … 2027-12-31 (Asia/Almaty), from a fixed seed, so runs compare; every unit
 * gets the same instants. Every result is checked (outside the timing) against the invariants
 * of engine/sla/README.md, and a fingerprint (sum of the dueAt instants) shows runs computed
 * the same deadlines.
 */
import { performance } from 'node:perf_hooks';
import { builtInCalendars, computeDeadline, isOpen, type Deadline } from '../../engine/sla/index.js';
import { opStats, peakRssMb, type OpStats } from './measure.js';
import { seeded } from '../support/seeded.js';
import { DEADLINE_UNITS, type DeadlineUnit, type DeadlinesResult } from './semanticsTypes.js';

export const DEADLINE_SEED = 20_250_101;
const FROM = Date.parse('2024-12-31T19:00:00Z'); // 2025-01-01 00:00 in Almaty (UTC+5)
const TO = Date.parse('2027-12-31T19:00:00Z'); // 2028-01-01 00:00 in Almaty
const DURATION = 5;

/** Why a deadline is wrong, or undefined when it holds the invariants. */
function problem(d: Deadline, receivedAt: Date, unit: DeadlineUnit): string | undefined {
  const { agency } = builtInCalendars;
  const r = d.registeredAt.getTime();
  const due = d.dueAt.getTime();
  if (r < receivedAt.getTime()) return 'registered before it was received';
  if (!(due > r)) return 'due not after registration';
  if (d.warnAt.getTime() < r || d.warnAt.getTime() > due) return 'warnAt outside [registeredAt, dueAt]';
  if (due > d.applicantDueAt.getTime()) return 'back office due after the applicant';
  if (unit !== 'workingHours' && d.backOfficeDueAt?.getTime() !== due) return 'back office D-1 missing';
  if (unit === 'workingHours' && due !== d.applicantDueAt.getTime()) return 'an hour term has a D-1';
  // Every term ends at a closing time or inside open time: the agency is open just before it.
  if (!isOpen(agency, new Date(due - 1))) return 'due while the agency is closed';
  if (d.term.unit !== unit || d.term.duration !== DURATION || d.term.office !== 'back') return 'term not as asked';
  return undefined;
}

export function runDeadlines(n: number, warmup: number, progress: (m: string) => void): DeadlinesResult {
  const { agency, centre } = builtInCalendars;
  const random = seeded(DEADLINE_SEED);
  const received = Array.from({ length: warmup + n }, () => new Date(FROM + Math.floor(random() * (TO - FROM))));
  const perUnit = {} as Record<DeadlineUnit, OpStats>;
  const fingerprint = {} as Record<DeadlineUnit, number>;
  const all = new Float64Array(n * DEADLINE_UNITS.length);
  let allElapsed = 0;
  let checked = 0;

  for (const [u, unit] of DEADLINE_UNITS.entries()) {
    const out: Deadline[] = new Array<Deadline>(warmup + n);
    for (let i = 0; i < warmup; i += 1) {
      out[i] = computeDeadline({ calendar: agency, intakeCalendar: centre, receivedAt: received[i]!, duration: DURATION, unit, office: 'back' });
    }
    const latencies = new Float64Array(n);
    const t0 = performance.now();
    for (let k = 0; k < n; k += 1) {
      const s = performance.now();
      out[warmup + k] = computeDeadline({ calendar: agency, intakeCalendar: centre, receivedAt: received[warmup + k]!, duration: DURATION, unit, office: 'back' });
      latencies[k] = performance.now() - s;
    }
    const elapsed = performance.now() - t0;
    allElapsed += elapsed;
    all.set(latencies, u * n);
    let sum = 0;
    for (let i = 0; i < out.length; i += 1) {
      const d = out[i];
      const why = d ? problem(d, received[i]!, unit) : 'not computed';
      if (why) throw new Error(`${unit} #${i} received ${received[i]!.toISOString()}: ${why}`);
      if (i >= warmup) sum += d!.dueAt.getTime();
      checked += 1;
    }
    perUnit[unit] = opStats(latencies, elapsed);
    fingerprint[unit] = sum;
    progress(`${unit}: ${perUnit[unit].perSec.toLocaleString('en-US')}/s, ${out.length} results checked`);
  }

  return {
    measure: 'deadlines',
    setup: `computeDeadline, calendar agency, intakeCalendar centre, office back, duration ${DURATION}, receivedAt uniform over 2025–2027 (Almaty), seed ${DEADLINE_SEED}`,
    seed: DEADLINE_SEED,
    warmup,
    perUnit,
    overall: opStats(all, allElapsed),
    checked,
    fingerprint,
    peakRssMb: peakRssMb(),
    notes: [],
  };
}
