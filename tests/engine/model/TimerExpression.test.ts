import { describe, expect, it } from 'vitest';
import { catchUp, firstFiring, nextFiring } from '../../../engine/model/TimerExpression.js';
import type { TimerSpec } from '../../../engine/model/types.js';

const cycle = (expression: string): TimerSpec => ({ kind: 'cycle', expression });
const at = (iso: string) => new Date(iso);

describe('TimerExpression', () => {
  it('should clamp month arithmetic to the end of the month', () => {
    const monthly = cycle('R/2026-01-31T09:00:00Z/P1M');
    const first = firstFiring(monthly, at('2026-02-01T00:00:00Z'));
    expect(first.dueAt.toISOString()).toBe('2026-02-28T09:00:00.000Z');
    // Counted from the cycle's start, the 31st comes back when the month has one.
    expect(nextFiring(monthly, first.dueAt, undefined)!.dueAt.toISOString()).toBe('2026-03-31T09:00:00.000Z');
  });

  it('should catch up to the latest missed repetition, counting the skipped ones against the total', () => {
    const everyTwoSeconds = cycle('R40/PT2S');
    expect(catchUp(everyTwoSeconds, at('2026-03-02T04:00:02Z'), 39, at('2026-03-02T04:00:31Z'))).toEqual({ dueAt: at('2026-03-02T04:00:30Z'), remaining: 25, skipped: 14 });
    // Never more than the repetitions left.
    expect(catchUp(everyTwoSeconds, at('2026-03-02T04:00:02Z'), 3, at('2026-03-02T05:00:00Z'))).toEqual({ dueAt: at('2026-03-02T04:00:08Z'), remaining: 0, skipped: 3 });
    // On time: nothing skipped.
    expect(catchUp(everyTwoSeconds, at('2026-03-02T04:00:02Z'), 39, at('2026-03-02T04:00:02Z'))).toEqual({ dueAt: at('2026-03-02T04:00:02Z'), remaining: 39, skipped: 0 });
  });
});
