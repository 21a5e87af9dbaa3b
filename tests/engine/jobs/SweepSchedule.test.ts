import { describe, expect, it } from 'vitest';
import { SweepSchedule } from '../../../engine/jobs/SweepSchedule.js';

describe('SweepSchedule', () => {
  it('should sweep at start-up, then on its cron pattern, and stop cleanly', async () => {
    let runs = 0;
    const schedule = new SweepSchedule(async () => void runs++);
    schedule.start('* * * * * *'); // every second (node-cron's six-field form), to keep the test short
    expect(runs).toBe(1); // the start-up sweep runs at once
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    await schedule.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(runs).toBe(after);
  });
});
