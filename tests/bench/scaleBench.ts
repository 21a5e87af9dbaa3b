/**
 * Scale-out figures: `npm run bench -- --only scale` (or `tsx tests/bench/scaleBench.ts
 * [--seconds s] [--clients n] [--json]`). Real server processes (`server/main.ts`) on one
 * throwaway PostgreSQL cluster with 1, 2 and 3 nodes, and the same load on one sqlite node,
 * each driven over HTTP by the same number of clients for the same time. One application is
 * a start at the counter, the front-office check completed by a clerk and the back-office
 * decision completed by an official (three acknowledged writes, each a commit with its audit).
 * Applications per second and the ratios to one PostgreSQL node and to sqlite are printed.
 *
 * On a 2-core machine the nodes share the cores with PostgreSQL and with the clients: the
 * ratios say how much the store lets several nodes add, not what separate machines would give.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { withBenchPostgres } from '../support/benchPostgres.js';
import { freePort, NodeProcess } from '../scale/nodeProcess.js';
import { probeProcess } from '../scale/probeProcess.js';

const AUDIT_KEY = 'scale-bench-audit-key-0123456789abcdef';

const SERVICE = probeProcess({ id: 'scale_bench', name: 'Scale bench', serviceCode: 'SCALE-BENCH' });

export interface ScaleRun {
  readonly store: 'sqlite' | 'postgres';
  readonly nodes: number;
  readonly applications: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

export interface ScaleBenchResult {
  readonly measure: 'scale';
  readonly seconds: number;
  readonly clients: number;
  readonly runs: readonly ScaleRun[];
  /** Applications per second of N PostgreSQL nodes over one PostgreSQL node. */
  readonly ratioToOnePostgresNode: Record<string, number>;
  /** Of each PostgreSQL configuration over one sqlite node. */
  readonly ratioToSqlite: Record<string, number>;
  readonly cpus: number;
  readonly loadBefore: number;
  readonly skipped?: string;
}

async function json(url: string, token: string | undefined, method: string, body?: unknown, type = 'application/json'): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': type }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

/** Drives `clients` loops, each running whole applications through the nodes in turn. */
async function drive(nodes: readonly NodeProcess[], seconds: number, clients: number): Promise<Omit<ScaleRun, 'store' | 'nodes'>> {
  const login = async (username: string) => (await json(`${nodes[0]!.url}/api/session`, undefined, 'POST', { username, password: 'demo' })).body.token as string;
  const [designer, clerk, official] = [await login('designer'), await login('clerk'), await login('official')];
  const deployed = await json(`${nodes[0]!.url}/api/definitions`, designer, 'POST', SERVICE, 'application/xml');
  if (deployed.status >= 300) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);

  const latencies: number[] = [];
  let applications = 0;
  let errors = 0;
  let turn = 0;
  const until = Date.now() + seconds * 1000;
  const one = async () => {
    const node = () => nodes[turn++ % nodes.length]!.url;
    const began = performance.now();
    const start = await json(`${node()}/api/applications`, clerk, 'POST', { serviceCode: 'SCALE-BENCH', channel: 'centre', applicant: { name: 'Bench' }, documents: [] });
    if (start.status !== 201) return void errors++;
    for (const [token, elementId] of [
      [clerk, 'check'],
      [official, 'decide'],
    ] as const) {
      const tasks = await json(`${node()}/api/tasks?instanceId=${start.body.id}`, token, 'GET');
      const task = (tasks.body as { id: string; elementId: string }[] | undefined)?.find((t) => t.elementId === elementId);
      if (!task) return void errors++;
      const done = await json(`${node()}/api/tasks/${task.id}/complete`, token, 'POST', {});
      if (done.status !== 200) return void errors++;
    }
    latencies.push(performance.now() - began);
    applications++;
  };
  const began = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) await one().catch(() => void errors++);
    }),
  );
  const elapsed = (Date.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return { applications, perSecond: Math.round((applications / elapsed) * 10) / 10, p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)), errors };
}

async function withNodes<T>(count: number, env: (i: number, dir: string) => Record<string, string>, body: (nodes: NodeProcess[]) => Promise<T>): Promise<T> {
  const dirs: string[] = [];
  const nodes: NodeProcess[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const dir = mkdtempSync(join(tmpdir(), `tereze-scale-${i}-`));
      dirs.push(dir);
      nodes.push(new NodeProcess(`node${i}`, await freePort(), { AUDIT_KEY, AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints.jsonl'), DEMO_DATA: 'on', DATA_DIR: join(dir, 'data'), ...env(i, dir) }));
    }
    await nodes[0]!.start();
    await Promise.all(nodes.slice(1).map((n) => n.start()));
    return await body(nodes);
  } finally {
    await Promise.all(nodes.map((n) => n.stop().catch(() => {})));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

export async function runScaleBench(options: { seconds: number; clients: number; progress: (m: string) => void }): Promise<ScaleBenchResult> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const base = { measure: 'scale' as const, seconds: options.seconds, clients: options.clients, cpus: cpus().length, loadBefore };
  const runs: ScaleRun[] = [];
  const ran = await withBenchPostgres({ durableCommits: true }, async (cluster) => {
    options.progress(`scale: one sqlite node, ${options.clients} clients for ${options.seconds} s`);
    runs.push({ store: 'sqlite', nodes: 1, ...(await withNodes(1, () => ({ DATABASE_URL: '' }), (nodes) => drive(nodes, options.seconds, options.clients))) });
    for (const count of [1, 2, 3]) {
      options.progress(`scale: ${count} PostgreSQL node(s), ${options.clients} clients for ${options.seconds} s`);
      const url = await cluster.createDatabase(`scale${count}`);
      runs.push({ store: 'postgres', nodes: count, ...(await withNodes(count, () => ({ DATABASE_URL: url }), (nodes) => drive(nodes, options.seconds, options.clients))) });
    }
  });
  if ('skipped' in ran) return { ...base, runs: [], ratioToOnePostgresNode: {}, ratioToSqlite: {}, skipped: ran.skipped };
  const sqlite = runs.find((r) => r.store === 'sqlite')!.perSecond;
  const onePg = runs.find((r) => r.store === 'postgres' && r.nodes === 1)!.perSecond;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const pg = runs.filter((r) => r.store === 'postgres');
  return {
    ...base,
    runs,
    ratioToOnePostgresNode: Object.fromEntries(pg.map((r) => [`${r.nodes}`, ratio(r.perSecond, onePg)])),
    ratioToSqlite: Object.fromEntries(pg.map((r) => [`${r.nodes}`, ratio(r.perSecond, sqlite)])),
  };
}

export function renderScale(r: ScaleBenchResult): string {
  if (r.skipped) return `Scale-out: skipped (${r.skipped})`;
  const sqlite = r.runs.find((run) => run.store === 'sqlite')!;
  return [
    `Scale-out (server processes over HTTP, ${r.clients} clients, ${r.seconds} s per configuration; an application = start + 2 task completions; ${r.cpus} CPUs shared by nodes, database and clients; load ${r.loadBefore.toFixed(2)} before)`,
    ...r.runs.map((run) => {
      const label = `${run.store} × ${run.nodes} node${run.nodes > 1 ? 's' : ''}`;
      const ratios = run.store === 'postgres' ? `   ×${r.ratioToOnePostgresNode[`${run.nodes}`]} of one PostgreSQL node, ×${r.ratioToSqlite[`${run.nodes}`]} of sqlite` : '';
      return `  ${label.padEnd(22)} ${String(run.perSecond).padStart(7)} applications/s   p50 ${String(run.p50Ms).padStart(5)} ms   p99 ${String(run.p99Ms).padStart(5)} ms   (${run.applications} applications, ${run.errors} errors)${ratios}`;
    }),
    `  sqlite, one node: ${sqlite.perSecond} applications/s (the embedded default: one node per file)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, clients: { type: 'string', default: '24' }, json: { type: 'boolean', default: false } } });
  const result = await runScaleBench({ seconds: Number(values.seconds), clients: Number(values.clients), progress: (m) => process.stderr.write(`${m}\n`) });
  (values.json ? process.stderr : process.stdout).write(`${renderScale(result)}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
}
