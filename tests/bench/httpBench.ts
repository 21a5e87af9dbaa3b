/**
 * HTTP figures: `npm run bench -- --only http` (or `tsx tests/bench/httpBench.ts [--tasks n]
 * [--duration s] [--connections n] [--json]`). A real server (httpServer.ts, its own process)
 * on a temp sqlite file with 100,000 open tasks; autocannon on loopback from this process:
 *   inbox reads    GET /api/tasks?scope=mine&limit=50 as an official holding ~1,800 of them
 *                  (bearer token), for --duration seconds over --connections connections;
 *   group queue    GET /api/tasks?scope=group&limit=50 (the 10,000 unassigned tasks of the group);
 *   completions    POST /api/tasks/:id/complete, each task once (real applications, one step
 *                  each: the task closes, the instance ends, audit entries are chained).
 * Aim (issue): 2,000 inbox reads/s with p99 under 50 ms on this 2-core machine: MET / NOT MET.
 * Request logs are off (LOG_LEVEL=warn): one line per request would be measured as well.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const HTTP_AIM = { readsPerSecond: 2_000, p99Ms: 50 } as const;

export interface HttpFigure {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

export interface HttpBenchResult {
  readonly measure: 'http';
  readonly openTasks: number;
  readonly connections: number;
  readonly durationS: number;
  readonly seedMs: number;
  readonly inboxMine: HttpFigure;
  readonly inboxGroup: HttpFigure;
  readonly completions: HttpFigure;
  readonly aim: typeof HTTP_AIM;
  readonly aimMet: boolean;
  readonly cpus: number;
  readonly loadBefore: number;
}

/** Requests per second over the run's own wall time (autocannon's `duration` is rounded to seconds). */
const figure = (r: autocannon.Result): HttpFigure => ({
  requests: r.requests.total,
  perSecond: Math.round((r.requests.total * 1000) / Math.max(1, r.finish.getTime() - r.start.getTime())),
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
});

export async function runHttpBench(options: { tasks: number; durationS: number; connections: number; complete: number; progress: (m: string) => void }): Promise<HttpBenchResult> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const serverPath = fileURLToPath(new URL('./httpServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', serverPath, '--tasks', String(options.tasks), '--complete', String(options.complete)], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    options.progress(`http: seeding ${options.tasks.toLocaleString('en-US')} open tasks and ${options.complete} applications, starting the server`);
    const ready = await new Promise<{ url: string; readToken: string; completeToken: string; completeTaskIds: string[]; seedMs: number }>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line && out.includes('\n')) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const read = (path: string) =>
      autocannon({ url: ready.url + path, connections: options.connections, duration: options.durationS, headers: { authorization: `Bearer ${ready.readToken}` } });
    // Warm-up: JIT, sqlite page cache.
    await autocannon({ url: `${ready.url}/api/tasks?scope=mine&limit=50`, connections: options.connections, duration: 2, headers: { authorization: `Bearer ${ready.readToken}` } });
    options.progress('http: inbox reads (mine)');
    const mine = figure(await read('/api/tasks?scope=mine&limit=50'));
    options.progress('http: inbox reads (group queue)');
    const group = figure(await read('/api/tasks?scope=group&limit=50'));
    options.progress(`http: ${ready.completeTaskIds.length} task completions`);
    let next = 0;
    const completions = figure(
      await autocannon({
        url: ready.url,
        connections: options.connections,
        amount: ready.completeTaskIds.length,
        headers: { authorization: `Bearer ${ready.completeToken}`, 'content-type': 'application/json' },
        requests: [{ method: 'POST', body: '{}', setupRequest: (request) => ({ ...request, path: `/api/tasks/${ready.completeTaskIds[next++ % ready.completeTaskIds.length]}/complete` }) }],
      }),
    );
    return {
      measure: 'http',
      openTasks: options.tasks,
      connections: options.connections,
      durationS: options.durationS,
      seedMs: ready.seedMs,
      inboxMine: mine,
      inboxGroup: group,
      completions,
      aim: HTTP_AIM,
      aimMet: mine.perSecond >= HTTP_AIM.readsPerSecond && mine.p99Ms < HTTP_AIM.p99Ms && mine.non2xx === 0 && mine.errors === 0,
      cpus: cpus().length,
      loadBefore,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

export function renderHttp(r: HttpBenchResult): string {
  const row = (name: string, f: HttpFigure) =>
    `  ${name.padEnd(26)} ${String(f.perSecond).padStart(7)} req/s   p50 ${String(f.p50Ms).padStart(4)} ms   p99 ${String(f.p99Ms).padStart(4)} ms   (${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors)`;
  return [
    `HTTP (autocannon on loopback, ${r.connections} connections, ${r.durationS} s per read run; ${r.openTasks.toLocaleString('en-US')} open tasks in a sqlite file; ${r.cpus} CPUs, load ${r.loadBefore.toFixed(2)} before)`,
    row('inbox reads (scope=mine)', r.inboxMine),
    row('inbox reads (scope=group)', r.inboxGroup),
    row('task completions', r.completions),
    `  aim: ${r.aim.readsPerSecond} inbox reads/s with p99 < ${r.aim.p99Ms} ms: ${r.aimMet ? 'MET' : 'NOT MET'}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { tasks: { type: 'string', default: '100000' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, complete: { type: 'string', default: '3000' }, json: { type: 'boolean', default: false } },
  });
  const result = await runHttpBench({
    tasks: Number(values.tasks),
    durationS: Number(values.duration),
    connections: Number(values.connections),
    complete: Number(values.complete),
    progress: (m) => process.stderr.write(`${m}\n`),
  });
  (values.json ? process.stderr : process.stdout).write(`${renderHttp(result)}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
}
