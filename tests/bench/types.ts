/** Shared vocabulary of the benchmark: engines, scenarios, one run's figures. */

export const ENGINES = ['bpmn-engine', 'sqlite-file', 'sqlite-memory'] as const;
export type EngineName = (typeof ENGINES)[number];

export const SCENARIOS = ['a', 'b'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** One engine running one scenario: the timed loop calls runOne one instance after another, or several at once. */
export interface ScenarioRunner {
  /** Starts instance number `i` and drives it to its end; throws when the run is broken. */
  runOne(i: number): Promise<void>;
  /** After the timed loop: proves every instance really completed, on the expected path. */
  verify(): Promise<Verification>;
  close(): Promise<void>;
}

export interface Verification {
  /** Instances proven to have reached an end event. */
  readonly completed: number;
  /** End event id → how many instances ended there. */
  readonly ends: Record<string, number>;
  /** Human-readable problems; any entry makes the run worthless. */
  readonly failures: readonly string[];
}

/** What a worker measured for one engine × scenario (times in ms, memory in MB). */
export interface RunResult {
  readonly engine: EngineName;
  readonly scenario: ScenarioName;
  /** Instances run at once (1: one after another, each awaited). */
  readonly inFlight: number;
  readonly warmup: number;
  readonly n: number;
  readonly elapsedMs: number;
  readonly instancesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** RSS once the engine's modules are loaded, before the first instance. */
  readonly baselineRssMb: number;
  /** Highest RSS sampled during warm-up and the timed loop (every few instances). */
  readonly sampledPeakRssMb: number;
  /** The process's high-water mark (getrusage maxrss): the figure to quote. */
  readonly peakRssMb: number;
  /** Warm-up and timed instances proven complete (must equal warmup + n). */
  readonly completed: number;
  readonly ends: Record<string, number>;
  /** Time the after-the-fact verification took (not part of the figures above). */
  readonly verifyMs: number;
  readonly notes: readonly string[];
}

/** A worker that could not produce figures. */
export interface RunFailure {
  readonly engine: EngineName;
  readonly scenario: ScenarioName;
  readonly inFlight: number;
  readonly error: string;
}

export type WorkerOutput = RunResult | RunFailure;

export function isFailure(output: WorkerOutput): output is RunFailure {
  return 'error' in output;
}
