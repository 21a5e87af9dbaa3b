/**
 * Drives instances on a sqlite file until it is killed: starts, completes tasks, fires due
 * timers, and prints an acknowledgement line only after each call has returned (committed).
 * Run by CrashSafety.test.ts as a child process; never by vitest directly.
 */
import { readFileSync } from 'node:fs';
import { createEngine, sqliteStore } from '../../../engine/index.js';

const [file, fixture] = process.argv.slice(2) as [string, string];
// A short lease, so jobs a killed worker had leased are taken again soon after.
const engine = await createEngine({ store: sqliteStore(file), jobs: { leaseMs: 500 } });
await engine.deploy(readFileSync(fixture, 'utf8'));
const ack = (line: string) => process.stdout.write(`${line}\n`);
await engine.runDueJobs(); // timers that fell due while no worker ran
ack('READY');

for (let round = 0; ; round++) {
  const { id } = await engine.start('crash_safety');
  ack(`START ${id}`);
  if (round % 2 === 0) {
    const [task] = await engine.tasks({ group: 'crash', limit: 1 });
    if (task) {
      await engine.completeTask(task.id, { by: 'worker' });
      ack(`COMPLETE ${task.id}`);
    }
  }
  const { fired } = await engine.runDueJobs();
  if (fired) ack(`FIRED ${fired}`);
}
