/**
 * One engine node of the national day on PostgreSQL (nationalDayPostgres.ts starts 1 to 3 of
 * them, each a process of its own on the one database, as real nodes are). The node opens its
 * engine on the store (`postgresStore`, group commit as given, no job polling: a service task's
 * handler runs on the node whose step reached it), says `ready` over IPC, waits for `go`, then
 * runs its share of the applications — the numbers `i` with `i % nodes === node`, the same
 * application as the sqlite run (nationalDayApplication) — with `--workers` concurrent workers,
 * and answers `done` with its step latencies, the units it handed to the store and the store's
 * transactions (onTransaction), its CPU time and its peak RSS. An application that throws or
 * does not end completed is counted and named, never dropped.
 *
 * Not for running by hand: `tsx tests/bench/nationalDayNode.ts --url postgres://… --node 0
 * --nodes 1 --apps 100 --workers 50` needs a parent on the IPC channel.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEngine, postgresStore } from '../../engine/index.js';
import type { Store } from '../../engine/store/port.js';
import { round, type DayMix } from './measure.js';
import { countCommits, nationalDayApplication, nationalDayService, stepTimer } from './nationalDayBench.js';

/** What a node answers when its share is done. */
export interface NodeDone {
  readonly type: 'done';
  readonly node: number;
  readonly workers: number;
  readonly applications: number;
  /** Per step (one acknowledged write command), in ms, rounded to the µs. */
  readonly latenciesMs: readonly number[];
  readonly elapsedMs: number;
  readonly mix: DayMix;
  /** Units of work handed to store.commit, and the store's transactions holding them. */
  readonly storeCommits: number;
  readonly storeTransactions: number;
  /** Units rolled back inside a group (their caller got the error; the engine may retry them). */
  readonly failedUnits: number;
  readonly largestGroup: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly failures: number;
  readonly failureSamples: readonly string[];
}

export type NodeMessage = { readonly type: 'ready'; readonly node: number } | NodeDone | { readonly type: 'error'; readonly node: number; readonly error: string };

const isMain = process.argv[1]?.endsWith('nationalDayNode.ts');
if (isMain) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      node: { type: 'string', default: '0' },
      nodes: { type: 'string', default: '1' },
      apps: { type: 'string', default: '100' },
      workers: { type: 'string', default: '50' },
      'group-commit': { type: 'string', default: 'on' },
    },
  });
  const send = (message: NodeMessage) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
  const node = Number(values.node);
  const run = async () => {
    if (!process.send) throw new Error('nationalDayNode.ts runs under nationalDayPostgres.ts (an IPC channel)');
    if (!values.url) throw new Error('--url is required');
    const nodes = Number(values.nodes);
    const apps = Number(values.apps);
    const workers = Number(values.workers);
    let transactions = 0;
    let failedUnits = 0;
    let largestGroup = 0;
    const store: Store = postgresStore({
      url: values.url,
      applicationName: `national-day-node${node}`,
      groupCommit: values['group-commit'] !== 'off',
      onTransaction: ({ units, failed }) => {
        transactions++;
        failedUnits += failed;
        largestGroup = Math.max(largestGroup, units);
      },
    });
    const commits = countCommits(store);
    const engine = await createEngine({ store, jobs: { poll: false } });
    try {
      const standard = nationalDayService().standard;
      const { timed, latencies } = stepTimer();
      const { application, failures, mix } = nationalDayApplication(engine, standard, timed);
      const mine: number[] = [];
      for (let i = node; i < apps; i += nodes) mine.push(i);
      const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
      await send({ type: 'ready', node });
      await go;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      let next = 0;
      let thrown = 0;
      const thrownSamples: string[] = [];
      await Promise.all(
        Array.from({ length: Math.min(workers, mine.length) }, async () => {
          for (let k = next++; k < mine.length; k = next++) {
            const i = mine[k]!;
            await application(i).catch((error: unknown) => {
              thrown++;
              if (thrownSamples.length < 5) thrownSamples.push(`application ${i}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
            });
          }
        }),
      );
      const elapsedMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      await send({
        type: 'done',
        node,
        workers,
        applications: mine.length,
        latenciesMs: latencies.map((ms) => round(ms, 3)),
        elapsedMs,
        mix,
        storeCommits: commits(),
        storeTransactions: transactions,
        failedUnits,
        largestGroup,
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
        failures: failures.length + thrown,
        failureSamples: [...thrownSamples, ...failures].slice(0, 5),
      });
    } finally {
      await engine.close();
    }
  };
  run().then(
    () => process.disconnect?.(),
    async (error: unknown) => {
      await send({ type: 'error', node, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exitCode = 1;
      process.disconnect?.();
    },
  );
}
