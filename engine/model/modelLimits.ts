import type { SlaUnit } from './types.js';

/**
 * What a model may ask of the engine, checked at deploy: a model is data written by a person
 * (or a script) and must not be able to stall the server, overflow a date or schedule work
 * nobody can do. Each limit is far beyond what a public service standard needs; a refusal is a
 * DefinitionError naming the element and the limit (422 over HTTP).
 */
export const MODEL_LIMITS = {
  /**
   * A timer duration is a whole number of milliseconds, at least one: the clock counts whole
   * milliseconds, so `PT0.0001S` would silently become "now".
   */
  minTimerDurationMs: 1,
  /**
   * A cycle's period is at least a second: each repetition starts an application or moves a
   * token, and a zero period never advances (the server loops forever).
   */
  minCyclePeriodMs: 1_000,
  /** A cycle repeats at most this often when it names a count (`R100000/PT1H`: eleven years hourly). */
  maxCycleRepetitions: 100_000,
  /**
   * Durations and cycle periods last at most 100 years, and dates and cycle starts lie at most
   * 100 years after the deploy: nothing in a service outlives that, and it keeps every instant
   * the engine computes inside what a Date can hold.
   */
  horizonYears: 100,
  /**
   * A `ps:calendar` (working-time) timer counts at most a working year of open time (52 weeks of
   * 40 hours): counting it walks the calendar day by day.
   */
  maxWorkingTimeTimerHours: 2_080,
  /**
   * A `ps:sla` term is at most about a year in its unit: the deadline arithmetic walks working
   * days, and the longest term in the catalogue is 30 calendar days.
   */
  maxSla: { workingDays: 260, calendarDays: 366, workingHours: 2_080, minutes: 525_600 } satisfies Record<SlaUnit, number>,
  /** A FEEL expression is at most this many characters: parsed at deploy, evaluated at every step. */
  maxFeelLength: 2_000,
  /**
   * The values a FEEL expression may iterate over literal ranges and lists (`for i in 1..n`,
   * `some x in [..]`), multiplied when nested: feelin has no step budget, and a condition runs at
   * every step. A range whose bound is a variable is refused (iterate a list variable instead).
   */
  maxFeelIterations: 10_000,
  /**
   * A task's form (`ps:form`, a form-js schema) is at most 64 KiB of JSON with at most 200
   * components, 500 values a choice field and groups nested 5 deep: the engine parses it at
   * deploy and checks every completion against it, and the inbox renders it.
   */
  maxFormBytes: 65_536,
  maxFormComponents: 200,
  maxFormValues: 500,
  maxFormDepth: 5,
  /**
   * A multi-instance activity runs at most this many inner instances (a collection's items or a
   * cardinality): each is a token and, for a task, an inbox task, all written in one commit;
   * with the activity, they stay within the step budget (1,000 elements by default).
   */
  maxMultiInstances: 500,
  /** A text a form field accepts, when the form sets no smaller maxLength. */
  maxFormTextLength: 10_000,
} as const;

/** The horizon in milliseconds, counting a year as the Gregorian average (365.2425 days). */
export const HORIZON_MS = MODEL_LIMITS.horizonYears * 365.2425 * 86_400_000;
