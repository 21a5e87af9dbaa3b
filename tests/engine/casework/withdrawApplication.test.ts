import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, type Harness } from '../../support/harness.js';

const model = () => fixture(new URL('../sla/SlaTracking.test.ts', import.meta.url).href, 'SlaTracking.bpmn');

describe('withdrawApplication', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-03-20T05:00:00Z');
    await h.engine.deploy(model());
  });
  afterEach(() => h.dispose());

  it('should end the case as withdrawn: tasks cancelled, history and audit with the reason', async () => {
    const { id } = await h.engine.start('sla_review', { channel: 'centre' });
    const task = await onlyTask(h.engine, id);
    const ended = await h.engine.withdrawApplication(id, { by: 'clerk-1', reason: 'the applicant no longer needs the certificate' });
    expect(ended).toMatchObject({ state: 'terminated', variables: { decision: 'withdrawn', withdrawalReason: 'the applicant no longer needs the certificate' } });
    expect((await h.engine.task(task.id)).state).toBe('cancelled');
    expect(await h.engine.tasks({ instanceId: id })).toEqual([]);
    const history = await h.engine.history(id);
    expect(history.filter((e) => e.event === 'withdrawal')).toMatchObject([{ data: { by: 'clerk-1', reason: 'the applicant no longer needs the certificate' } }]);
    const audit = (await h.engine.audit({ subject: id })).filter((a) => a.action === 'application.withdraw');
    expect(audit).toMatchObject([{ actor: 'clerk-1', data: { reason: 'the applicant no longer needs the certificate', elements: ['review'] } }]);
  });

  it('should tell the applicant once, in the commit of the withdrawal, with nothing of the reason', async () => {
    const { id, trackingNumber } = await h.engine.start('sla_review', { channel: 'centre', applicant: { name: 'A', iin: '900101300123', phone: '+77011234567', language: 'kk' } });
    await h.engine.withdrawApplication(id, { by: 'clerk-1', reason: 'a private matter' });
    const notices = (await h.engine.notifications(id)).filter((n) => n.kind === 'withdrawn');
    expect(notices).toMatchObject([{ trackingNumber, messageName: 'withdrawn', elementId: 'sla_review', payload: {} }]);
    expect(await h.engine.outbox.getDelivery(notices[0]!.id)).toMatchObject({ state: 'pending', attempts: 0 });
    // a second withdrawal is refused, and tells nobody
    await h.engine.withdrawApplication(id, { by: 'clerk-1', reason: 'twice' }).catch(() => undefined);
    expect((await h.engine.notifications(id)).filter((n) => n.kind === 'withdrawn')).toHaveLength(1);
  });

  it('should delete the timers of a withdrawn case waiting for documents', async () => {
    const { id } = await h.engine.start('sla_review', { channel: 'centre' });
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'official-1', outcome: 'request documents' });
    await h.engine.withdrawApplication(id, { by: 'supervisor', reason: 'withdrawn by letter' });
    h.clock.advance('P40D');
    expect((await h.engine.runDueJobs()).fired).toBe(0);
    expect((await h.engine.instance(id)).state).toBe('terminated');
  });

  it('should refuse to withdraw an ended case, and a withdrawal without a reason', async () => {
    const { id } = await h.engine.start('sla_review', { channel: 'centre' });
    await expect(h.engine.withdrawApplication(id, { by: 'clerk-1', reason: '  ' })).rejects.toThrow(/reason/);
    await h.engine.withdrawApplication(id, { by: 'clerk-1', reason: 'changed mind' });
    const again = await h.engine.withdrawApplication(id, { by: 'clerk-1', reason: 'twice' }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toMatch(/already ended \(withdrawn\)/);
  });
});
