/**
 * The national-day benchmark (issue 15): `npm run bench -- --only national-day [--apps N]`, or on
 * its own `tsx tests/bench/nationalDayBench.ts [--apps N] [--workers 50] [--synchronous full|normal]
 * [--group-commit on|off] [--writer main|thread] [--limit-seconds s]` (its last stdout line is the JSON result).
 *
 * The service is the catalogue's NO-CRIMINAL-RECORD (processes/), with the demo organisation
 * seeded, on the durable sqlite store (a file in a temp directory), driven through the library
 * by `--workers` concurrent workers (50) sharing one engine. One application: the start at a
 * centre; the intake claimed and completed by a clerk of that centre; the back-office review,
 * assigned at random to an official of the agency, completed by them; the issue of the result or
 * of the refusal (a service-task handler, run as a job after the commit); the hand-back claimed
 * and completed at the centre. The mix, by application number: 10 % refused at review, 5 %
 * documents requested and then brought (recordDocumentsBrought, the review again, approved),
 * 2 % a deadline extension before the review. A step is one acknowledged write command (start,
 * claim, complete, extend, documents brought); its latency is the command's.
 *
 * Beside it, in the same process, the store's physical limit (storeLimit.ts): a bare
 * better-sqlite3 file with rows like a step's, one step per commit and 50 per commit, NORMAL
 * and FULL. The ratio is Tereze's steps/s over the limit with the same `synchronous`, one step
 * per commit and 50 per commit.
 *
 * Every application is checked to have ended at `result_returned`; a run with any other end
 * fails rather than passing as fast.
 *
 * The same application on PostgreSQL with 1 to 3 engine processes: nationalDayPostgres.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { WorkerPerformance } from 'node:worker_threads';
import { createEngine, sqliteStore, type Engine } from '../../engine/index.js';
import type { Store } from '../../engine/store/port.js';
import { DEFAULT_SYNCHRONOUS, type GroupPhases, type SqliteStoreOptions } from '../../engine/store/sqlite/SqliteStore.js';
import { loadCatalogue, type CatalogueEntry, type ServiceStandard } from '../../processes/standard.js';
import { loadOrganisation, seedOrganisation } from '../../processes/demo/seedOrganisation.js';
import { mb, opStats, peakRssMb, round, type DayMix, type DayThroughput, type OpStats } from './measure.js';
import { processWrittenBytes, storedBytes, type StoredBytes } from './storeBytes.js';
import { measureStoreLimit, type StoreLimitFigure } from './storeLimit.js';
import { holdWal, type WalFrames } from './walFrames.js';
import type { NationalDayHttpResult } from './nationalDayHttp.js';

/** Applications a day in the network (over 800 centres × about 1,200). */
export const NATIONAL_DAY = 960_000;
/** The aim: a day replayed in at most ten minutes. */
export const DAY_AIM_MINUTES = 10;

export interface NationalDayResult extends DayThroughput {
  readonly measure: 'national-day';
  readonly service: string;
  readonly store: 'sqlite-file';
  readonly synchronous: 'normal' | 'full';
  readonly groupCommit: boolean;
  /** Where group commits are applied: the event loop's thread, or the store's writer thread. */
  readonly writer: 'main' | 'thread';
  readonly mix: DayMix;
  /** Units of work the engine handed to the store (commit calls), and the store's transactions when it reports them. */
  readonly storeCommits: number;
  readonly storeTransactions?: number;
  readonly peakRssMb: number;
  readonly sampledPeakRssMb: number;
  /** CPU time of the process (user + system, every thread) per application: the work, whatever the machine's load. */
  readonly cpuMsPerApplication: number;
  /**
   * What bounds the day, measured in it: the share of the day each thread was busy (the event
   * loop's utilisation; the writer thread's when it runs), the acknowledged commits an application
   * waits for in turn, and a worker's time per commit (workers × day ÷ commits, by Little's law:
   * its own stepping, the wait for the group, the group's statements and COMMIT, the WAL's sync).
   */
  readonly bound: {
    readonly mainBusy: number;
    readonly writerBusy?: number;
    readonly commitsPerApplication: number;
    readonly msPerCommit: number;
    /** Of msPerCommit, the mean time from a commit call to its answer; the rest is the worker's stepping and its wait for the event loop. */
    readonly msInStore: number;
    /** A group's mean phases (GroupPhases): where msInStore goes. */
    readonly group: GroupPhases;
  };
  /** Bytes the process wrote (WAL frames and checkpoints, /proc/self/io) per step; absent off Linux. */
  readonly writtenBytesPerStep?: number;
  /** What the file holds at the end, per application: in all, and by table and index (dbstat). */
  readonly storedBytesPerApplication: number;
  readonly stored: { readonly byName: Record<string, number>; readonly docBytes: StoredBytes['docBytes']; readonly rowsPerApplication: Record<string, number> };
  readonly projectedDayMinutes: number;
  readonly dayAimMet: boolean;
  readonly storeLimit: readonly StoreLimitFigure[];
  /** Tereze's steps/s over the bare file's, same synchronous: one step per commit, 50 per commit. */
  readonly ratioToLimitOnePerCommit?: number;
  readonly ratioToLimit50PerCommit?: number;
  readonly cpus: number;
  readonly loadBefore: number;
  /**
   * The WAL frames each group commit wrote, by table and index (walFrames.ts), from a shorter day
   * of the same store and writer run after this one with the WAL held; or why it could not be read.
   */
  readonly walFrames?: DayWalFrames | { readonly error: string };
  /** The same application over HTTP (nationalDayHttp.ts), when run. */
  readonly http?: NationalDayHttpResult | { readonly error: string };
  /**
   * The same day with the other writer, in the same run (`npm run bench` without `--writer`):
   * the library on the writer thread beside the event loop's, since the thread is the faster here.
   */
  readonly otherWriter?: WriterFigures | { readonly error: string };
}

export interface DayWalFrames extends WalFrames {
  readonly applications: number;
  readonly unitsPerCommit: number;
  readonly framesPerUnit: number;
}

/** Applications in the day whose WAL is held and read (walFrames.ts): enough groups, a WAL that stays small. */
const WAL_FRAMES_APPS = 500;

/** What one writer's day came to, for the line beside the other's. */
export type WriterFigures = Pick<NationalDayResult, 'writer' | 'applicationsPerSec' | 'stepP50Ms' | 'stepP99Ms' | 'cpuMsPerApplication' | 'bound' | 'peakRssMb' | 'projectedDayMinutes' | 'dayAimMet'>;

export function writerFigures(r: NationalDayResult): WriterFigures {
  const { writer, applicationsPerSec, stepP50Ms, stepP99Ms, cpuMsPerApplication, bound, peakRssMb, projectedDayMinutes, dayAimMet } = r;
  return { writer, applicationsPerSec, stepP50Ms, stepP99Ms, cpuMsPerApplication, bound, peakRssMb, projectedDayMinutes, dayAimMet };
}

interface Options {
  readonly apps: number;
  readonly workers: number;
  readonly synchronous?: 'normal' | 'full';
  /** The store's group commit (default on, as the store's default). */
  readonly groupCommit?: boolean;
  /** The sqlite store's `writer` (default main). */
  readonly writer?: 'main' | 'thread';
  readonly limitSeconds: number;
  readonly progress: (message: string) => void;
}

const CENTRE = 'astana-1';
const CLERKS = [1, 2, 3, 4, 5, 6].map((n) => `${CENTRE}-clerk-${n}`);

type Kind = 'approved' | 'refused' | 'documents';
function kindOf(i: number): Kind {
  if (i % 10 === 3) return 'refused';
  if (i % 20 === 7) return 'documents';
  return 'approved';
}
const extended = (i: number) => i % 50 === 11;

/** The catalogue's NO-CRIMINAL-RECORD, or why it is missing. */
export function nationalDayService(): CatalogueEntry {
  const entry = loadCatalogue().find((e) => e.code === 'NO-CRIMINAL-RECORD');
  if (!entry) throw new Error('processes/NO-CRIMINAL-RECORD is missing from the catalogue');
  return entry;
}

/** Deploys the service and seeds the demo organisation (its centres, clerks and officials) on a fresh store. */
export async function deployNationalDay(engine: Engine): Promise<ServiceStandard> {
  const entry = nationalDayService();
  await engine.deploy(entry.xml, { by: 'bench' });
  await seedOrganisation(engine, loadOrganisation());
  return entry.standard;
}

/** Times one acknowledged write command (a step). */
export type Timed = <T>(run: () => Promise<T>) => Promise<T>;

/** A step timer keeping every step's latency in ms; `each(n)` is told after the n-th step. */
export function stepTimer(each?: (n: number) => void): { readonly timed: Timed; readonly latencies: number[] } {
  const latencies: number[] = [];
  const timed: Timed = async (run) => {
    const s = performance.now();
    const value = await run();
    latencies.push(performance.now() - s);
    each?.(latencies.length);
    return value;
  };
  return { timed, latencies };
}

/** Counts the units of work the engine hands to `store` (its commit calls); read the count with the function. */
export function countCommits(store: Store): () => number {
  return watchCommits(store).count;
}

/** The units of work the engine hands to `store`, and the ms all of them took from the call to the answer (read both as totals). */
function watchCommits(store: Store): { readonly count: () => number; readonly totalMs: () => number } {
  let commits = 0;
  let totalMs = 0;
  const commit = store.commit.bind(store);
  store.commit = (batch) => {
    commits++;
    const t0 = performance.now();
    const answered = commit(batch);
    // the caller awaits the store's own promise: timing it adds no step to the caller's chain
    // (no named closure per call: under tsx each gets a __name)
    answered.then(
      () => void (totalMs += performance.now() - t0),
      () => void (totalMs += performance.now() - t0),
    );
    return answered;
  };
  return { count: () => commits, totalMs: () => totalMs };
}

const PHASES = ['units', 'formingMs', 'waitingMs', 'writingMs', 'syncingMs'] as const;
type PhaseSums = { -readonly [K in keyof GroupPhases]: number } & { groups: number };

/** The groups' phases (GroupPhases) summed, and their count. */
function phaseTotals(): { readonly sums: PhaseSums; readonly add: (p: GroupPhases) => void } {
  const sums: PhaseSums = { groups: 0, units: 0, formingMs: 0, waitingMs: 0, writingMs: 0, syncingMs: 0 };
  return {
    sums,
    add: (p) => {
      sums.groups += 1;
      for (const k of PHASES) sums[k] += p[k];
    },
  };
}

/** The mean group (its units and phases) between two readings of phaseTotals' sums. */
function meanPhases(now: PhaseSums, then: PhaseSums): GroupPhases {
  const groups = Math.max(1, now.groups - then.groups);
  const mean = (k: (typeof PHASES)[number]) => round((now[k] - then[k]) / groups, k === 'units' ? 1 : 3);
  return { units: mean('units'), formingMs: mean('formingMs'), waitingMs: mean('waitingMs'), writingMs: mean('writingMs'), syncingMs: mean('syncingMs') };
}

/**
 * One application of the national day, by its number `i` (the mix is by number, so any split of
 * the numbers across workers or nodes gives the same mix): the start at astana-1, the intake
 * claimed and completed, the review by the official it was assigned to at random (2 % extended
 * first; 5 % documents requested and brought, then reviewed again; 10 % refused), the hand-back
 * claimed and completed. An application not completed after its hand-back is pushed to
 * `failures`; `mix` counts what was run. Shared by the sqlite run here and the PostgreSQL nodes
 * (nationalDayNode.ts).
 */
export function nationalDayApplication(engine: Engine, standard: ServiceStandard, timed: Timed) {
  const documents = standard.requiredDocuments;
  const ground = standard.groundsForRefusal[0];
  const openTask = async (instanceId: string, elementId: string) => {
    const task = (await engine.tasks({ instanceId })).find((t) => t.elementId === elementId);
    if (!task) throw new Error(`application ${instanceId}: no open ${elementId} task`);
    return task;
  };
  const failures: string[] = [];
  const mix = { refused: 0, documents: 0, extensions: 0 };

  const application = async (i: number): Promise<void> => {
    const clerk = CLERKS[i % CLERKS.length]!;
    const kind = kindOf(i);
    const { id } = await timed(() => engine.start(standard.processKey, { channel: 'centre', by: clerk, centre: CENTRE, variables: { documents } }));
    const intake = await openTask(id, 'check_completeness');
    await timed(() => engine.claimTask(intake.id, { by: clerk }));
    await timed(() => engine.completeTask(intake.id, { by: clerk, outcome: 'complete' }));
    let review = await openTask(id, 'review');
    if (extended(i)) {
      mix.extensions++;
      await timed(() => engine.extendDeadline(id, { days: 5, by: review.assignee ?? 'kpssu-records-1', reason: 'a record is awaited from another agency' }));
    }
    if (kind === 'documents') {
      mix.documents++;
      await timed(() => engine.completeTask(review.id, { by: review.assignee!, outcome: 'request documents', variables: { requestedDocuments: [documents[0]] } }));
      await timed(() => engine.recordDocumentsBrought(id, { by: clerk, documents: [documents[0]!] }));
      review = await openTask(id, 'review');
    }
    if (kind === 'refused') mix.refused++;
    await timed(() =>
      engine.completeTask(review.id, kind === 'refused' ? { by: review.assignee!, outcome: 'refuse', variables: { refusalGrounds: ground } } : { by: review.assignee!, outcome: 'approve' }),
    );
    const handBack = await openTask(id, 'hand_back');
    await timed(() => engine.claimTask(handBack.id, { by: clerk }));
    const done = await timed(() => engine.completeTask(handBack.id, { by: clerk, outcome: 'handed over', variables: { rating: 3 + (i % 3) } }));
    if (done.state !== 'completed') failures.push(`application ${i} (${id}) is ${done.state} after the hand-back`);
  };
  return { application, failures, mix };
}

/** The sqlite store's options of a day: the run's own, and a listener for each group transaction. */
function dayStoreOptions(
  options: Options,
  onTransaction: (info: { readonly units: number }) => void,
  onWriterThread?: SqliteStoreOptions['onWriterThread'],
  onGroupPhases?: SqliteStoreOptions['onGroupPhases'],
): SqliteStoreOptions {
  return {
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
    groupCommit: options.groupCommit ?? true,
    ...(options.writer ? { writer: options.writer } : {}),
    onTransaction,
    ...(onWriterThread ? { onWriterThread } : {}),
    ...(onGroupPhases ? { onGroupPhases } : {}),
  };
}

/** Runs applications 0 … apps - 1 on `workers` concurrent workers, each taking the next number; then fails if any did not end as expected. */
async function runDay(day: ReturnType<typeof nationalDayApplication>, apps: number, workers: number, after?: (i: number) => void): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = next++; i < apps; i = next++) {
        await day.application(i);
        after?.(i);
      }
    }),
  );
  if (day.failures.length) throw new Error(`${day.failures.length} applications did not end as expected: ${day.failures.slice(0, 3).join('; ')}`);
}

/**
 * A shorter day on a fresh file of the same store and writer, its WAL held from the first
 * application on (walFrames.ts): the frames each group commit wrote, by table and index.
 */
async function measureDayFrames(options: Options, apps: number): Promise<DayWalFrames> {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-national-day-wal-'));
  const file = join(dir, 'national-day.sqlite');
  let units = 0;
  let transactions = 0;
  const store = sqliteStore(
    file,
    dayStoreOptions(options, (info) => {
      units += info.units;
      transactions++;
    }),
  );
  const engine = await createEngine({ store, jobs: { poll: false } });
  try {
    const day = nationalDayApplication(engine, await deployNationalDay(engine), stepTimer().timed);
    const held = holdWal(file);
    try {
      units = 0;
      transactions = 0;
      await runDay(day, apps, options.workers);
      const frames = held.frames();
      return { applications: apps, ...frames, unitsPerCommit: round(units / Math.max(1, transactions), 1), framesPerUnit: round(frames.frames / Math.max(1, units), 2) };
    } finally {
      held.release();
    }
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runNationalDay(options: Options): Promise<NationalDayResult> {
  const { apps, workers, progress } = options;
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const storeLimit = measureStoreLimit(options.limitSeconds, progress);

  const dir = mkdtempSync(join(tmpdir(), 'tereze-national-day-'));
  let transactions: number | undefined;
  const file = join(dir, 'national-day.sqlite');
  let writerThread: WorkerPerformance | undefined;
  const phases = phaseTotals();
  const store: Store = sqliteStore(
    file,
    dayStoreOptions(
      options,
      () => {
        transactions = (transactions ?? 0) + 1;
      },
      (writer) => (writerThread = writer),
      phases.add,
    ),
  );
  const watched = watchCommits(store);
  const commits = watched.count;
  const engine = await createEngine({ store, jobs: { poll: false } });
  try {
    const standard = await deployNationalDay(engine);

    let peakRss = process.memoryUsage.rss();
    const { timed, latencies } = stepTimer((n) => {
      if (n % 200 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    });
    const day = nationalDayApplication(engine, standard, timed);

    progress(`national day: ${apps} applications, ${workers} workers, synchronous ${options.synchronous ?? 'default'}`);
    const reportEvery = Math.max(1, Math.floor(apps / 4));
    const cpu0 = process.cpuUsage();
    const written0 = processWrittenBytes();
    const mainBusy0 = performance.eventLoopUtilization();
    const writerBusy0 = writerThread?.eventLoopUtilization();
    const commits0 = commits();
    const inStore0 = watched.totalMs();
    const phases0 = { ...phases.sums };
    const t0 = performance.now();
    await runDay(day, apps, workers, (i) => {
      if ((i + 1) % reportEvery === 0) progress(`${i + 1}/${apps}`);
    });
    const elapsedMs = performance.now() - t0;
    const dayCommits = commits() - commits0;
    const bound = {
      mainBusy: round(performance.eventLoopUtilization(mainBusy0).utilization, 3),
      ...(writerThread && writerBusy0 ? { writerBusy: round(writerThread.eventLoopUtilization(writerBusy0).utilization, 3) } : {}),
      commitsPerApplication: round(dayCommits / apps, 2),
      msPerCommit: round((workers * elapsedMs) / Math.max(1, dayCommits), 3),
      msInStore: round((watched.totalMs() - inStore0) / Math.max(1, dayCommits), 3),
      group: meanPhases(phases.sums, phases0),
    };
    const cpu = process.cpuUsage(cpu0);
    const written1 = processWrittenBytes();
    peakRss = Math.max(peakRss, process.memoryUsage.rss());

    const steps: OpStats = opStats(Float64Array.from(latencies), elapsedMs);
    const applicationsPerSec = (apps * 1000) / elapsedMs;
    const projectedDayMinutes = NATIONAL_DAY / applicationsPerSec / 60;
    const synchronous = options.synchronous ?? DEFAULT_SYNCHRONOUS;
    const limitOf = (perCommit: number) => storeLimit.find((f) => f.stepsPerCommit === perCommit && f.synchronous === synchronous.toUpperCase());
    const ratio = (perCommit: number) => {
      const limit = limitOf(perCommit);
      return limit ? round(steps.perSec / limit.stepsPerSec, 3) : undefined;
    };
    const layout = storedBytes(file);
    const peakRssAfterDay = peakRssMb(); // before the shorter day below adds an engine of its own
    const walFrames = await measureDayFrames(options, Math.min(WAL_FRAMES_APPS, apps)).catch((error: unknown) => ({ error: String(error) }));
    const perApp = (n: number) => Math.round(n / apps);
    const storedTotal = Object.values(layout.byName).reduce((a, b) => a + b, 0);
    const one = ratio(1);
    const fifty = ratio(50);
    return {
      measure: 'national-day',
      service: standard.processKey,
      store: 'sqlite-file',
      synchronous,
      groupCommit: options.groupCommit ?? true,
      writer: options.writer ?? 'main',
      workers,
      applications: apps,
      mix: day.mix,
      steps: steps.n,
      elapsedMs: steps.elapsedMs,
      applicationsPerSec: round(applicationsPerSec, 1),
      stepsPerSec: steps.perSec,
      stepP50Ms: round(steps.p50Us / 1000, 3),
      stepP99Ms: round(steps.p99Us / 1000, 3),
      storeCommits: commits(),
      ...(transactions === undefined ? {} : { storeTransactions: transactions }),
      peakRssMb: peakRssAfterDay,
      sampledPeakRssMb: mb(peakRss),
      cpuMsPerApplication: round((cpu.user + cpu.system) / 1000 / apps, 3),
      bound,
      ...(written0 === undefined || written1 === undefined ? {} : { writtenBytesPerStep: Math.round((written1 - written0) / steps.n) }),
      storedBytesPerApplication: perApp(storedTotal),
      stored: {
        byName: Object.fromEntries(Object.entries(layout.byName).map(([name, bytes]) => [name, perApp(bytes)])),
        docBytes: layout.docBytes,
        rowsPerApplication: Object.fromEntries(Object.entries(layout.rows).map(([table, n]) => [table, round(n / apps, 2)])),
      },
      projectedDayMinutes: round(projectedDayMinutes, 1),
      dayAimMet: projectedDayMinutes <= DAY_AIM_MINUTES,
      storeLimit,
      ...(one === undefined ? {} : { ratioToLimitOnePerCommit: one }),
      ...(fifty === undefined ? {} : { ratioToLimit50PerCommit: fifty }),
      walFrames,
      cpus: cpus().length,
      loadBefore: round(loadBefore, 2),
    };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** A group's mean phases in words. */
function groupLine(g: GroupPhases): string {
  return `${g.formingMs} ms forming (its first unit to its hand-off), ${g.waitingMs} ms until the writer took it, ${g.writingMs} ms writing (statements and COMMIT), ${g.syncingMs} ms from the COMMIT to its callers' answers (the WAL's sync)`;
}

/** Each thread's busy share of the day, for both writers' lines. */
function busy(bound: NationalDayResult['bound']): string {
  return `the event loop ${pct(bound.mainBusy)}${bound.writerBusy === undefined ? '' : `, the writer thread ${pct(bound.writerBusy)}`}`;
}

function renderWalFrames(f: NationalDayResult['walFrames']): string[] {
  if (!f) return [];
  if ('error' in f) return [`  WAL frames per commit: not measured: ${f.error}`];
  const top = Object.entries(f.byName).slice(0, 14).map(([name, n]) => `${name} ${n}`).join(', ');
  return [`  WAL frames (pages written) per commit, ${f.applications} applications with the WAL held: ${f.framesPerCommit} (${f.unitsPerCommit} units, ${f.framesPerUnit} a unit):`, `    ${top}`];
}

export function renderNationalDay(r: NationalDayResult): string {
  const limit = (sync: string, per: number) => r.storeLimit.find((f) => f.synchronous === sync && f.stepsPerCommit === per);
  const lines = [
    `National day (${r.service}, sqlite file, synchronous ${r.synchronous}, group commit ${r.groupCommit ? 'on' : 'off'}${r.writer === 'thread' ? ', writer thread' : ''}, ${r.workers} workers, ${r.applications} applications: ` +
      `${r.mix.refused} refused, ${r.mix.documents} with documents brought, ${r.mix.extensions} extended)`,
    `  ${r.applicationsPerSec} applications/s, ${r.stepsPerSec} steps/s (${r.steps} steps), per step p50 ${r.stepP50Ms} ms, p99 ${r.stepP99Ms} ms`,
    `  store: ${r.storeCommits} units committed${r.storeTransactions === undefined ? '' : ` in ${r.storeTransactions} transactions (${round(r.storeCommits / Math.max(1, r.storeTransactions), 1)} per transaction)`}`,
    `  busy: ${busy(r.bound)} of the day; ${r.bound.commitsPerApplication} acknowledged commits an application in turn, ${r.bound.msPerCommit} ms a worker's time per commit, ${r.bound.msInStore} of it in the store`,
    `  a group (${r.bound.group.units} units) takes ${groupLine(r.bound.group)}`,
    `  CPU ${r.cpuMsPerApplication} ms per application; written ${r.writtenBytesPerStep ?? '—'} bytes per step; the file holds ${r.storedBytesPerApplication} bytes per application:`,
    `    ${Object.entries(r.stored.byName).slice(0, 12).map(([name, bytes]) => `${name} ${bytes}`).join(', ')}`,
    `    rows per application: ${Object.entries(r.stored.rowsPerApplication).map(([t, n]) => `${t} ${n}`).join(', ')}; average document bytes: ${Object.entries(r.stored.docBytes).map(([t, n]) => `${t} ${n}`).join(', ')}`,
    ...renderWalFrames(r.walFrames),
    `  peak RSS ${r.peakRssMb} MB; 960,000 applications projected in ${r.projectedDayMinutes} min (aim ≤ ${DAY_AIM_MINUTES}: ${r.dayAimMet ? 'MET' : 'NOT MET'})`,
    `  store limit (bare better-sqlite3 file, rows like a step's), steps/s:`,
    ...(['NORMAL', 'FULL'] as const).map((sync) => `    ${sync.padEnd(6)} one per commit ${limit(sync, 1)?.stepsPerSec ?? '—'}, 50 per commit ${limit(sync, 50)?.stepsPerSec ?? '—'}`),
    `  Tereze ÷ limit (${r.synchronous.toUpperCase()}): ${r.ratioToLimitOnePerCommit ?? '—'} of one-per-commit, ${r.ratioToLimit50PerCommit ?? '—'} of 50-per-commit`,
  ];
  const other = r.otherWriter;
  if (other && 'error' in other) lines.push(`  with the other writer: failed: ${other.error}`);
  else if (other) {
    lines.push(
      `  the same day with the writer ${other.writer === 'thread' ? 'on its own thread' : 'on the event loop'}: ${other.applicationsPerSec} applications/s (${round(other.applicationsPerSec / r.applicationsPerSec, 2)}×), ` +
        `per step p50 ${other.stepP50Ms} ms, p99 ${other.stepP99Ms} ms; CPU ${other.cpuMsPerApplication} ms per application; ` +
        `busy: ${busy(other.bound)}, ${other.bound.msPerCommit} ms a worker's time per commit, ${other.bound.msInStore} of it in the store; a group (${other.bound.group.units} units) takes ${groupLine(other.bound.group)}; peak RSS ${other.peakRssMb} MB; ` +
        `960,000 projected in ${other.projectedDayMinutes} min (aim ≤ ${DAY_AIM_MINUTES}: ${other.dayAimMet ? 'MET' : 'NOT MET'})`,
    );
  }
  const http = r.http;
  if (http && 'error' in http) lines.push(`  over HTTP: failed: ${http.error}`);
  else if (http) {
    lines.push(
      `  over HTTP (a server process, ${http.workers} fetch clients, ${http.applications} applications): ${http.applicationsPerSec} applications/s, ${http.stepsPerSec} steps/s, ` +
        `per step p50 ${http.stepP50Ms} ms, p99 ${http.stepP99Ms} ms; server peak RSS ${http.serverPeakRssMb ?? '—'} MB; CPU per application: server ${http.serverCpuMsPerApplication ?? '—'} ms, clients ${http.clientCpuMsPerApplication} ms; 960,000 projected in ${http.projectedDayMinutes} min`,
    );
  }
  return lines.join('\n');
}

const isMain = process.argv[1]?.endsWith('nationalDayBench.ts');
if (isMain) {
  const { values } = parseArgs({
    options: {
      apps: { type: 'string', default: '20000' },
      workers: { type: 'string', default: '50' },
      synchronous: { type: 'string' },
      'limit-seconds': { type: 'string', default: '2' },
      quiet: { type: 'boolean', default: false },
      'group-commit': { type: 'string', default: 'on' },
      writer: { type: 'string', default: 'main' },
    },
  });
  const whole = (text: string, name: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1, not ${text}`);
    return value;
  };
  const synchronous = values.synchronous;
  if (synchronous !== undefined && synchronous !== 'normal' && synchronous !== 'full') throw new Error(`--synchronous must be normal or full, not ${synchronous}`);
  const group = values['group-commit'];
  if (group !== 'on' && group !== 'off') throw new Error(`--group-commit must be on or off, not ${group}`);
  const writer = values.writer;
  if (writer !== 'main' && writer !== 'thread') throw new Error(`--writer must be main or thread, not ${writer}`);
  const progress = (message: string) => process.stderr.write(`  [national-day] ${message}\n`);
  runNationalDay({ groupCommit: group === 'on', writer, apps: whole(values.apps, 'apps'), workers: whole(values.workers, 'workers'), ...(synchronous ? { synchronous } : {}), limitSeconds: Number(values['limit-seconds']), progress }).then(
    (result) => {
      if (!values.quiet) process.stderr.write(`${renderNationalDay(result)}\n`);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
    (error: unknown) => {
      process.stdout.write(`${JSON.stringify({ measure: 'national-day', error: error instanceof Error ? error.message : String(error) })}\n`);
      process.exitCode = 1;
    },
  );
}
