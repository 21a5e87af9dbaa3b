import cron, { type ScheduledTask } from 'node-cron';

/**
 * Runs the SLA sweep at start-up and then on a cron pattern (every minute by default), with
 * node-cron: no overlapping runs, and the timer does not keep the process alive.
 */
export class SweepSchedule {
  private task: ScheduledTask | undefined;
  private inFlight: Promise<unknown> | undefined;

  constructor(
    private readonly sweep: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(pattern = '* * * * *'): void {
    if (this.task) return;
    const run = () => (this.inFlight = this.sweep().catch(this.onError));
    void run(); // crossings that happened while the engine was down
    this.task = cron.schedule(pattern, run, { name: 'tereze-sla-sweep', noOverlap: true, unref: true });
  }

  async stop(): Promise<void> {
    const task = this.task;
    this.task = undefined;
    if (task) await task.destroy();
    await this.inFlight;
  }
}
