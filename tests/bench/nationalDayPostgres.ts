/**
 * The national day on PostgreSQL with 1, 2 and 3 nodes (issue 15, item 1):
 * `npm run bench -- --only national-day --store postgres [--nodes 1,2,3] [--pg-apps N]`, or on
 * its own `tsx tests/bench/nationalDayPostgres.ts [--apps N] [--workers 50] [--nodes 1,2,3]
 * [--group-commit on|off] [--fsync on|off]` (its last stdout line is the JSON result).
 *
 * One throwaway PostgreSQL cluster (tests/support/benchPostgres.ts; synchronous_commit on, and
 * fsync with full_page_writes on unless `--fsync off`: an acknowledged commit is on the disk, as
 * sqlite's synchronous FULL keeps it), a fresh database per node count. The service is deployed
 * and the demo organisation seeded once, then N engine processes (nationalDayNode.ts), each
 * with a store of its own on that database, run the same application as the sqlite run
 * (nationalDayApplication: NO-CRIMINAL-RECORD, intake claimed and completed, the review by the
 * official drawn at random, 10 % refused, 5 % documents brought, 2 % extended, the hand-back):
 * node k takes the numbers i with i % N === k, the `--workers` (50) spread across the nodes.
 * The clock runs from `go` (every node ready) to the last node's `done`.
 *
 * Checked at the end, in the database itself: every application's instance `completed`, no
 * task open. A run with any application failed or not completed is reported FAILED (and the
 * bench exits 1), never as fast. Without PostgreSQL server binaries: skipped, with the reason.
 *
 * On a 2-core machine the nodes share the cores with PostgreSQL: what N nodes add here is what
 * the store lets them add on one box, not what separate machines would give.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createEngine, postgresStore } from '../../engine/index.js';
import { withBenchPostgres } from '../support/benchPostgres.js';
import { TICKS_PER_SECOND, opStats, procStat, round, type DayMix, type DayThroughput } from './measure.js';
import { DAY_AIM_MINUTES, deployNationalDay, NATIONAL_DAY, nationalDayService } from './nationalDayBench.js';
import type { NodeDone, NodeMessage } from './nationalDayNode.js';

export interface NationalDayPostgresNode {
  readonly node: number;
  readonly workers: number;
  readonly applications: number;
  readonly elapsedMs: number;
  readonly storeCommits: number;
  readonly storeTransactions: number;
  readonly largestGroup: number;
  readonly cpuMsPerApplication: number;
  readonly peakRssMb: number;
}

export interface NationalDayPostgresRun extends DayThroughput {
  readonly nodes: number;
  readonly mix: DayMix;
  /** Units handed to the stores (all nodes) and the stores' transactions (onTransaction). */
  readonly storeCommits: number;
  readonly storeTransactions: number;
  readonly unitsPerTransaction: number;
  /** Units rolled back inside a group transaction (a conflict or a refusal of that unit alone). */
  readonly failedUnits: number;
  readonly perNode: readonly NationalDayPostgresNode[];
  /** The nodes' CPU time (user + system) per application, all nodes together. */
  readonly cpuMsPerApplication: number;
  /** The PostgreSQL server's CPU time per application (postmaster and its backends, /proc); absent off Linux. */
  readonly postgresCpuMsPerApplication?: number;
  /** pg_database_size at the end over the applications (the seeded organisation included). */
  readonly databaseBytesPerApplication: number;
  readonly projectedDayMinutes: number;
  readonly dayAimMet: boolean;
  readonly loadBefore: number;
  /** The instances by status at the end, and the tasks still open, read from the database. */
  readonly ended: Record<string, number>;
  readonly openTasks: number;
  /**
   * What the database's active backends were doing, sampled every 250 ms during the run
   * (pg_stat_activity): mean backends per sample by `wait_event_type:wait_event` (`running` when
   * none); idle ones not counted. `Lock:advisory` is the audit chain's lock.
   */
  readonly backends: { readonly samples: number; readonly mean: Record<string, number> };
  /**
   * Sequential scans by table over the whole run (setup included; pg_stat_user_tables, read after
   * the nodes exited): scans, and rows they read per application. A table here whose rows read
   * grow with the applications is a query without its index.
   */
  readonly seqScans: Record<string, { readonly scans: number; readonly rowsReadPerApplication: number }>;
  readonly failures: number;
  readonly failureSamples: readonly string[];
  readonly ok: boolean;
}

export interface NationalDayPostgresResult {
  readonly measure: 'national-day-postgres';
  readonly service: string;
  readonly store: 'postgres';
  readonly postgres?: { readonly version: string; readonly fsync: boolean; readonly synchronousCommit: boolean };
  readonly groupCommit: boolean;
  readonly workers: number;
  readonly applications: number;
  readonly runs: readonly NationalDayPostgresRun[];
  /** Applications/s of N nodes over one node's. */
  readonly ratioToOneNode: Record<string, number>;
  readonly cpus: number;
  readonly loadBefore: number;
  readonly skipped?: string;
  readonly ok: boolean;
}

export interface NationalDayPostgresOptions {
  readonly apps: number;
  readonly workers: number;
  readonly nodes: readonly number[];
  readonly groupCommit?: boolean;
  /** fsync and full_page_writes on (default true). */
  readonly fsync?: boolean;
  readonly progress: (message: string) => void;
}

const nodePath = fileURLToPath(new URL('./nationalDayNode.js', import.meta.url)).replace(/\.js$/, '.ts');
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** CPU ticks of a PostgreSQL server: the postmaster with its reaped children, and its live children. */
function postgresTicks(postmaster: number | undefined): number | undefined {
  if (postmaster === undefined) return undefined;
  const fields = procStat;
  const own = fields(postmaster);
  if (!own) return undefined;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const f = fields(pid);
    if (f && Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks;
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Samples pg_stat_activity on one connection of its own until stopped. */
function sampleBackends(url: string): { halt(): void; stop(): Promise<NationalDayPostgresRun['backends']> } {
  const totals = new Map<string, number>();
  let samples = 0;
  let running = true;
  const client = new pg.Client({ connectionString: url, application_name: 'national-day-sampler' });
  const loop = (async () => {
    await client.connect();
    while (running) {
      const rows = (
        await client.query<{ wait: string; n: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'running') AS wait, count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid() AND backend_type = 'client backend' GROUP BY 1`,
        )
      ).rows;
      samples++;
      for (const r of rows) totals.set(r.wait, (totals.get(r.wait) ?? 0) + Number(r.n));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    halt() {
      running = false;
    },
    async stop() {
      running = false;
      await loop.catch(() => {});
      await client.end().catch(() => {});
      const mean = Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).map(([wait, n]) => [wait, round(n / Math.max(1, samples), 2)]));
      return { samples, mean };
    },
  };
}

/** Starts `count` node processes, waits until each is ready, says `go`, and collects their `done`. */
async function runNodes(url: string, count: number, apps: number, workers: number, groupCommit: boolean, clock: { onGo(): void; onDone(): void }): Promise<NodeDone[]> {
  const children: ChildProcess[] = [];
  const dones: Promise<NodeDone>[] = [];
  const readies: Promise<void>[] = [];
  try {
    for (let k = 0; k < count; k++) {
      const share = Math.floor(workers / count) + (k < workers % count ? 1 : 0);
      const args = ['--import', 'tsx', nodePath, '--url', url, '--node', String(k), '--nodes', String(count), '--apps', String(apps), '--workers', String(share), '--group-commit', groupCommit ? 'on' : 'off'];
      const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 2, 2, 'ipc'] });
      children.push(child);
      let ready!: () => void;
      let fail!: (error: Error) => void;
      readies.push(new Promise<void>((resolve, reject) => ((ready = resolve), (fail = reject))));
      dones.push(
        new Promise<NodeDone>((resolve, reject) => {
          const failed = (error: Error) => (fail(error), reject(error));
          child.on('message', (message: NodeMessage) => {
            if (message.type === 'ready') ready();
            else if (message.type === 'done') resolve(message);
            else failed(new Error(`node ${k}: ${message.error}`));
          });
          child.once('exit', (code, signal) => failed(new Error(`node ${k} exited (${signal ?? code}) before reporting`)));
          child.once('error', failed);
        }),
      );
    }
    // A failure while starting must not go unheard.
    for (const done of dones) done.catch(() => {});
    await Promise.all(readies);
    clock.onGo();
    for (const child of children) child.send({ type: 'go' });
    const all = await Promise.all(dones);
    clock.onDone();
    return all;
  } finally {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    }
  }
}

async function runOnce(url: string, count: number, options: NationalDayPostgresOptions): Promise<NationalDayPostgresRun> {
  const { apps, workers } = options;
  const groupCommit = options.groupCommit ?? true;
  const setup = await createEngine({ store: postgresStore({ url, applicationName: 'national-day-setup' }), jobs: { poll: false } });
  try {
    await deployNationalDay(setup);
  } finally {
    await setup.close();
  }
  // The postmaster's pid is the first line of postmaster.pid in the data directory.
  const [setting] = await query<{ dir: string }>(url, "SELECT current_setting('data_directory') AS dir");
  let postmaster: number | undefined;
  try {
    postmaster = Number(readFileSync(join(setting!.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    postmaster = undefined;
  }
  options.progress(`national day on PostgreSQL: ${count} node(s), ${apps} applications, ${workers} workers`);
  const loadBefore = loadavg()[0] ?? Number.NaN;
  let t0 = 0;
  let t1 = 0;
  let ticks0: number | undefined;
  let ticks1: number | undefined;
  let sampler: ReturnType<typeof sampleBackends> | undefined;
  let backends: NationalDayPostgresRun['backends'] = { samples: 0, mean: {} };
  const done = await runNodes(url, count, apps, workers, groupCommit, {
    onGo() {
      ticks0 = postgresTicks(postmaster);
      sampler = sampleBackends(url);
      t0 = performance.now();
    },
    onDone() {
      t1 = performance.now();
      sampler?.halt();
      ticks1 = postgresTicks(postmaster);
    },
  }).finally(async () => {
    if (sampler) backends = await sampler.stop();
  });
  const elapsedMs = t1 - t0;
  const latencies = Float64Array.from(done.flatMap((d) => d.latenciesMs));
  const steps = opStats(latencies, elapsedMs);
  const ended = Object.fromEntries(
    (await query<{ status: string; n: string }>(url, 'SELECT status, count(*) AS n FROM tereze.instances GROUP BY status')).map((r) => [r.status, Number(r.n)]),
  );
  const [open] = await query<{ n: string }>(url, "SELECT count(*) AS n FROM tereze.tasks WHERE state = 'open'");
  const [size] = await query<{ bytes: string }>(url, 'SELECT pg_database_size(current_database()) AS bytes');
  const scanned = await query<{ relname: string; scans: string; rows: string }>(
    url,
    "SELECT relname, seq_scan AS scans, seq_tup_read AS rows FROM pg_stat_user_tables WHERE schemaname = 'tereze' AND seq_scan > 0 ORDER BY seq_tup_read DESC",
  );
  const seqScans = Object.fromEntries(scanned.map((r) => [r.relname, { scans: Number(r.scans), rowsReadPerApplication: round(Number(r.rows) / apps, 1) }]));
  const sum = (pick: (d: NodeDone) => number) => done.reduce((a, d) => a + pick(d), 0);
  const storeCommits = sum((d) => d.storeCommits);
  const storeTransactions = sum((d) => d.storeTransactions);
  const failures = sum((d) => d.failures);
  const openTasks = Number(open?.n ?? 0);
  const completed = ended['completed'] ?? 0;
  const perSec = (apps * 1000) / elapsedMs;
  const projected = NATIONAL_DAY / perSec / 60;
  const failureSamples = done.flatMap((d) => d.failureSamples.map((s) => `node ${d.node}: ${s}`)).slice(0, 5);
  if (completed !== apps) failureSamples.push(`${completed} of ${apps} instances completed in the database (${JSON.stringify(ended)})`);
  if (openTasks) failureSamples.push(`${openTasks} tasks still open in the database`);
  return {
    nodes: count,
    applications: apps,
    workers,
    mix: { refused: sum((d) => d.mix.refused), documents: sum((d) => d.mix.documents), extensions: sum((d) => d.mix.extensions) },
    steps: steps.n,
    elapsedMs: steps.elapsedMs,
    applicationsPerSec: round(perSec, 1),
    stepsPerSec: steps.perSec,
    stepP50Ms: round(steps.p50Us / 1000, 3),
    stepP99Ms: round(steps.p99Us / 1000, 3),
    storeCommits,
    storeTransactions,
    unitsPerTransaction: round(storeCommits / Math.max(1, storeTransactions), 2),
    failedUnits: sum((d) => d.failedUnits),
    perNode: done.map((d) => ({
      node: d.node,
      workers: d.workers,
      applications: d.applications,
      elapsedMs: round(d.elapsedMs, 1),
      storeCommits: d.storeCommits,
      storeTransactions: d.storeTransactions,
      largestGroup: d.largestGroup,
      cpuMsPerApplication: round(d.cpuMs / Math.max(1, d.applications), 3),
      peakRssMb: d.peakRssMb,
    })),
    cpuMsPerApplication: round(sum((d) => d.cpuMs) / apps, 3),
    ...(ticks0 === undefined || ticks1 === undefined ? {} : { postgresCpuMsPerApplication: round((((ticks1 - ticks0) / TICKS_PER_SECOND) * 1000) / apps, 3) }),
    databaseBytesPerApplication: Math.round(Number(size?.bytes ?? 0) / apps),
    projectedDayMinutes: round(projected, 1),
    dayAimMet: projected <= DAY_AIM_MINUTES,
    loadBefore: round(loadBefore, 2),
    ended,
    openTasks,
    backends,
    seqScans,
    failures,
    failureSamples,
    ok: failures === 0 && completed === apps && openTasks === 0,
  };
}

export async function runNationalDayPostgres(options: NationalDayPostgresOptions): Promise<NationalDayPostgresResult> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const fsync = options.fsync ?? true;
  const base = {
    measure: 'national-day-postgres' as const,
    service: nationalDayService().standard.processKey,
    store: 'postgres' as const,
    groupCommit: options.groupCommit ?? true,
    workers: options.workers,
    applications: options.apps,
    cpus: cpus().length,
    loadBefore: round(loadBefore, 2),
  };
  const runs: NationalDayPostgresRun[] = [];
  let postgres: NationalDayPostgresResult['postgres'];
  const ran = await withBenchPostgres({ durableCommits: true, durableDisk: fsync }, async (cluster) => {
    const [settings] = await query<{ version: string; fsync: string; sc: string }>(
      cluster.url,
      "SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc",
    );
    postgres = { version: settings!.version, fsync: settings!.fsync === 'on', synchronousCommit: settings!.sc === 'on' };
    for (const count of options.nodes) runs.push(await runOnce(await cluster.createDatabase(`national_day_${count}`), count, options));
  });
  if ('skipped' in ran) return { ...base, runs: [], ratioToOneNode: {}, skipped: ran.skipped, ok: false };
  const one = runs.find((r) => r.nodes === 1)?.applicationsPerSec;
  return {
    ...base,
    ...(postgres ? { postgres } : {}),
    runs,
    ratioToOneNode: one ? Object.fromEntries(runs.map((r) => [`${r.nodes}`, round(r.applicationsPerSec / one, 2)])) : {},
    ok: runs.every((r) => r.ok),
  };
}

export function renderNationalDayPostgres(r: NationalDayPostgresResult): string {
  if (r.skipped) return `National day on PostgreSQL: skipped (${r.skipped})`;
  const pgInfo = r.postgres ? `PostgreSQL ${r.postgres.version}, synchronous_commit ${r.postgres.synchronousCommit ? 'on' : 'off'}, fsync ${r.postgres.fsync ? 'on' : 'off'}` : 'PostgreSQL';
  const lines = [
    `National day on PostgreSQL (${r.service}, ${pgInfo}, group commit ${r.groupCommit ? 'on' : 'off'}, ${r.workers} workers spread across the nodes, ${r.applications} applications per node count; ` +
      `each node an engine process of its own on one database; ${r.cpus} CPUs shared by the nodes and PostgreSQL)`,
  ];
  for (const run of r.runs) {
    const ratio = r.ratioToOneNode[`${run.nodes}`];
    lines.push(
      `  ${run.nodes} node${run.nodes > 1 ? 's' : ' '}: ${run.ok ? '' : 'FAILED: '}${run.applicationsPerSec} applications/s${ratio !== undefined && run.nodes > 1 ? ` (×${ratio} of one node)` : ''}, ${run.stepsPerSec} steps/s (${run.steps} steps), ` +
        `per step p50 ${run.stepP50Ms} ms, p99 ${run.stepP99Ms} ms; load ${run.loadBefore} before`,
      `           store: ${run.storeCommits} units in ${run.storeTransactions} transactions (${run.unitsPerTransaction} per transaction, ${run.failedUnits} units rolled back); ` +
        `CPU per application: nodes ${run.cpuMsPerApplication} ms, PostgreSQL ${run.postgresCpuMsPerApplication ?? '—'} ms; database ${run.databaseBytesPerApplication} bytes per application`,
      `           peak RSS per node: ${run.perNode.map((n) => `${n.peakRssMb} MB`).join(', ')}; 960,000 applications projected in ${run.projectedDayMinutes} min (aim ≤ ${DAY_AIM_MINUTES}: ${run.dayAimMet ? 'MET' : 'NOT MET'})`,
      `           backends active on average (pg_stat_activity, ${run.backends.samples} samples): ${Object.entries(run.backends.mean).map(([w, n]) => `${w} ${n}`).join(', ') || '—'}`,
      `           sequential scans (table: scans, rows read per application): ${Object.entries(run.seqScans).slice(0, 6).map(([t, v]) => `${t} ${v.scans}, ${v.rowsReadPerApplication}`).join('; ') || 'none'}`,
      `           mix: ${run.mix.refused} refused, ${run.mix.documents} with documents brought, ${run.mix.extensions} extended; at the end ${JSON.stringify(run.ended)}, ${run.openTasks} tasks open`,
    );
    if (!run.ok) lines.push(`           ${run.failures} applications failed: ${run.failureSamples.join('; ')}`);
  }
  return lines.join('\n');
}

/** `1,2,3` → [1, 2, 3]: whole numbers from 1 to 8. */
export function nodeCounts(text: string): number[] {
  const counts = text.split(',').map((part) => Number(part.trim()));
  if (!counts.length || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error(`--nodes must be a comma list of node counts from 1 to 8, not ${text}`);
  return counts;
}

const isMain = process.argv[1]?.endsWith('nationalDayPostgres.ts');
if (isMain) {
  const { values } = parseArgs({
    options: {
      apps: { type: 'string', default: '2000' },
      workers: { type: 'string', default: '50' },
      nodes: { type: 'string', default: '1,2,3' },
      'group-commit': { type: 'string', default: 'on' },
      fsync: { type: 'string', default: 'on' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const whole = (text: string, name: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1, not ${text}`);
    return value;
  };
  const onOff = (text: string, name: string) => {
    if (text !== 'on' && text !== 'off') throw new Error(`--${name} must be on or off, not ${text}`);
    return text === 'on';
  };
  const progress = (message: string) => process.stderr.write(`  [national-day-postgres] ${message}\n`);
  Promise.resolve()
    .then(() =>
      runNationalDayPostgres({
        apps: whole(values.apps, 'apps'),
        workers: whole(values.workers, 'workers'),
        nodes: nodeCounts(values.nodes),
        groupCommit: onOff(values['group-commit'], 'group-commit'),
        fsync: onOff(values.fsync, 'fsync'),
        progress,
      }),
    )
    .then(
      (result) => {
        if (!values.quiet) process.stderr.write(`${renderNationalDayPostgres(result)}\n`);
        process.stdout.write(`${JSON.stringify(result)}\n`);
        if (!result.ok && !result.skipped) process.exitCode = 1;
      },
      (error: unknown) => {
        process.stdout.write(`${JSON.stringify({ measure: 'national-day-postgres', error: error instanceof Error ? error.message : String(error) })}\n`);
        process.exitCode = 1;
      },
    );
}
