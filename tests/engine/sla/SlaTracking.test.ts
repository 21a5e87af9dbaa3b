import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, type Harness } from '../../support/harness.js';

// Almaty is UTC+5: 19:00 local = 14:00Z, 18:30 local = 13:30Z.
describe('SLA tracking', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-03-20T14:00:00Z'); // Friday 20 March 2026, 19:00 in Almaty, before Nauryz
    await h.engine.deploy(fixture(import.meta.url, 'SlaTracking.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should give a back-office review received on a Friday evening before Nauryz its hand-checked deadline', async () => {
    const { id, dueAt } = await h.engine.start('sla_review', { channel: 'centre' });
    // Day of receipt (Fri 20) not counted; 21–25 March off (Nauryz, carried to 24–25): working
    // days 26, 27, 30, 31 March and 1 April → the applicant's deadline is Wed 1 April 18:30.
    expect(dueAt).toBe('2026-04-01T13:30:00.000Z');
    const task = await onlyTask(h.engine, id);
    // The back office hands back a working day earlier (D-1): Tue 31 March 18:30.
    expect(task.dueAt).toBe('2026-03-31T13:30:00.000Z');
    expect(task.warnAt! < task.dueAt!).toBe(true);
    expect(task).toMatchObject({ atRisk: false, overdue: false });
  });

  it('should flag a task at risk and then overdue within one sweep of each crossing, audited once', async () => {
    const { id } = await h.engine.start('sla_review');
    const task = await onlyTask(h.engine, id);
    expect(await h.engine.sweepSla()).toEqual({ atRisk: 0, overdue: 0 });

    h.clock.set(task.warnAt!);
    expect(await h.engine.sweepSla()).toEqual({ atRisk: 1, overdue: 0 });
    expect(await h.engine.task(task.id)).toMatchObject({ atRisk: true, overdue: false });

    h.clock.set(new Date(Date.parse(task.dueAt!) + 1));
    const swept = await h.engine.sweepSla();
    expect(swept.overdue).toBe(1);
    expect(await h.engine.task(task.id)).toMatchObject({ atRisk: true, overdue: true });
    expect(await h.engine.sweepSla()).toEqual({ atRisk: 0, overdue: 0 });

    const audit = (await h.engine.audit({ subject: task.id })).map((a) => a.action);
    expect(audit).toEqual(['task.create', 'task.atRisk', 'task.overdue']);
    // The instance's own (applicant's) deadline is a day later: it is only at risk now.
    expect((await h.engine.instance(id)).overdue).toBe(false);
  });

  // Open time is half-open (engine/sla/WorkingTime.ts): the office closes at 18:30, so a term
  // ending at 18:30 is spent at 18:30 — work not handed back by then is late.
  it('should flag a task overdue at its deadline exactly, and not a millisecond before', async () => {
    const { id } = await h.engine.start('sla_review');
    const task = await onlyTask(h.engine, id);
    const due = Date.parse(task.dueAt!); // Tue 31 March 18:30 (D-1)

    h.clock.set(new Date(due - 1));
    expect((await h.engine.sweepSla()).overdue).toBe(0);
    expect(await h.engine.task(task.id)).toMatchObject({ atRisk: true, overdue: false });

    h.clock.set(new Date(due));
    expect((await h.engine.sweepSla()).overdue).toBe(1);
    expect((await h.engine.task(task.id)).overdue).toBe(true);
    const overdue = (await h.engine.audit({ subject: task.id })).filter((a) => a.action === 'task.overdue');
    expect(overdue).toMatchObject([{ actor: 'sla', at: task.dueAt, data: { dueAt: task.dueAt, instanceId: id } }]);
  });

  it("should flag the application overdue at the applicant's deadline, not a millisecond before: audited once and shown on the tracking page", async () => {
    // Given an application due Wed 1 April 18:30 whose review is still open
    const { id, trackingNumber, dueAt } = await h.engine.start('sla_review');
    expect(dueAt).toBe('2026-04-01T13:30:00.000Z');
    const due = Date.parse(dueAt!);

    // When the sweep runs a millisecond before, then the application is not overdue
    h.clock.set(new Date(due - 1));
    await h.engine.sweepSla();
    expect(await h.engine.instance(id)).toMatchObject({ atRisk: true, overdue: false });
    expect(await h.engine.track(trackingNumber)).toMatchObject({ dueAt, overdue: false });

    // When it runs at the deadline, then it is, with one audit entry, and the applicant sees it
    h.clock.set(new Date(due));
    expect((await h.engine.sweepSla()).overdue).toBe(1); // the application; its review turned overdue a day earlier
    expect((await h.engine.instance(id)).overdue).toBe(true);
    expect(await h.engine.track(trackingNumber)).toMatchObject({ dueAt, overdue: true, status: 'in progress' });
    await h.engine.sweepSla();
    const flagged = (await h.engine.audit({ subject: id })).filter((a) => a.action === 'instance.overdue');
    expect(flagged).toMatchObject([{ actor: 'sla', at: dueAt, data: { trackingNumber, dueAt } }]);
  });

  it('should not flag a task completed before its deadline', async () => {
    const { id } = await h.engine.start('sla_review');
    const task = await onlyTask(h.engine, id);
    await h.engine.completeTask(task.id, { by: 'official-1' });
    h.clock.advance('P60D');
    expect((await h.engine.sweepSla()).overdue).toBe(0);
  });

  it('should pause the application deadline while documents are awaited and restart the term when they arrive', async () => {
    const { id, trackingNumber, dueAt } = await h.engine.start('sla_review');
    h.clock.set('2026-03-27T05:00:00Z'); // Fri 27 March 10:00
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'official-1', outcome: 'request documents' });
    const paused = await h.engine.instance(id);
    expect(paused.slaPausedAt).toBe('2026-03-27T05:00:00.000Z');
    // While paused, the stored deadline is the one that applies if the documents come on the
    // last of the 30 days: an abandoned case still turns overdue in the end.
    expect(paused.dueAt! > dueAt!).toBe(true);
    h.clock.set('2026-04-01T14:00:00Z'); // the original deadline passed during the pause
    expect((await h.engine.sweepSla()).overdue).toBe(0);

    h.clock.set('2026-04-06T04:30:00Z'); // Mon 6 April 09:30: the documents arrive
    await h.engine.correlate('documentsProvided', { trackingNumber });
    const resumed = await h.engine.instance(id);
    expect(resumed.slaPausedAt).toBeUndefined();
    expect(resumed.state).toBe('completed');
    // Restarted in full: receipt Mon 6 April not counted, 7–10 and 13 April → Mon 13 April 18:30.
    expect(resumed.dueAt).toBe('2026-04-13T13:30:00.000Z');
  });

  it('should grant an extension again on the term restarted when the documents arrive', async () => {
    // Given an application due Wed 1 April 18:30, extended by 3 calendar days (to Sat 4 → Mon 6 April, rule 4)
    const { id, trackingNumber } = await h.engine.start('sla_review');
    h.clock.set('2026-03-26T05:00:00Z');
    const extended = await h.engine.extendDeadline(id, { days: 3, by: 'supervisor', reason: 'records from another agency' });
    expect(extended.dueAt).toBe('2026-04-06T13:30:00.000Z');
    // When the official asks for documents and they come on Thu 2 April at 19:10 local (after closing: still that day's receipt, as at intake)
    h.clock.set('2026-03-27T05:00:00Z');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'official-1', outcome: 'request documents' });
    h.clock.set('2026-04-02T14:10:00Z');
    await h.engine.correlate('documentsProvided', { trackingNumber });
    // Then the term restarts in full: Thu 2 April not counted, 3 and 6–9 April → Thu 9 April;
    // the 3 days granted are granted again: Sun 12 April, not a working day → Mon 13 April 18:30.
    const resumed = await h.engine.instance(id);
    expect(resumed.slaPausedAt).toBeUndefined();
    expect(resumed.dueAt).toBe('2026-04-13T13:30:00.000Z');
  });

  it('should refuse at deploy an SLA on a calendar that does not exist', async () => {
    const bad = fixture(import.meta.url, 'SlaTracking.bpmn').replaceAll('calendar="agency"', 'calendar="moon"');
    const error = await h.engine.deploy(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).problems.map((p) => p.elementId).sort()).toEqual(['review', 'sla_review']);
  });

  it('should count on a calendar a coordinator edited, and keep every version', async () => {
    const agency = await h.engine.calendars.get('agency');
    // A one-off day off on Thursday 26 March pushes the back-office deadline by a working day.
    await h.engine.calendars.put('agency', { ...agency, oneOff: [...agency.oneOff, { date: '2026-03-26', name: 'Decree: day off' }] }, { by: 'coordinator', reason: 'government decree' });
    const { id } = await h.engine.start('sla_review');
    expect((await onlyTask(h.engine, id)).dueAt).toBe('2026-04-01T13:30:00.000Z');
    const versions = await h.engine.calendars.versions('agency');
    expect(versions.map((v) => [v.version, v.by, v.reason])).toEqual([[1, 'coordinator', 'government decree']]);
    expect((await h.engine.audit({ subject: 'calendar:agency' })).map((a) => a.action)).toEqual(['calendar.put']);
    await expect(h.engine.calendars.put('agency', { ...agency, zone: 'Mars/Olympus' }, { by: 'coordinator' })).rejects.toThrow(/zone/);
  });

  it('should extend the applicant deadline by calendar days, at most 15 in all, telling the applicant', async () => {
    const { id, dueAt } = await h.engine.start('sla_review');
    expect(dueAt).toBe('2026-04-01T13:30:00.000Z'); // Wed 1 April 18:30
    // +10 calendar days: Sat 11 April is not a working day → the close of Mon 13 April (rule 4).
    const extended = await h.engine.extendDeadline(id, { days: 10, by: 'official-1', reason: 'records missing' });
    expect(extended.dueAt).toBe('2026-04-13T13:30:00.000Z');
    await expect(h.engine.extendDeadline(id, { days: 6, by: 'official-1', reason: 'more' })).rejects.toThrow(/^days: an extension is at most 15 calendar days in all \(10 already granted\)/);
    const [told] = await h.engine.notifications(id);
    expect(told).toMatchObject({ messageName: 'deadlineExtended', payload: { dueAt: '2026-04-13T13:30:00.000Z', days: 10, reason: 'records missing' } });
    expect((await h.engine.audit({ subject: id })).filter((a) => a.action === 'deadline.extend').map((a) => a.actor)).toEqual(['official-1']);
  });
});
