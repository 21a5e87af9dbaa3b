import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('EventSubProcess (message and timer starts)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'EventSubProcess.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should cancel the open task and the waiting timer when the applicant withdraws, and end the instance through the event sub-process', async () => {
    const { id, trackingNumber } = await h.engine.start('withdrawable');
    const review = await onlyTask(h.engine, id);
    const engine = await h.restart();
    await engine.correlate('withdrawn', { trackingNumber, variables: { withdrawalReason: 'moved abroad' } });
    const close = await onlyTask(engine, id);
    expect(close.elementId).toBe('close_file');
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id)).toEqual([review.id]);
    expect((await engine.instance(id)).variables['withdrawalReason']).toBe('moved abroad');
    // The other subscriptions closed with the interruption: a question finds nothing to start.
    await expect(engine.correlate('question', { trackingNumber })).rejects.toBeInstanceOf(ConflictError);
    const again = await h.restart();
    await again.completeTask(close.id, { by: 'clerk' });
    expect((await again.instance(id)).state).toBe('completed');
    h.clock.advance('P11D');
    expect((await again.runDueJobs()).fired).toBe(0); // the registry wait's timer was withdrawn
    const entered = await path(again, id);
    expect(entered).toEqual(['start', 'fork', 'review', 'wait_registry', 'withdrawal', 'on_withdrawn', 'close_file', 'withdrawn_end']);
  });

  it('should open a non-interrupting event sub-process beside the review every time its message comes', async () => {
    const { id, trackingNumber } = await h.engine.start('withdrawable');
    const review = await onlyTask(h.engine, id);
    await h.engine.correlate('question', { trackingNumber });
    const engine = await h.restart();
    await engine.correlate('question', { trackingNumber });
    const open = await engine.tasks({ instanceId: id });
    expect(open.map((t) => t.elementId).sort()).toEqual(['answer', 'answer', 'review']);
    for (const answer of open.filter((t) => t.elementId === 'answer')) await engine.completeTask(answer.id, { by: 'clerk' });
    expect((await onlyTask(engine, id)).id).toBe(review.id); // the review goes on
    await engine.completeTask(review.id, { by: 'clerk' });
    h.clock.advance('P10D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await engine.instance(id)).state).toBe('completed');
    // The instance has ended: its event sub-processes no longer listen.
    await expect(engine.correlate('withdrawn', { trackingNumber })).rejects.toBeInstanceOf(ConflictError);
  });

  it('should not end the instance while a non-interrupting event sub-process still runs', async () => {
    const { id, trackingNumber } = await h.engine.start('withdrawable');
    await h.engine.correlate('question', { trackingNumber });
    await h.engine.completeTask((await h.engine.tasks({ instanceId: id })).find((t) => t.elementId === 'review')!.id, { by: 'clerk' });
    h.clock.advance('P10D');
    await h.engine.runDueJobs();
    const engine = await h.restart();
    expect((await engine.instance(id)).state).toBe('active');
    await engine.completeTask((await onlyTask(engine, id)).id, { by: 'clerk' });
    expect((await engine.instance(id)).state).toBe('completed');
  });

  it('should remind twice with a non-interrupting timer cycle while the review task stays open', async () => {
    const { id } = await h.engine.start('reminded');
    const review = await onlyTask(h.engine, id);
    h.clock.advance('P7D');
    expect((await h.engine.runDueJobs()).fired).toBe(1);
    const engine = await h.restart();
    expect((await onlyTask(engine, id)).id).toBe(review.id);
    h.clock.advance('P7D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    h.clock.advance('P7D');
    expect((await engine.runDueJobs()).fired).toBe(0); // R2: two reminders
    expect((await engine.notifications(id)).map((n) => n.messageName)).toEqual(['reminder', 'reminder']);
    await engine.completeTask(review.id, { by: 'clerk' });
    expect((await engine.instance(id)).state).toBe('completed');
    h.clock.advance('P30D');
    expect((await engine.runDueJobs()).fired).toBe(0); // the expiry timer closed with the instance
  });

  it('should expire the case with the interrupting timer: the open review is cancelled', async () => {
    const { id } = await h.engine.start('reminded');
    const review = await onlyTask(h.engine, id);
    const engine = await h.restart();
    h.clock.advance('P30D');
    await engine.runDueJobs();
    expect((await engine.instance(id)).state).toBe('completed');
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id)).toEqual([review.id]);
    expect((await path(engine, id)).slice(-3)).toEqual(['expiry', 'after_30_days', 'expired']);
  });

  it('should listen inside an embedded sub-process only while it runs, and continue after it when its event sub-process ends', async () => {
    const { id, trackingNumber } = await h.engine.start('nested');
    const collect = await onlyTask(h.engine, id);
    const engine = await h.restart();
    await engine.correlate('cancelIntake', { trackingNumber });
    const note = await onlyTask(engine, id);
    expect(note.elementId).toBe('note_cancellation');
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id)).toEqual([collect.id]);
    await engine.completeTask(note.id, { by: 'clerk' });
    const handOver = await onlyTask(engine, id);
    expect(handOver.elementId).toBe('hand_over'); // the intake completed through its event sub-process
    await expect(engine.correlate('cancelIntake', { trackingNumber })).rejects.toBeInstanceOf(ConflictError);
    await engine.completeTask(handOver.id, { by: 'clerk' });
    expect(await path(engine, id)).toEqual(['n_start', 'intake', 'i_start', 'collect', 'intake_cancelled', 'on_cancel_intake', 'note_cancellation', 'cancel_end', 'hand_over', 'n_end']);
  });

  it('should arm a FEEL timer start from the start variables, and refuse a start whose variables name no timer', async () => {
    const { id } = await h.engine.start('feel_term', { variables: { answerWithin: 'P5D' } });
    const answer = await onlyTask(h.engine, id);
    const engine = await h.restart();
    h.clock.advance('P4D');
    expect((await engine.runDueJobs()).fired).toBe(0);
    h.clock.advance('P1D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await engine.instance(id)).state).toBe('completed');
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id)).toEqual([answer.id]);
    const refused = await engine.start('feel_term', { variables: {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidArgumentError);
    expect((refused as Error).message).toContain('timer term_over');
  });

  it('should deliver a message kept with a ttl to an event sub-process when its scope is entered later', async () => {
    const { id, trackingNumber } = await h.engine.start('later_scope', { variables: { scopeTerm: 'P2D' } });
    expect((await h.engine.correlate('stopScope', { trackingNumber, ttl: 'P1D' })).buffered).toBe(true);
    const engine = await h.restart();
    await engine.completeTask((await onlyTask(engine, id)).id, { by: 'clerk' });
    expect((await engine.instance(id)).state).toBe('completed');
    expect((await path(engine, id)).slice(-7)).toEqual(['scope', 's_start', 's_task', 'scope_stop', 'on_stop', 'stopped', 'l_end']); // the scope completed through its handler
    h.clock.advance('P3D');
    expect((await engine.runDueJobs()).fired).toBe(0); // the nudge timer closed with the scope
  });

  it('should hold the sub-process as an incident when its event sub-process timer names no timer, and open it on retry', async () => {
    const { id } = await h.engine.start('later_scope');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk' });
    const stuck = await h.engine.instance(id);
    expect(stuck.incidents).toEqual([expect.objectContaining({ elementId: 'scope', message: expect.stringContaining('timer on_nudge') })]);
    expect(await h.engine.tasks({ instanceId: id })).toEqual([]);
    const engine = await h.restart();
    await engine.retryIncidents(id, { by: 'operator', variables: { scopeTerm: 'P2D' } });
    const inside = await onlyTask(engine, id);
    expect(inside.elementId).toBe('s_task');
    h.clock.advance('P2D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await engine.tasks({ instanceId: id })).map((t) => t.elementId).sort()).toEqual(['nudge', 's_task']);
  });
});
