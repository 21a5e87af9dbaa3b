import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, isValidTrackingNumber, taskViewFor } from '../../../engine/index.js';
import { fixture, openHarness, path, type Harness } from '../../support/harness.js';

describe('intake, escalation and the return of the result', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T04:00:00Z'); // Monday 13 April 2026, 09:00 in Almaty
    await h.engine.deploy(fixture(import.meta.url, 'Intake.bpmn'));
  });
  afterEach(() => h.dispose());

  const task = async (instanceId: string, elementId: string) => (await h.engine.tasks({ instanceId })).find((t) => t.elementId === elementId)!;

  it('should give the applicant a receipt with a checkable tracking number, the documents and the deadline', async () => {
    const { id, trackingNumber } = await h.engine.start('certificate', { channel: 'centre', variables: { documents: ['ID card', 'application form'] } });
    expect(isValidTrackingNumber(trackingNumber)).toBe(true);
    // One wrong digit is caught by the check digit.
    const typo = trackingNumber.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    expect(isValidTrackingNumber(typo)).toBe(false);
    expect(await h.engine.receipt(id)).toEqual({
      trackingNumber,
      serviceCode: 'NO-CRIMINAL-RECORD',
      service: 'Certificate of no criminal record',
      agency: 'prosecutor',
      channel: 'centre',
      receivedAt: '2026-04-13T04:00:00.000Z',
      documents: ['ID card', 'application form'],
      dueAt: '2026-04-20T13:30:00.000Z', // receipt day not counted: 14–17 and 20 April, 18:30
    });
  });

  it('should escalate an overdue review to a supervisor with the SLA-bound boundary timer, keeping the review open', async () => {
    const { id } = await h.engine.start('certificate', { channel: 'centre' });
    const review = await task(id, 'review');
    h.clock.set(review.dueAt!);
    expect((await h.engine.runDueJobs()).fired).toBe(1);
    expect((await h.engine.sweepSla()).overdue).toBe(1);
    const open = (await h.engine.tasks({ instanceId: id })).map((t) => t.elementId).sort();
    expect(open).toEqual(['review', 'supervisor_look']);
    expect((await h.engine.task(review.id)).overdue).toBe(true);
  });

  it('should record the applicant rating at hand-back and refuse a rating out of range or elsewhere', async () => {
    const { id } = await h.engine.start('certificate', { channel: 'centre' });
    const review = await task(id, 'review');
    await expect(h.engine.completeTask(review.id, { by: 'checker', variables: { rating: 5 } })).rejects.toThrow(/^rating: a rating is given when the result is handed back/);
    await h.engine.completeTask(review.id, { by: 'checker' });
    const handBack = await task(id, 'hand_back');
    await expect(h.engine.completeTask(handBack.id, { by: 'clerk', variables: { rating: 6 } })).rejects.toBeInstanceOf(InvalidArgumentError);
    const done = await h.engine.completeTask(handBack.id, { by: 'clerk', outcome: 'handed over', variables: { rating: 4 } });
    expect(done.state).toBe('completed');
    expect(done.variables).toMatchObject({ rating: 4, outcome: 'handed over' });
    const rated = (await h.engine.audit({ subject: id })).filter((a) => a.action === 'application.rated');
    expect(rated.map((a) => a.data)).toEqual([{ rating: 4, taskId: handBack.id }]);
  });

  it('should move a result nobody collects within 30 calendar days to the archive', async () => {
    const { id } = await h.engine.start('certificate', { channel: 'centre' });
    await h.engine.completeTask((await task(id, 'review')).id, { by: 'checker' });
    await h.restart();
    h.clock.advance('P29D');
    await h.engine.runDueJobs();
    expect((await h.engine.instance(id)).state).toBe('active');
    h.clock.advance('P1D');
    await h.engine.runDueJobs();
    const view = await h.engine.instance(id);
    expect(view.state).toBe('completed');
    expect(view.variables).toMatchObject({ resultArchived: true, outcome: 'archived' });
    expect(await path(h.engine, id)).toEqual(['at_centre', 'review', 'hand_back', 'done']);
    const [handBack] = await h.engine.tasks({ instanceId: id, state: 'completed' }).then((ts) => ts.filter((t) => t.elementId === 'hand_back'));
    expect(handBack).toMatchObject({ completedBy: 'system', outcome: 'archived' });
  });

  it('should hide the back-office assignee from clerks and applicants, not from supervisors', async () => {
    const { id } = await h.engine.start('certificate', { channel: 'centre' });
    const review = await h.engine.claimTask((await task(id, 'review')).id, { by: 'checker-7' });
    expect(taskViewFor('clerk', review)).not.toHaveProperty('assignee');
    expect(taskViewFor('applicant', review)).not.toHaveProperty('assignee');
    expect(taskViewFor('supervisor', review)).toHaveProperty('assignee', 'checker-7');
    expect(taskViewFor('auditor', review)).toHaveProperty('assignee', 'checker-7');
    await h.engine.completeTask(review.id, { by: 'checker-7' });
    const handBack = await h.engine.claimTask((await task(id, 'hand_back')).id, { by: 'clerk-2' });
    expect(taskViewFor('official', handBack)).toHaveProperty('assignee', 'clerk-2');
    const doneReview = await h.engine.task(review.id);
    expect(taskViewFor('clerk', doneReview)).not.toHaveProperty('completedBy');
  });
});
