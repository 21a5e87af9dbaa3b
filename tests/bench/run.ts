/**
 * Tereze benchmark: `npm run bench [-- options]` (tsx tests/bench/run.ts).
 *
 * Compares Tereze on the sqlite FILE store (durable, temp dir) and on sqlite `:memory:` with
 * bpmn-engine 25 (fully in memory), running the SAME BPMN file per scenario
 * (tests/bench/fixtures): A = start → service task → exclusive gateway → one of two ends;
 * B = start → user task completed through the API → end. Each engine × scenario runs in a fresh
 * child process (worker.ts) so peak RSS is its own: a warm-up, then N instances, every instance
 * verified to have completed on the expected path. Twice: one after another (sequential awaits:
 * the latency of one instance, for a durable store bound by its commits' syncs), then
 * `--in-flight` instances at once (default 50, as many clerks working at once: throughput, which
 * group commit lets rise with concurrency) — the same for every engine.
 *
 * Output: without --json the table goes to stdout. With --json the table (and the workers'
 * progress) goes to stderr and this script's stdout is exactly one line, the JSON report (npm
 * adds its own "> tereze bench" header above it unless run with `npm run -s bench`)
 * ({ scenarioA: { inFlight: 1, bpmnEngine, sqliteFile, sqliteMemory, ratioFileVsBpmnEngine,
 * ratioMemoryVsBpmnEngine, … }, scenarioB: …, scenarioAInFlight: { inFlight: 50, … },
 * scenarioBInFlight: …, allAimsMet, … }). Ratios are Tereze's
 * instances/s ÷ bpmn-engine's; a ratio that could not be measured is absent, never estimated.
 *
 * Public-service semantics (issue "public-service semantics"), each in its own fresh process
 * (semanticsWorker.ts), figures under their own top-level JSON keys:
 *   deadlines   computeDeadline calls/s (engine/sla) on the `agency` calendar, intake on `centre`,
 *               office back, 5 workingDays / calendarDays / workingHours, receipt instants seeded
 *               pseudo-random over 2025–2027; per unit and overall: calls/s, p50/p99 µs, and a
 *               fingerprint (sum of dueAt) that is equal across runs of the same code.
 *               (deadlinesBench.ts)
 *   assignment  TaskAssigner.assign picks/s, a group of 60 officials (4 absent) in Directory over
 *               PolicyDocuments on sqlite :memory:, per strategy: random, least-loaded, and
 *               round-robin INCLUDING the commit of its rotation pointer (as the engine's step
 *               commit carries it); p50/p99 µs. Every pick checked. (assignmentBench.ts)
 *   sweep       ms of ONE engine.sweepSla() over a sqlite file with 1,000,000 open tasks of which
 *               1,000 are past warnAt and dueAt; checked: 1,000 at risk + 1,000 overdue, in rows,
 *               documents and audit. The first sweep of a fresh process, then 5 repeats (the
 *               rows unflagged, a fresh engine each); target < 100 ms judged on the repeats'
 *               median (MET / NOT MET, counted in allAimsMet). Also the first sweep's split into
 *               queries / commits, an empty sweep, setup time and file size.
 *               (sweepBench.ts)
 *
 * HTTP (httpBench.ts, issue "REST API"): a real server in its own process on a temp sqlite file
 * with 100,000 open tasks (10,000 with --quick), autocannon on loopback: inbox reads/s and p99
 * (scope=mine, scope=group), task completions/s; aim 2,000 reads/s with p99 < 50 ms (MET / NOT
 * MET, printed under the table; JSON key `http`; counted by --enforce-aims).
 *
 * Scale-out (scaleBench.ts, issue "Scale out for real"): server processes over HTTP on one throwaway
 * PostgreSQL cluster with 1, 2 and 3 nodes, beside one sqlite node under the same load (24
 * clients, 20 s each; 8 s with --quick): applications per second, p50/p99, ratios to one
 * PostgreSQL node and to sqlite. Skipped with the reason without PostgreSQL binaries. JSON key `scale`.
 *
 * National day (nationalDayBench.ts, issue 15): the catalogue's NO-CRIMINAL-RECORD on a durable
 * sqlite file, 50 concurrent workers over the library, a mix of refusals, documents brought and
 * extensions; applications/s, steps/s, p50/p99 per step, peak RSS, the time projected for 960,000
 * applications, and the store's physical limit (a bare better-sqlite3 file, rows like a step's,
 * NORMAL and FULL, one and 50 steps per commit) measured in the same process, with the ratio.
 * In its own process. `--apps N` (default 20,000; 2,000 with --quick), `--workers N`,
 * `--synchronous full|normal` (default: the store's), `--group-commit on|off`. Then the same application over HTTP (nationalDayHttp.ts: a real
 * server process, fetch clients) with `--http-apps N` (default 1,000). JSON key `nationalDay`.
 * Then the same application on PostgreSQL with 1, 2 and 3 nodes (nationalDayPostgres.ts: one
 * throwaway cluster, synchronous_commit and fsync on; each node an engine process of its own on
 * the one database, the workers spread across them; applications/s, steps/s, p50/p99 per step,
 * units and transactions of the stores' group commit, peak RSS per node, the projection for
 * 960,000; every application checked completed in the database). `--store sqlite|postgres|both`
 * (default both), `--nodes 1,2,3`, `--pg-apps N` per node count (default `--apps` when given,
 * else 3,000; 300 with --quick), `--pg-fsync on|off`. Skipped with the reason without
 * PostgreSQL binaries. JSON key `nationalDayPostgres`.
 *
 * Designer (designerBench.ts, issue: "time to open a 500-element model in the modeler, and the
 * designer bundle's size (gzip)"), in its own fresh process: vite builds the designer into a temp
 * dir; gzip of the initial JS+CSS and of the modeler chunk; then the real modeler page in
 * /usr/bin/chromium (a real server on a temp store, logged in as the demo designer) times opening
 * a generated 500-node model until rendered, median of 5 with min/max, the element registry
 * checked (≈ 1,000). Without chromium the open time is `skipped` with the reason. JSON key `designer`.
 *
 * Options:
 *   --only <names>               comma list of engines (bpmn-engine, sqlite-file, sqlite-memory;
 *                                tereze = both sqlite; compare = all three) and measurements
 *                                (deadlines, assignment, sweep; semantics = all three; http; scale; national-day; designer); default all
 *   --apps <n> --workers <n>     national day: applications (default 20000) and concurrent workers (50)
 *   --synchronous <full|normal>  national day: the sqlite store's synchronous (default: the store's)
 *   --group-commit <on|off>      national day: the sqlite store's group commit (default on)
 *   --writer <main|thread>       national day (library and HTTP): where the sqlite store applies group commits (default main)
 *   --http-apps <n>              national day over HTTP (a real server process): applications (default 1000; 0 = none)
 *   --store <sqlite|postgres|both>  national day: which stores (default both)
 *   --nodes <list>               national day on PostgreSQL: node counts (default 1,2,3), each node a process
 *   --pg-apps <n>                national day on PostgreSQL: applications per node count (default --apps, else 3000; 300 with --quick)
 *   --pg-fsync <on|off>          national day on PostgreSQL: fsync and full_page_writes (default on)
 *   --json                       JSON report on stdout (see above)
 *   --scenario <a,b>             scenarios to run (default both)
 *   --in-flight <n>              compare: instances at once in the second pass (default 50; 1 = only one after another)
 *   --n-bpmn <n> --n-ours <n>    timed instances (default 2000 and 10000)
 *   --warmup-bpmn <n> --warmup-ours <n>   warm-up instances (default 200 and 1000)
 *   --n-deadlines <n>            timed computeDeadline calls per unit (default 20000, warm-up 2000)
 *   --n-assign <n>               timed picks per strategy (default 20000, warm-up 2000)
 *   --strategies <list>          assignment strategies (default random,least-loaded,round-robin)
 *   --sweep-tasks <n>            open tasks for the sweep (default 1000000; the target is judged only there)
 *   --sweep-repeats <n>          repeat sweeps after the first (default 5; the target is judged on their median)
 *   --sweep-analyze              also: ANALYZE, then the repeats again
 *   --sweep-keep-indexes         fill with the tasks indexes in place (grown as in a deployment; ~2× setup)
 *   --quick                      small counts for a smoke test (200/1000, warm-up 20/100; semantics
 *                                2000 per unit/strategy; sweep 100,000 tasks, target not judged)
 *   --enforce-aims               exit 2 when an aim is not met (exit 1 when a run failed)
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DesignerResult } from './designerBench.js';
import { renderHttp, runHttpBench, type HttpBenchResult } from './httpBench.js';
import { renderScale, runScaleBench, type ScaleBenchResult } from './scaleBench.js';
import { renderNationalDay, writerFigures, type NationalDayResult } from './nationalDayBench.js';
import { runNationalDayHttp } from './nationalDayHttp.js';
import { nodeCounts, renderNationalDayPostgres, type NationalDayPostgresResult } from './nationalDayPostgres.js';
import { buildReport, renderTable } from './report.js';
import { MEASUREMENTS, type MeasurementName, type MeasurementOutput } from './semanticsTypes.js';
import { ENGINES, SCENARIOS, type EngineName, type ScenarioName, type WorkerOutput } from './types.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    scenario: { type: 'string' },
    'in-flight': { type: 'string' },
    'n-bpmn': { type: 'string' },
    'n-ours': { type: 'string' },
    'warmup-bpmn': { type: 'string' },
    'warmup-ours': { type: 'string' },
    'n-deadlines': { type: 'string' },
    'n-assign': { type: 'string' },
    strategies: { type: 'string' },
    'sweep-tasks': { type: 'string' },
    'sweep-repeats': { type: 'string' },
    'sweep-analyze': { type: 'boolean', default: false },
    'sweep-keep-indexes': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    'enforce-aims': { type: 'boolean', default: false },
    apps: { type: 'string' },
    workers: { type: 'string' },
    synchronous: { type: 'string' },
    'group-commit': { type: 'string' },
    writer: { type: 'string' },
    'http-apps': { type: 'string' },
    store: { type: 'string' },
    nodes: { type: 'string' },
    'pg-apps': { type: 'string' },
    'pg-fsync': { type: 'string' },
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

const ALIASES: Record<string, readonly string[]> = {
  tereze: ['sqlite-file', 'sqlite-memory'],
  ours: ['sqlite-file', 'sqlite-memory'],
  compare: ENGINES,
  semantics: MEASUREMENTS,
};
// --only takes engines and measurements alike; without it everything runs.
const only = values.only === undefined ? undefined : list<string>(values.only, [...ENGINES, ...MEASUREMENTS, 'http', 'scale', 'national-day', 'designer'], ALIASES);
const engines = ENGINES.filter((e) => !only || only.includes(e));
const measurements = MEASUREMENTS.filter((m) => !only || only.includes(m));
const scenarios = list<ScenarioName>(values.scenario, SCENARIOS);
const quick = values.quick;
const counts: Record<'bpmn' | 'ours', { n: number; warmup: number }> = {
  bpmn: { n: count(values['n-bpmn'], quick ? 200 : 2_000), warmup: count(values['warmup-bpmn'], quick ? 20 : 200) },
  ours: { n: count(values['n-ours'], quick ? 1_000 : 10_000), warmup: count(values['warmup-ours'], quick ? 100 : 1_000) },
};
const semantics = {
  deadlines: { n: count(values['n-deadlines'], quick ? 2_000 : 20_000), warmup: quick ? 200 : 2_000 },
  assignment: { n: count(values['n-assign'], quick ? 2_000 : 20_000), warmup: quick ? 200 : 2_000 },
  sweepTasks: count(values['sweep-tasks'], quick ? 100_000 : 1_000_000),
};
const out = values.json ? process.stderr : process.stdout;
/** National day on PostgreSQL: applications per node count (default, and with --quick). */
const PG_APPS = 3_000;
const PG_QUICK_APPS = 300;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const workerPath = fileURLToPath(new URL('./worker.js', import.meta.url)).replace(/\.js$/, '.ts');
const designerBenchPath = fileURLToPath(new URL('./designerBench.js', import.meta.url)).replace(/\.js$/, '.ts');
const nationalDayPath = fileURLToPath(new URL('./nationalDayBench.js', import.meta.url)).replace(/\.js$/, '.ts');
const nationalDayPostgresPath = fileURLToPath(new URL('./nationalDayPostgres.js', import.meta.url)).replace(/\.js$/, '.ts');
const semanticsWorkerPath = fileURLToPath(new URL('./semanticsWorker.js', import.meta.url)).replace(/\.js$/, '.ts');

/**
 * Runs a measurement script in a fresh `node --import tsx` process (so RSS and JIT state are
 * its own): its last stdout line is the JSON result, anything else it printed goes to stderr.
 * Resolves the result when `accept` recognises it, else the reason it is missing.
 */
function runChild<T>(args: string[], accept: (parsed: T) => boolean): Promise<{ result: T } | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('close', (code, signal) => {
      const lines = stdout.trim().split('\n');
      const last = lines.pop() ?? '';
      if (lines.length) process.stderr.write(`${lines.join('\n')}\n`);
      try {
        const parsed = JSON.parse(last) as T;
        if (accept(parsed)) return resolve({ result: parsed });
      } catch {
        // fall through: the worker died before reporting
      }
      resolve({ error: `worker exited with ${signal ?? `code ${code}`} without a result${last ? `: ${last.slice(0, 300)}` : ''}` });
    });
  });
}

/** One engine × scenario × instances at once, in its own process. */
async function runWorker(engine: EngineName, scenario: ScenarioName, inFlight: number): Promise<WorkerOutput> {
  const { n, warmup } = counts[engine === 'bpmn-engine' ? 'bpmn' : 'ours'];
  const how = inFlight > 1 ? `${inFlight} at once` : 'one after another';
  process.stderr.write(`${engine} × scenario ${scenario.toUpperCase()}, ${how}: ${warmup} warm-up + ${n} timed instances\n`);
  const args = [workerPath, '--engine', engine, '--scenario', scenario, '--n', String(n), '--warmup', String(warmup), '--in-flight', String(inFlight)];
  const run = await runChild<WorkerOutput>(args, (p) => p.engine === engine && p.scenario === scenario && p.inFlight === inFlight);
  return 'result' in run ? run.result : { engine, scenario, inFlight, error: run.error };
}

/** One public-service measurement in its own process. */
async function runMeasurement(measure: MeasurementName): Promise<MeasurementOutput> {
  const args = [semanticsWorkerPath, '--measure', measure];
  if (measure === 'deadlines') args.push('--n', String(semantics.deadlines.n), '--warmup', String(semantics.deadlines.warmup));
  if (measure === 'assignment') {
    args.push('--n', String(semantics.assignment.n), '--warmup', String(semantics.assignment.warmup));
    if (values.strategies) args.push('--strategies', values.strategies);
  }
  if (measure === 'sweep') {
    args.push('--tasks', String(semantics.sweepTasks), '--repeats', String(count(values['sweep-repeats'], 5)));
    if (values['sweep-analyze']) args.push('--analyze');
    if (values['sweep-keep-indexes']) args.push('--keep-indexes');
  }
  process.stderr.write(`${measure}: ${args.slice(2).join(' ')}\n`);
  const run = await runChild<MeasurementOutput>(args, (p) => p.measure === measure);
  return 'result' in run ? run.result : { measure, error: run.error };
}

type DesignerOutput = DesignerResult | { measure: 'designer'; error: string };

/** The designer's bundle and open time in its own process (designerBench.ts). */
async function runDesigner(): Promise<DesignerOutput> {
  process.stderr.write('designer: vite build, gzip sizes, 500-node model opened in the modeler (chromium)\n');
  const run = await runChild<DesignerOutput>([designerBenchPath, '--quiet'], (p) => p.measure === 'designer');
  return 'result' in run ? run.result : { measure: 'designer', error: run.error };
}

const loadBefore = loadavg()[0] ?? Number.NaN;
const outputs: WorkerOutput[] = [];
const inFlight = count(values['in-flight'], 50);
if (inFlight < 1) throw new Error('--in-flight must be at least 1');
for (const scenario of engines.length ? scenarios : []) {
  for (const engine of engines) outputs.push(await runWorker(engine, scenario, 1));
  if (inFlight > 1) for (const engine of engines) outputs.push(await runWorker(engine, scenario, inFlight));
}
const measured: MeasurementOutput[] = [];
for (const measure of measurements) measured.push(await runMeasurement(measure));
let http: HttpBenchResult | { measure: 'http'; error: string } | undefined;
if (!only || only.includes('http')) {
  const progress = (m: string) => process.stderr.write(`${m}\n`);
  http = await runHttpBench({ tasks: quick ? 10_000 : 100_000, durationS: quick ? 3 : 10, connections: 10, complete: quick ? 500 : 3_000, progress }).catch(
    (error: unknown) => ({ measure: 'http' as const, error: String(error) }),
  );
}

let scale: ScaleBenchResult | { measure: 'scale'; error: string } | undefined;
if (!only || only.includes('scale')) {
  const progress = (m: string) => process.stderr.write(`${m}\n`);
  scale = await runScaleBench({ seconds: quick ? 8 : 20, clients: 24, progress }).catch((error: unknown) => ({ measure: 'scale' as const, error: String(error) }));
}

type NationalDayOutput = NationalDayResult | { measure: 'national-day'; error: string };
type NationalDayPostgresOutput = NationalDayPostgresResult | { measure: 'national-day-postgres'; error: string };
let nationalDay: NationalDayOutput | undefined;
let nationalDayPostgres: NationalDayPostgresOutput | undefined;
const nationalDayStore = values.store ?? 'both';
if (!['sqlite', 'postgres', 'both'].includes(nationalDayStore)) throw new Error(`--store must be sqlite, postgres or both, not ${nationalDayStore}`);
const pgNodes = nodeCounts(values.nodes ?? '1,2,3');
if (values['pg-fsync'] !== undefined && values['pg-fsync'] !== 'on' && values['pg-fsync'] !== 'off') throw new Error(`--pg-fsync must be on or off, not ${values['pg-fsync']}`);
if ((!only || only.includes('national-day')) && nationalDayStore !== 'postgres') {
  const args = [nationalDayPath, '--apps', String(count(values.apps, quick ? 2_000 : 20_000)), '--workers', String(count(values.workers, 50)), '--quiet'];
  if (values.synchronous) args.push('--synchronous', values.synchronous);
  if (values['group-commit']) args.push('--group-commit', values['group-commit']);
  if (values.writer) args.push('--writer', values.writer);
  if (quick) args.push('--limit-seconds', '1');
  process.stderr.write(`national day: ${args.slice(1).join(' ')}\n`);
  const run = await runChild<NationalDayOutput>(args, (p) => p.measure === 'national-day');
  nationalDay = 'result' in run ? run.result : { measure: 'national-day', error: run.error };
  if (!values.writer && 'result' in run && !('error' in run.result)) {
    // The writer thread beside the event loop's, same size, same run: the faster of the two here.
    const onThread = [...args, '--writer', 'thread'];
    process.stderr.write(`national day: ${onThread.slice(1).join(' ')}\n`);
    const other = await runChild<NationalDayOutput>(onThread, (p) => p.measure === 'national-day');
    nationalDay = { ...run.result, otherWriter: 'result' in other && !('error' in other.result) ? writerFigures(other.result) : { error: 'error' in other ? other.error : String((other.result as { error: string }).error) } };
  }
  const httpApps = count(values['http-apps'], quick ? 100 : 1_000);
  if (httpApps > 0 && 'result' in run) {
    const progress = (m: string) => process.stderr.write(`${m}\n`);
    const sync = values.synchronous;
    const synchronous: { synchronous?: 'normal' | 'full' } = sync === 'normal' || sync === 'full' ? { synchronous: sync } : {};
    const writer: { writer?: 'main' | 'thread' } = values.writer === 'main' || values.writer === 'thread' ? { writer: values.writer } : {};
    const overHttp = await runNationalDayHttp({ apps: httpApps, workers: count(values.workers, 50), ...synchronous, ...writer, progress }).catch((error: unknown) => ({ error: String(error) }));
    nationalDay = { ...(nationalDay as NationalDayResult), http: overHttp };
  }
}
if ((!only || only.includes('national-day')) && nationalDayStore !== 'sqlite') {
  const pgApps = count(values['pg-apps'], values.apps !== undefined ? count(values.apps, 0) : quick ? PG_QUICK_APPS : PG_APPS);
  const args = [nationalDayPostgresPath, '--apps', String(pgApps), '--workers', String(count(values.workers, 50)), '--nodes', pgNodes.join(','), '--quiet'];
  if (values['group-commit']) args.push('--group-commit', values['group-commit']);
  if (values['pg-fsync']) args.push('--fsync', values['pg-fsync']);
  process.stderr.write(`national day on PostgreSQL: ${args.slice(1).join(' ')}\n`);
  const run = await runChild<NationalDayPostgresOutput>(args, (p) => p.measure === 'national-day-postgres');
  nationalDayPostgres = 'result' in run ? run.result : { measure: 'national-day-postgres', error: run.error };
}

const designer = !only || only.includes('designer') ? await runDesigner() : undefined;

const method =
  `one instance after another (sequential awaits)${inFlight > 1 ? `, then ${inFlight} at once (each lane starting the next when its instance ends)` : ''}, after a warm-up; ` +
  'each engine × scenario × pass in a fresh node process; ' +
  'inst/s = timed instances ÷ wall time; p50/p99 per instance; peak RSS = the process high-water mark';
const notes = [
  'same BPMN file per scenario for every engine: tests/bench/fixtures/scenario-a.bpmn, scenario-b.bpmn',
  "bpmn-engine: one Engine per instance from a source context parsed once; service task via implementation=\"${environment.services.decide}\"; " +
    'the FEEL condition (language="feel") is evaluated through bpmn-engine\'s `scripts` option with feelin, the library Tereze uses; ' +
    'user task completed with execution.getPostponed() + signal()',
  'Tereze: deploy once; start (+ tasks({ instanceId }) + completeTask for B); every instance verified afterwards through instance() and history()',
];
const report = buildReport(outputs, method, notes, loadBefore, measured);
out.write(`\n${renderTable(report)}\n`);
if (http) out.write(`\n${'error' in http ? `HTTP: failed: ${http.error}` : renderHttp(http)}\n`);
if (scale) out.write(`\n${'error' in scale ? `Scale-out: failed: ${scale.error}` : renderScale(scale)}\n`);
if (nationalDay) out.write(`\n${'error' in nationalDay ? `National day: failed: ${nationalDay.error}` : renderNationalDay(nationalDay)}\n`);
if (nationalDayPostgres) {
  out.write(`\n${'error' in nationalDayPostgres ? `National day on PostgreSQL: failed: ${nationalDayPostgres.error}` : renderNationalDayPostgres(nationalDayPostgres)}\n`);
}
const nationalDayPostgresFailed = nationalDayPostgres !== undefined && ('error' in nationalDayPostgres || (!nationalDayPostgres.ok && !nationalDayPostgres.skipped));
if (designer) {
  const { renderDesigner } = await import('./designerBench.js');
  out.write(`\n${'error' in designer ? `Designer: failed: ${designer.error}` : renderDesigner(designer)}\n`);
}
if (values.json) process.stdout.write(`${JSON.stringify({ ...report, ...(http ? { http } : {}), ...(scale ? { scale } : {}), ...(nationalDay ? { nationalDay } : {}), ...(nationalDayPostgres ? { nationalDayPostgres } : {}), ...(designer ? { designer } : {}) })}\n`);
if (!report.allRunsOk || (http && 'error' in http) || (scale && 'error' in scale) || (nationalDay && 'error' in nationalDay) || nationalDayPostgresFailed || (designer && 'error' in designer)) process.exitCode = 1;
else if (values['enforce-aims'] && (report.allAimsMet !== true || (http && !http.aimMet))) process.exitCode = 2;
