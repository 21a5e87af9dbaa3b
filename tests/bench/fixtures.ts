/** The scenarios' BPMN files and what each instance is expected to do. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ScenarioName } from './types.js';

export interface Scenario {
  readonly name: ScenarioName;
  /** The bpmn:process id (Tereze's process key). */
  readonly key: string;
  readonly file: string;
  readonly description: string;
  /** Every end event of the process. */
  readonly endEvents: readonly string[];
  /** The user task to complete through the API, when the scenario has one. */
  readonly userTask?: string;
}

export const SCENARIO_SPECS: Record<ScenarioName, Scenario> = {
  a: {
    name: 'a',
    key: 'bench_a',
    file: 'scenario-a.bpmn',
    description: 'start → service task → exclusive gateway → end (two end events)',
    endEvents: ['end_approved', 'end_rejected'],
  },
  b: {
    name: 'b',
    key: 'bench_b',
    file: 'scenario-b.bpmn',
    description: 'start → user task (completed through the API) → end',
    endEvents: ['end'],
    userTask: 'review',
  },
};

export function readFixture(scenario: ScenarioName): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${SCENARIO_SPECS[scenario].file}`, import.meta.url)), 'utf8');
}

/** Instance i's input: even instances are approved, odd ones rejected, so both paths run. */
export function amountFor(i: number): number {
  return i % 2 === 0 ? 150 : 50;
}

/** The business rule both engines' service task implements. */
export function decide(amount: unknown): boolean {
  return Number(amount) > 100;
}

/** The end event instance i must reach. */
export function expectedEnd(scenario: ScenarioName, i: number): string {
  if (scenario === 'b') return 'end';
  return decide(amountFor(i)) ? 'end_approved' : 'end_rejected';
}
