/**
 * One public-service measurement in its own process:
 *   node --import tsx tests/bench/semanticsWorker.ts --measure deadlines|assignment|sweep
 *        [--n N --warmup W] [--strategies random,least-loaded,round-robin] [--tasks N] [--repeats R] [--analyze] [--keep-indexes]
 * Progress goes to stderr; the result (or { measure, error } with exit code 1) is the last line
 * of stdout, as JSON.
 */
import { parseArgs } from 'node:util';
import { runAssignment } from './assignmentBench.js';
import { runDeadlines } from './deadlinesBench.js';
import { MEASUREMENTS, STRATEGIES, type MeasurementName, type MeasurementOutput, type MeasurementResult, type Strategy } from './semanticsTypes.js';
import { runSweep } from './sweepBench.js';

const { values } = parseArgs({
  options: {
    measure: { type: 'string' },
    n: { type: 'string', default: '0' },
    warmup: { type: 'string', default: '0' },
    strategies: { type: 'string', default: STRATEGIES.join(',') },
    tasks: { type: 'string', default: '1000000' },
    repeats: { type: 'string', default: '5' },
    analyze: { type: 'boolean', default: false },
    'keep-indexes': { type: 'boolean', default: false },
  },
});
const measure = values.measure as MeasurementName;
const progress = (message: string) => process.stderr.write(`  [${measure}] ${message}\n`);

function whole(text: string, name: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return value;
}

async function main(): Promise<MeasurementResult> {
  switch (measure) {
    case 'deadlines':
      return runDeadlines(whole(values.n, 'n', 1), whole(values.warmup, 'warmup', 0), progress);
    case 'assignment': {
      const strategies = values.strategies.split(',').map((s) => s.trim()) as Strategy[];
      const unknown = strategies.filter((s) => !STRATEGIES.includes(s));
      if (unknown.length) throw new Error(`unknown strategies ${unknown.join(', ')}: expected ${STRATEGIES.join(', ')}`);
      return runAssignment(whole(values.n, 'n', 1), whole(values.warmup, 'warmup', 0), strategies, progress);
    }
    case 'sweep':
      return runSweep(whole(values.tasks, 'tasks', 1_000), whole(values.repeats, 'repeats', 1), values.analyze, values['keep-indexes'], progress);
    default:
      throw new Error(`--measure must be one of ${MEASUREMENTS.join(', ')}`);
  }
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    const output: MeasurementOutput = { measure, error: error instanceof Error ? error.message : String(error) };
    process.stdout.write(`${JSON.stringify(output)}\n`);
    process.exitCode = 1;
  },
);
