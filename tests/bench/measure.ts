/** The timed loop: warm-up, then N instances (one after another, or `inFlight` at once), with latencies and RSS. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ScenarioRunner } from './types.js';

export interface Measured {
  readonly elapsedMs: number;
  readonly instancesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  readonly sampledPeakRssMb: number;
}

/** RSS is sampled inline: a synchronous store can keep timers from ever firing mid-loop. */
const SAMPLE_EVERY = 50;

export const mb = (bytes: number): number => round(bytes / 1048576, 1);

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

export async function measure(
  runner: ScenarioRunner,
  warmup: number,
  n: number,
  progress: (message: string) => void,
  inFlight = 1,
): Promise<Measured> {
  let peakRss = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  };

  /** Runs instances first … first + count - 1, `inFlight` at a time: each lane takes the next number when its instance ends. */
  async function run(first: number, count: number, each?: (k: number, ms: number) => void): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const k = next++;
        const s = performance.now();
        await runner.runOne(first + k);
        each?.(k, performance.now() - s);
        if (k % SAMPLE_EVERY === 0) sample();
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, Math.max(count, 1)) }, lane));
  }

  await run(0, warmup);
  progress(`warm-up of ${warmup} done`);

  const latencies = new Float64Array(n);
  const reportEvery = Math.max(1, Math.floor(n / 4));
  let done = 0;
  const t0 = performance.now();
  await run(warmup, n, (k, ms) => {
    latencies[k] = ms;
    done += 1;
    if (done % reportEvery === 0) progress(`${done}/${n}`);
  });
  const elapsedMs = performance.now() - t0;
  sample();

  const sorted = latencies.slice().sort();
  const total = latencies.reduce((a, b) => a + b, 0);
  return {
    elapsedMs: round(elapsedMs, 1),
    instancesPerSec: round((n * 1000) / elapsedMs, 1),
    p50Ms: round(percentile(sorted, 0.5), 4),
    p99Ms: round(percentile(sorted, 0.99), 4),
    meanMs: round(total / n, 4),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN, 3),
    sampledPeakRssMb: mb(peakRss),
  };
}

/** Per-operation figures of a timed loop: operations/s, and p50/p99/mean in microseconds. */
/** The throughput every national-day run reports (the library, HTTP, PostgreSQL nodes). */
export interface DayThroughput {
  readonly applications: number;
  readonly workers: number;
  readonly steps: number;
  readonly elapsedMs: number;
  readonly applicationsPerSec: number;
  readonly stepsPerSec: number;
  /** Per step (one write command), in ms. */
  readonly stepP50Ms: number;
  readonly stepP99Ms: number;
}

/** The national day's mix of outcomes. */
export interface DayMix {
  readonly refused: number;
  readonly documents: number;
  readonly extensions: number;
}

export interface OpStats {
  readonly n: number;
  readonly elapsedMs: number;
  readonly perSec: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly maxUs: number;
}

/** `latenciesMs`: one entry per operation (performance.now() deltas); `elapsedMs`: the loop's wall time. */
export function opStats(latenciesMs: Float64Array, elapsedMs: number): OpStats {
  const sorted = latenciesMs.slice().sort();
  const n = latenciesMs.length;
  const total = latenciesMs.reduce((a, b) => a + b, 0);
  return {
    n,
    elapsedMs: round(elapsedMs, 1),
    perSec: round((n * 1000) / elapsedMs, 0),
    p50Us: round(percentile(sorted, 0.5) * 1000, 1),
    p99Us: round(percentile(sorted, 0.99) * 1000, 1),
    meanUs: round((total / n) * 1000, 1),
    maxUs: round((sorted[n - 1] ?? Number.NaN) * 1000, 0),
  };
}

/** The process's RSS high-water mark (getrusage reports kilobytes on Linux). */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

/** Linux's USER_HZ, what /proc/<pid>/stat counts CPU time in. */
export const TICKS_PER_SECOND = 100;

/**
 * The fields of /proc/<pid>/stat after the process's name, or undefined once it is gone:
 * [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime (in ticks).
 */
export function procStat(pid: number | string): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The CPU a live process has used, user and system, every thread, in ms (undefined once gone). */
export function processCpuMs(pid: number | undefined): number | undefined {
  const fields = pid === undefined ? undefined : procStat(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000 : undefined;
}
