import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { JobRecord, Store } from '../store/port.js';

export interface JobExecutorOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Fires one leased job; resolves true when its commit (which completes the job) landed. */
  readonly fire: (job: JobRecord, owner: string) => Promise<boolean>;
  /** How long a lease holds before another executor may take the job. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  /** Wait before retrying a job whose attempt failed (grows with each attempt). */
  readonly retryMs?: number;
  readonly onError?: (job: JobRecord, error: unknown) => void;
}

/**
 * Acquires due jobs by lease and fires each. A job is deleted by the very commit that applies
 * its effect, guarded by the lease, so it fires exactly once even with several executors or a
 * crash between acquiring and firing (the lease then expires and the job is taken again).
 */
export class JobExecutor {
  readonly owner = `executor-${randomUUID()}`;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly retryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(private readonly options: JobExecutorOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.retryMs = options.retryMs ?? 5_000;
  }

  /** Fires every job due now, including jobs that fell due while the process was down. */
  async runDue(): Promise<{ fired: number; failed: number }> {
    let fired = 0;
    let failed = 0;
    for (let round = 0; round < 1000; round++) {
      const now = this.options.clock.now();
      const jobs = await this.options.store.acquireJobs({
        now: now.toISOString(),
        lockedUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
        owner: this.owner,
        limit: this.batchSize,
      });
      if (!jobs.length) break;
      for (const job of jobs) {
        if (await this.fireOne(job)) fired++;
        else failed++;
      }
    }
    return { fired, failed };
  }

  private async fireOne(job: JobRecord): Promise<boolean> {
    try {
      if (await this.options.fire(job, this.owner)) return true;
    } catch (error) {
      this.options.onError?.(job, error);
      const backoff = this.retryMs * 2 ** Math.min(job.attempts, 8);
      const dueAt = new Date(this.options.clock.now().getTime() + backoff).toISOString();
      await this.options.store.releaseJob(job.id, this.owner, { dueAt, error: (error as Error)?.message ?? String(error) });
    }
    return false;
  }

  /** Polls in the background: runs due jobs, then sleeps until the next one (at most `intervalMs`). */
  start(intervalMs: number): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.runDue().catch(() => undefined);
      await this.running;
      this.running = undefined;
      if (this.stopped) return;
      const next = await this.options.store.nextJobDue().catch(() => undefined);
      const wait = next ? Math.max(0, Math.min(intervalMs, Date.parse(next) - this.options.clock.now().getTime())) : intervalMs;
      this.timer = setTimeout(tick, wait);
      this.timer.unref();
    };
    void tick();
  }

  /** Stops polling and waits for the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
