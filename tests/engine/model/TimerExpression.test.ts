import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../engine/index.js';
import { compileDefinitions } from '../../../engine/model/compileDefinitions.js';
import { catchUp, firstFiring, nextFiring, timerProblem, timerValue } from '../../../engine/model/TimerExpression.js';
import { fixture } from '../../support/harness.js';
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

  it('should add months like java.time: P1M from 31 January is 28 February, P1Y from 29 February is 28 February', () => {
    expect(firstFiring({ kind: 'duration', expression: 'P1M' }, at('2026-01-31T09:00:00Z')).dueAt.toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(firstFiring({ kind: 'duration', expression: 'P1Y' }, at('2028-02-29T09:00:00Z')).dueAt.toISOString()).toBe('2029-02-28T09:00:00.000Z');
    expect(firstFiring({ kind: 'duration', expression: 'P1M1D' }, at('2026-01-31T09:00:00Z')).dueAt.toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('should check a FEEL timer for syntax at deploy and its value when armed, naming what is wrong', () => {
    expect(timerProblem({ kind: 'duration', expression: '=duration("P" + ' })).toMatch(/not valid FEEL/);
    expect(timerProblem({ kind: 'duration', expression: '=duration("P" + string(days) + "D")' })).toBeUndefined();
    const now = at('2026-01-31T10:00:00Z');
    expect(timerValue({ kind: 'duration', expression: '=days' }, { days: 5 }, now)).toEqual({ problem: "timeDuration '=days' returned 5, not a duration" });
    expect(timerValue({ kind: 'date', expression: '=due' }, {}, now)).toEqual({ problem: expect.stringMatching(/timeDate '=due': it evaluated to null \(Variable 'due' not found\)/) });
    expect(timerValue({ kind: 'date', expression: '=date and time(d)' }, { d: '2026-03-05T10:00:00@Asia/Almaty' }, now)).toEqual({ timer: { kind: 'date', expression: '2026-03-05T05:00:00Z' } });
    expect(timerValue({ kind: 'date', expression: '=now() + duration("P1M")' }, {}, now)).toEqual({ timer: { kind: 'date', expression: '2026-02-28T10:00:00Z' } });
    expect(timerValue({ kind: 'cycle', expression: '="R3/PT" + string(h) + "H"' }, { h: 2 }, now)).toEqual({ timer: { kind: 'cycle', expression: 'R3/PT2H' } });
    expect(timerValue({ kind: 'cycle', expression: '="R3/" + p' }, { p: 'PT0S' }, now)).toEqual({ problem: expect.stringContaining("returned 'R3/PT0S'") });
  });

  it('should refuse a FEEL timer on a timer start event, which is scheduled at deploy without variables', async () => {
    const error = await compileDefinitions(fixture(import.meta.url, 'TimerStartFeel.bpmn')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).problems).toEqual([expect.objectContaining({ elementId: 'every_term', message: expect.stringContaining('has no variables to read at deploy') })]);
  });
});
