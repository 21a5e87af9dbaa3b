import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('FEEL timer expressions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(); // the clock starts at 2026-03-02T04:00:00Z
    await h.engine.deploy(fixture(import.meta.url, 'TimerExpression.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should wait a timeDuration computed from a variable in the token scope, across a restart', async () => {
    const { id } = await h.engine.start('timer_feel_duration', { variables: { termDays: 5 } });
    const engine = await h.restart();
    h.clock.advance('P4DT23H');
    expect((await engine.runDueJobs()).fired).toBe(0);
    h.clock.advance('PT1H');
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await onlyTask(engine, id)).elementId).toBe('review');
  });

  it('should raise an incident naming the timer when its expression is null or names no duration, and arm it after a retry', async () => {
    const { id } = await h.engine.start('timer_feel_duration');
    const missing = await h.engine.instance(id);
    expect(missing.incidents).toEqual([expect.objectContaining({ elementId: 'wait_term', message: expect.stringMatching(/timer wait_term: timeDuration '=duration.*null.*termDays/) })]);
    const wrong = await h.engine.retryIncidents(id, { by: 'operator', variables: { termDays: 'five' } });
    expect(wrong.incidents).toEqual([expect.objectContaining({ elementId: 'wait_term', message: expect.stringContaining('timer wait_term') })]);

    const engine = await h.restart();
    const fixed = await engine.retryIncidents(id, { by: 'operator', variables: { termDays: 2 } });
    expect(fixed.state).toBe('active');
    expect(fixed.incidents).toEqual([]);
    h.clock.advance('P2D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await onlyTask(engine, id)).elementId).toBe('review');
  });

  it('should arm a timeDate a month after a date in the file, clamped to the month end, and a FEEL cycle, across a restart', async () => {
    const { id } = await h.engine.start('timer_feel_date', { variables: { decisionDate: '2026-03-31', remindDays: 7 } });
    const engine = await h.restart();
    h.clock.advance('P7D');
    expect((await engine.runDueJobs()).fired).toBe(1); // first reminder
    h.clock.advance('P7D');
    expect((await engine.runDueJobs()).fired).toBe(1); // second and last (R2)
    h.clock.set('2026-04-29T23:59:00Z');
    expect((await engine.runDueJobs()).fired).toBe(0); // 31 March + P1M is 30 April, not 1 May
    h.clock.set('2026-04-30T00:00:00Z');
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await engine.instance(id)).state).toBe('completed');
    const entered = await path(engine, id);
    expect(entered.filter((e) => e === 'remind')).toHaveLength(2);
    expect(entered.at(-1)).toBe('expired');
  });

  it('should not create the task when a boundary timer expression fails: the activity is an incident naming the timer', async () => {
    const { id } = await h.engine.start('timer_feel_date', { variables: { remindDays: 7 } });
    const view = await h.engine.instance(id);
    expect(view.incidents).toEqual([expect.objectContaining({ elementId: 'collect', message: expect.stringContaining('timer deadline: timeDate') })]);
    expect(await h.engine.tasks({ instanceId: id })).toEqual([]);
    await h.engine.retryIncidents(id, { by: 'operator', variables: { decisionDate: '2026-03-10' } });
    expect((await onlyTask(h.engine, id)).elementId).toBe('collect');
  });

  it("should read today() from the engine's clock, not the wall clock", async () => {
    const { id } = await h.engine.start('timer_feel_today');
    h.clock.set('2026-03-04T23:59:59Z');
    expect((await h.engine.runDueJobs()).fired).toBe(0);
    h.clock.set('2026-03-05T00:00:00Z'); // 2 March (the clock's today) + P3D
    expect((await h.engine.runDueJobs()).fired).toBe(1);
    expect((await h.engine.instance(id)).state).toBe('completed');
  });
});
