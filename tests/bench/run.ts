/**
 * Tereze benchmark: `npm run bench [-- options]` (tsx tests/bench/run.ts).
 *
 * Compares Tereze on the sqlite FILE store (durable, temp dir) and on sqlite `:memory:` with
 * bpmn-engine 25 (fully in memory), running the SAME BPMN file per scenario
 * (tests/bench/fixtures): A = start → service task → exclusive gateway → one of two ends;
 * B = start → user task completed through the API → end. Each engine × scenario runs in a fresh
 * child process (worker.ts) so peak RSS is its own: a warm-up, then N instances one after
 * another (sequential awaits), every instance verified to have completed on the expected path.
 *
 * Output: without --json the table goes to stdout. With --json the table (and the workers'
 * progress) goes to stderr and this script's stdout is exactly one line, the JSON report (npm
 * adds its own "> tereze bench" header above it unless run with `npm run -s bench`)
 * ({ scenarioA: { bpmnEngine, sqliteFile, sqliteMemory, ratioFileVsBpmnEngine,
 * ratioMemoryVsBpmnEngine, … }, scenarioB: …, allAimsMet, … }). Ratios are Tereze's
 * instances/s ÷ bpmn-engine's; a ratio that could not be measured is absent, never estimated.
 *
 * Options:
 *   --json                       JSON report on stdout (see above)
 *   --only <engines>             comma list of bpmn-engine, sqlite-file, sqlite-memory, tereze (= both sqlite)
 *   --scenario <a,b>             scenarios to run (default both)
 *   --n-bpmn <n> --n-ours <n>    timed instances (default 2000 and 10000)
 *   --warmup-bpmn <n> --warmup-ours <n>   warm-up instances (default 200 and 1000)
 *   --quick                      small counts for a smoke test (200/1000, warm-up 20/100)
 *   --enforce-aims               exit 2 when an aim is not met (exit 1 when a run failed)
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildReport, renderTable } from './report.js';
import { ENGINES, SCENARIOS, type EngineName, type ScenarioName, type WorkerOutput } from './types.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    scenario: { type: 'string' },
    'n-bpmn': { type: 'string' },
    'n-ours': { type: 'string' },
    'warmup-bpmn': { type: 'string' },
    'warmup-ours': { type: 'string' },
    quick: { type: 'boolean', default: false },
    'enforce-aims': { type: 'boolean', default: false },
  },
});

function list<T extends string>(text: string | undefined, all: readonly T[], aliases: Record<string, readonly T[]> = {}): T[] {
  if (!text) return [...all];
  const picked = text.split(',').flatMap((item) => {
    const name = item.trim().toLowerCase();
    if (aliases[name]) return [...aliases[name]];
    if ((all as readonly string[]).includes(name)) return [name as T];
    throw new Error(`unknown '${name}': expected ${[...all, ...Object.keys(aliases)].join(', ')}`);
  });
  return all.filter((x) => picked.includes(x));
}

function count(text: string | undefined, fallback: number): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`not a whole number: ${text}`);
  return value;
}

const engines = list<EngineName>(values.only, ENGINES, { tereze: ['sqlite-file', 'sqlite-memory'], ours: ['sqlite-file', 'sqlite-memory'] });
const scenarios = list<ScenarioName>(values.scenario, SCENARIOS);
const quick = values.quick;
const counts: Record<'bpmn' | 'ours', { n: number; warmup: number }> = {
  bpmn: { n: count(values['n-bpmn'], quick ? 200 : 2_000), warmup: count(values['warmup-bpmn'], quick ? 20 : 200) },
  ours: { n: count(values['n-ours'], quick ? 1_000 : 10_000), warmup: count(values['warmup-ours'], quick ? 100 : 1_000) },
};
const out = values.json ? process.stderr : process.stdout;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const workerPath = fileURLToPath(new URL('./worker.js', import.meta.url)).replace(/\.js$/, '.ts');

/** Runs one engine × scenario in a fresh `node --import tsx` process; its last stdout line is the result. */
function runWorker(engine: EngineName, scenario: ScenarioName): Promise<WorkerOutput> {
  const { n, warmup } = counts[engine === 'bpmn-engine' ? 'bpmn' : 'ours'];
  const args = ['--import', 'tsx', workerPath, '--engine', engine, '--scenario', scenario, '--n', String(n), '--warmup', String(warmup)];
  process.stderr.write(`${engine} × scenario ${scenario.toUpperCase()}: ${warmup} warm-up + ${n} timed instances\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('close', (code, signal) => {
      const lines = stdout.trim().split('\n');
      const last = lines.pop() ?? '';
      // Anything else the worker printed is not the report's: pass it on to stderr.
      if (lines.length) process.stderr.write(`${lines.join('\n')}\n`);
      try {
        const parsed = JSON.parse(last) as WorkerOutput;
        if (parsed.engine === engine && parsed.scenario === scenario) return resolve(parsed);
      } catch {
        // fall through: the worker died before reporting
      }
      const why = `worker exited with ${signal ?? `code ${code}`} without a result${last ? `: ${last.slice(0, 300)}` : ''}`;
      resolve({ engine, scenario, error: why });
    });
  });
}

const loadBefore = loadavg()[0] ?? Number.NaN;
const outputs: WorkerOutput[] = [];
for (const scenario of scenarios) {
  for (const engine of engines) outputs.push(await runWorker(engine, scenario));
}

const method =
  'one instance after another (sequential awaits), after a warm-up; each engine × scenario in a fresh node process; ' +
  'inst/s = timed instances ÷ wall time; p50/p99 per instance; peak RSS = the process high-water mark';
const notes = [
  'same BPMN file per scenario for every engine: tests/bench/fixtures/scenario-a.bpmn, scenario-b.bpmn',
  "bpmn-engine: one Engine per instance from a source context parsed once; service task via implementation=\"${environment.services.decide}\"; " +
    'the FEEL condition (language="feel") is evaluated through bpmn-engine\'s `scripts` option with feelin, the library Tereze uses; ' +
    'user task completed with execution.getPostponed() + signal()',
  'Tereze: deploy once; start (+ tasks({ instanceId }) + completeTask for B); every instance verified afterwards through instance() and history()',
];
const report = buildReport(outputs, method, notes, loadBefore);
out.write(`\n${renderTable(report)}\n`);
if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
if (!report.allRunsOk) process.exitCode = 1;
else if (values['enforce-aims'] && report.allAimsMet !== true) process.exitCode = 2;
