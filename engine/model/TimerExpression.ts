import { cycleOccurrence, lastOccurrenceIndex } from './cycleOccurrence.js';
import { addDuration, fixedMs, isIsoDuration, nominalMs, parseDuration, type IsoDuration } from './IsoDuration.js';
import { describeValue, evaluateFeel, feelCostProblem, feelSyntaxError, normaliseExpression } from './feel.js';
import { HORIZON_MS, MODEL_LIMITS } from './modelLimits.js';
import type { TimerSpec } from './types.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const CYCLE = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/;

/** A timer written as FEEL (`=dueDate`, `="P" + string(days) + "D"`): evaluated in the token's scope when armed. */
export function isFeelTimer(spec: TimerSpec): boolean {
  return spec.expression.trim().startsWith('=');
}

/**
 * Why a timer expression is not valid ISO-8601 or goes beyond MODEL_LIMITS, or undefined when
 * it is fine. `now` (the deploy) places the horizon for dates and cycle starts. A FEEL
 * expression is checked for syntax and cost only: its value is known when the timer is armed,
 * and checked then (timerValue).
 */
export function timerProblem(spec: TimerSpec, now: Date = new Date()): string | undefined {
  const text = spec.expression.trim();
  if (isFeelTimer(spec)) {
    const feel = normaliseExpression(text);
    if (feel.length > MODEL_LIMITS.maxFeelLength) return `the FEEL expression is ${feel.length} characters long: at most ${MODEL_LIMITS.maxFeelLength}`;
    const syntax = feelSyntaxError(feel);
    if (syntax) return `'${text}' is not valid FEEL: ${syntax}`;
    const cost = feelCostProblem(feel);
    return cost ? `'${text}' does too much work: ${cost}` : undefined;
  }
  switch (spec.kind) {
    case 'duration':
      if (!isIsoDuration(text)) return `timeDuration '${text}' is not an ISO-8601 duration (e.g. PT15M, P5D)`;
      return durationProblem(`timeDuration '${text}'`, parseDuration(text), MODEL_LIMITS.minTimerDurationMs, 'ms');
    case 'date':
      if (!isInstant(text)) return `timeDate '${text}' is not an ISO-8601 instant with a zone (e.g. 2026-03-20T09:00:00+05:00)`;
      return horizonProblem(`timeDate '${text}'`, new Date(text), now);
    case 'cycle': {
      const match = CYCLE.exec(text);
      if (!match || !isIsoDuration(match[3]!)) return `timeCycle '${text}' is not an ISO-8601 repetition (e.g. R3/PT1H, R/2026-01-01T09:00:00Z/P1D)`;
      if (match[2] && !isInstant(match[2])) return `timeCycle '${text}': the start '${match[2]}' is not an ISO-8601 instant`;
      if (match[1]) {
        const count = Number(match[1]);
        if (count < 1) return `timeCycle '${text}' needs at least 1 repetition (R1 or more, or R for no end)`;
        if (count > MODEL_LIMITS.maxCycleRepetitions) return `timeCycle '${text}' may have at most ${MODEL_LIMITS.maxCycleRepetitions} repetitions (or R for no end)`;
      }
      const period = parseDuration(match[3]!);
      return (
        durationProblem(`timeCycle '${text}': the period`, period, MODEL_LIMITS.minCyclePeriodMs, 's') ??
        (match[2] ? horizonProblem(`timeCycle '${text}': the start`, new Date(match[2]), now) : undefined)
      );
    }
  }
}

/** A duration (or a cycle's period) within the limits: whole milliseconds, at least `min`, within the horizon. */
function durationProblem(what: string, d: IsoDuration, min: number, unit: 'ms' | 's'): string | undefined {
  // addDuration counts years and months on the calendar: a fraction of one has no meaning there.
  if (!Number.isInteger(d.years) || !Number.isInteger(d.months)) return `${what} must be a whole number of years and months (write P45D, not P1.5M)`;
  if (nominalMs(d) < min) return `${what} must be at least ${unit === 's' ? `${min / 1000} s` : `${min} ms`}`;
  if (nominalMs(d) > HORIZON_MS) return `${what} must be at most ${MODEL_LIMITS.horizonYears} years`;
  const exact = fixedMs(d);
  if (Math.abs(exact - Math.round(exact)) > 1e-6) return `${what} must be a whole number of milliseconds (at most three decimals of a second)`;
  return undefined;
}

function horizonProblem(what: string, at: Date, now: Date): string | undefined {
  return at.getTime() - now.getTime() > HORIZON_MS ? `${what} must lie within ${MODEL_LIMITS.horizonYears} years of the deploy` : undefined;
}

function isInstant(text: string): boolean {
  return ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text));
}

export interface TimerFiring {
  /** When the timer fires. */
  readonly dueAt: Date;
  /** Repetitions left after this one (cycles); undefined means unbounded. 0: the last firing. */
  readonly remaining?: number;
}

interface Cycle {
  /** Repetitions in all; undefined: no end. */
  readonly total: number | undefined;
  /** The start the cycle names (`R/2026-01-01T09:00:00Z/P1D`), if any. */
  readonly anchor: Date | undefined;
  readonly period: IsoDuration;
}

function cycleOf(spec: TimerSpec): Cycle {
  const match = CYCLE.exec(spec.expression.trim())!;
  return { total: match[1] ? Number(match[1]) : undefined, anchor: match[2] ? new Date(match[2]) : undefined, period: parseDuration(match[3]!) };
}

/**
 * When a timer armed at `from` first fires. A cycle with a start fires at its first occurrence
 * at or after `from` (or, when every repetition lies before `from`, once at its last one);
 * without a start, one period after `from`.
 */
export function firstFiring(spec: TimerSpec, from: Date): TimerFiring {
  const text = spec.expression.trim();
  if (spec.kind === 'duration') return { dueAt: addDuration(from, parseDuration(text)), remaining: 0 };
  if (spec.kind === 'date') return { dueAt: new Date(text), remaining: 0 };
  const { total, anchor, period } = cycleOf(spec);
  if (!anchor) return { dueAt: addDuration(from, period), remaining: total === undefined ? undefined : total - 1 };
  const last = lastOccurrenceIndex(anchor, period, from);
  let n = last >= 0 && cycleOccurrence(anchor, period, last).getTime() === from.getTime() ? last : last + 1;
  if (total !== undefined) n = Math.min(n, total - 1);
  return { dueAt: cycleOccurrence(anchor, period, n), remaining: total === undefined ? undefined : total - 1 - n };
}

/**
 * Where the occurrence at `previous` sits in its cycle: counted from the cycle's start when it
 * names one (so a monthly cycle keeps its day of the month), else from `previous` itself.
 */
function positionOf(cycle: Cycle, previous: Date): { anchor: Date; index: number } {
  return cycle.anchor ? { anchor: cycle.anchor, index: Math.max(0, lastOccurrenceIndex(cycle.anchor, cycle.period, previous)) } : { anchor: previous, index: 0 };
}

/** The next firing of a cycle after one at `previous`, or undefined when it has run out. */
export function nextFiring(spec: TimerSpec, previous: Date, remaining: number | undefined): TimerFiring | undefined {
  if (spec.kind !== 'cycle' || remaining === 0) return undefined;
  const cycle = cycleOf(spec);
  const { anchor, index } = positionOf(cycle, previous);
  return { dueAt: cycleOccurrence(anchor, cycle.period, index + 1), remaining: remaining === undefined ? undefined : remaining - 1 };
}

export interface CaughtUpFiring extends TimerFiring {
  /** Repetitions that fell due before `dueAt` and are skipped. */
  readonly skipped: number;
}

/**
 * The firing a timer due at `dueAt` makes when it fires at `now`. A cycle whose later
 * repetitions also fell due meanwhile (the server was down) fires once, for the latest of
 * them, and skips the others, as cron does: ten missed reminders are one reminder, forty
 * missed hourly starts are one application, not a burst at boot. The count of skipped
 * repetitions is what the caller audits; they still count against `R<n>`.
 */
export function catchUp(spec: TimerSpec, dueAt: Date, remaining: number | undefined, now: Date): CaughtUpFiring {
  if (spec.kind !== 'cycle' || remaining === 0 || now.getTime() <= dueAt.getTime()) return { dueAt, ...(remaining === undefined ? {} : { remaining }), skipped: 0 };
  const cycle = cycleOf(spec);
  const { anchor, index } = positionOf(cycle, dueAt);
  let skipped = lastOccurrenceIndex(anchor, cycle.period, now) - index;
  if (remaining !== undefined) skipped = Math.min(skipped, remaining);
  skipped = Math.max(0, skipped);
  return {
    dueAt: cycleOccurrence(anchor, cycle.period, index + skipped),
    ...(remaining === undefined ? {} : { remaining: remaining - skipped }),
    skipped,
  };
}

const KEY = { duration: 'timeDuration', date: 'timeDate', cycle: 'timeCycle' } as const;

/**
 * A FEEL timer evaluated in a token's scope at `now`: the ISO-8601 timer it names, checked as a
 * written one would be at deploy, or why it names none. A timeDuration takes a FEEL duration or
 * its ISO text; a timeDate a date and time (a zone-less one and a date are read as UTC) or its
 * ISO text; a timeCycle the ISO repetition text (`"R3/" + period`). A plain timer is returned as is.
 */
export function timerValue(spec: TimerSpec, variables: Readonly<Record<string, unknown>>, now: Date): { readonly timer: TimerSpec } | { readonly problem: string } {
  if (!isFeelTimer(spec)) return { timer: spec };
  const what = `${KEY[spec.kind]} '${spec.expression.trim()}'`;
  const outcome = evaluateFeel(normaliseExpression(spec.expression), variables, now);
  if (!outcome.ok) return { problem: `${what}: ${outcome.reason}` };
  const text = timerText(spec.kind, outcome.value);
  if (text === undefined) return { problem: `${what} returned ${describeValue(outcome.value)}, not ${spec.kind === 'duration' ? 'a duration' : spec.kind === 'date' ? 'a date and time' : 'an ISO-8601 repetition (R3/PT1H)'}` };
  const timer: TimerSpec = { ...spec, expression: text };
  const problem = timerProblem(timer, now);
  return problem ? { problem: `${what} returned '${text}': ${problem}` } : { timer };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** The ISO-8601 text of a FEEL value for a timer of `kind`, or undefined when it cannot be one. */
function timerText(kind: TimerSpec['kind'], value: unknown): string | undefined {
  const typeName = typeof value === 'object' && value !== null ? value.constructor.name : typeof value;
  if (kind === 'duration' && (typeof value === 'string' || typeName === 'FeelDuration')) return String(value).trim();
  if (kind === 'cycle' && typeof value === 'string') return value.trim();
  if (kind === 'date' && (typeof value === 'string' || typeName === 'FeelDateTime' || typeName === 'FeelDate')) {
    const text = typeName === 'FeelDateTime' ? dateTimeText(value as FeelDateTimeLike) : String(value).trim();
    if (DATE_ONLY.test(text)) return `${text}T00:00:00Z`;
    if (ZONELESS.test(text)) return `${text}Z`;
    return text;
  }
  return undefined;
}

interface FeelDateTimeLike {
  readonly zone: string | null;
  readonly value: { toZonedDateTime(zone: string): { toInstant(): { toString(): string } } };
}

/** A FEEL date and time as ISO text: one in a named zone (`@Asia/Almaty`) as its UTC instant. */
function dateTimeText(value: FeelDateTimeLike): string {
  if (value.zone?.includes('/')) return value.value.toZonedDateTime(value.zone).toInstant().toString();
  return String(value).trim();
}
