/**
 * One engine × one scenario in its own process, so its peak RSS is its own:
 *   node --import tsx tests/bench/worker.ts --engine bpmn-engine|sqlite-file|sqlite-memory --scenario a|b --n N --warmup W [--in-flight K]
 * (--in-flight: K instances at once, each lane starting the next when its instance ends; default 1.)
 * Progress goes to stderr; the result (RunResult, or RunFailure with exit code 1) is the last
 * line of stdout, as JSON.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readFixture } from './fixtures.js';
import { mb, measure, round } from './measure.js';
import { createTerezeRunner, loadTereze } from './terezeRunner.js';
import { ENGINES, SCENARIOS, type EngineName, type RunResult, type ScenarioName, type ScenarioRunner, type WorkerOutput } from './types.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    scenario: { type: 'string' },
    n: { type: 'string' },
    warmup: { type: 'string' },
    'in-flight': { type: 'string' },
  },
});
const engine = values.engine as EngineName;
const scenario = values.scenario as ScenarioName;
const n = Number(values.n);
const warmup = Number(values.warmup ?? 0);
const inFlight = Number(values['in-flight'] ?? 1);

function emit(output: WorkerOutput): void {
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

/** The timed loop, then the verification; the runner is closed whatever happens. */
async function runAndVerify(runner: ScenarioRunner, progress: (message: string) => void) {
  let closed = false;
  try {
    const measured = await measure(runner, warmup, n, progress, inFlight);
    const v0 = performance.now();
    const verification = await runner.verify();
    const verifyMs = round(performance.now() - v0, 1);
    closed = true;
    await runner.close();
    return { measured, verification, verifyMs };
  } finally {
    if (!closed) await runner.close().catch(() => undefined);
  }
}

async function main(): Promise<RunResult> {
  if (!ENGINES.includes(engine)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(warmup) || warmup < 0) throw new Error('--n and --warmup must be whole numbers');
  if (!Number.isInteger(inFlight) || inFlight < 1) throw new Error('--in-flight must be a whole number of at least 1');
  const progress = (message: string) => process.stderr.write(`  [${engine} ${scenario.toUpperCase()}${inFlight > 1 ? ` ×${inFlight}` : ''}] ${message}\n`);
  const xml = readFixture(scenario);
  const notes: string[] = [];

  // Load only the engine under test, before the baseline, so the RSS growth is the instances'.
  const tereze = engine === 'bpmn-engine' ? undefined : await loadTereze();
  const bpmnEngine = engine === 'bpmn-engine' ? await import('./bpmnEngineRunner.js') : undefined;
  const baselineRss = process.memoryUsage.rss();
  const runner: ScenarioRunner = tereze
    ? await createTerezeRunner(tereze, scenario, xml, engine === 'sqlite-file' ? 'file' : 'memory', notes)
    : await bpmnEngine!.createBpmnEngineRunner(scenario, xml);

  const { measured, verification, verifyMs } = await runAndVerify(runner, progress);
  const { failures } = verification;
  if (failures.length) throw new Error(`verification failed: ${failures.slice(0, 5).join('; ')}${failures.length > 5 ? '; …' : ''}`);
  if (verification.completed !== warmup + n) {
    throw new Error(`only ${verification.completed} of ${warmup + n} instances proven complete`);
  }
  progress(`verified ${verification.completed} instances: ${JSON.stringify(verification.ends)}`);
  return {
    engine,
    scenario,
    inFlight,
    warmup,
    n,
    ...measured,
    baselineRssMb: mb(baselineRss),
    // getrusage reports kilobytes on Linux.
    peakRssMb: Math.max(measured.sampledPeakRssMb, round(process.resourceUsage().maxRSS / 1024, 1)),
    completed: verification.completed,
    ends: verification.ends,
    verifyMs,
    notes,
  };
}

main().then(
  (result) => emit(result),
  (error: unknown) => {
    emit({ engine, scenario, inFlight, error: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
  },
);
