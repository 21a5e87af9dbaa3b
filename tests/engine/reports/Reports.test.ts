import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../../support/harness.js';

const model = (id: string, service: string, agency: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:message id="m" name="documentsProvided" />
  <bpmn:process id="${id}" name="Service ${service}" isExecutable="true" ps:serviceCode="${service}" ps:agency="${agency}">
    <bpmn:extensionElements><ps:sla duration="3" unit="workingDays" calendar="agency" /></bpmn:extensionElements>
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
    <bpmn:userTask id="review" name="Review by the agency" ps:office="back" ps:candidateGroup="g" ps:assignment="claim">
      <bpmn:extensionElements><ps:sla duration="2" unit="workingDays" calendar="agency" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="docs" />
    <bpmn:receiveTask id="docs" name="Documents from the applicant" messageRef="m" ps:pausesSla="true" />
    <bpmn:sequenceFlow id="f3" sourceRef="docs" targetRef="hand_back" />
    <bpmn:userTask id="hand_back" name="Collect the result" ps:office="front" ps:returnsResult="true" />
    <bpmn:sequenceFlow id="f4" sourceRef="hand_back" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

describe('reports', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T04:00:00Z'); // Monday 13 April 2026, 09:00 in Almaty
    await h.engine.deploy(model('birth', 'BIRTH-REG', 'rags'));
    await h.engine.deploy(model('land', 'LAND-USE', 'land'));
  });
  afterEach(() => h.dispose());

  it('should compute SLA compliance by agency, service, channel and official from the audit trail', async () => {
    const started: { key: string; id: string }[] = [];
    for (const [key, channel] of [['birth', 'centre'], ['birth', 'agency'], ['land', 'centre'], ['land', 'portal']] as const) {
      started.push({ key, ...(await h.engine.start(key, { channel })) });
    }
    const review = async (i: number) => (await h.engine.tasks({ instanceId: started[i]!.id }))[0]!;
    await h.engine.completeTask((await review(0)).id, { by: 'ana' }); // on time
    h.clock.set('2026-04-16T14:00:00Z'); // past the reviews' D-1 deadline
    await h.engine.sweepSla();
    await h.engine.completeTask((await review(1)).id, { by: 'bek' }); // late
    await h.engine.completeTask((await review(2)).id, { by: 'ana' }); // late

    const byAgency = await h.engine.slaStats('agency');
    expect(byAgency).toEqual([
      { key: 'land', completed: 1, onTime: 0, late: 1, onTimeRate: 0, overdueOpen: 1, atRiskOpen: 0, applications: 2, ratings: 0, ratingAverage: null },
      { key: 'rags', completed: 2, onTime: 1, late: 1, onTimeRate: 0.5, overdueOpen: 0, atRiskOpen: 0, applications: 2, ratings: 0, ratingAverage: null },
    ]);
    expect((await h.engine.slaStats('channel')).map((r) => [r.key, r.applications])).toEqual([['agency', 1], ['centre', 2], ['portal', 1]]);
    expect((await h.engine.slaStats('official')).map((r) => [r.key, r.completed, r.late])).toEqual([['ana', 2, 1], ['bek', 1, 1]]);
    expect((await h.engine.slaStats('service')).map((r) => r.key)).toEqual(['BIRTH-REG', 'LAND-USE']);

    // Day by day (Almaty): four started on Monday 13th; on Thursday 16th three reviews turned
    // overdue at the sweep and two of them were completed late.
    const trend = await h.engine.slaTrend(4);
    expect(trend).toEqual([
      { date: '2026-04-13', started: 4, completed: 1, late: 0, turnedOverdue: 0 },
      { date: '2026-04-14', started: 0, completed: 0, late: 0, turnedOverdue: 0 },
      { date: '2026-04-15', started: 0, completed: 0, late: 0, turnedOverdue: 0 },
      { date: '2026-04-16', started: 0, completed: 2, late: 2, turnedOverdue: 3 },
    ]);
    expect((await h.engine.slaTrend(1, new Set(['rags'])))[0]).toMatchObject({ completed: 1, late: 1, turnedOverdue: 1 });
  });

  it('should tell the public page the status, next step and deadline, never a person', async () => {
    const { id, trackingNumber } = await h.engine.start('birth', { channel: 'centre' });
    const [task] = await h.engine.tasks({ instanceId: id });
    await h.engine.claimTask(task!.id, { by: 'ana' });
    const view = await h.engine.track(trackingNumber);
    expect(view).toEqual({
      trackingNumber,
      service: 'Service BIRTH-REG',
      serviceCode: 'BIRTH-REG',
      status: 'in progress',
      nextSteps: ['Review by the agency'],
      nextStepIds: ['review'],
      receivedAt: '2026-04-13T04:00:00.000Z',
      dueAt: '2026-04-16T13:30:00.000Z',
      overdue: false,
    });
    expect(JSON.stringify(view)).not.toContain('ana');
    await h.engine.completeTask(task!.id, { by: 'ana' });
    expect((await h.engine.track(trackingNumber)).status).toBe('waiting for your documents');
    await h.engine.correlate('documentsProvided', { trackingNumber });
    expect(await h.engine.track(trackingNumber)).toMatchObject({ status: 'ready for collection', nextSteps: ['Collect the result'] });
    await expect(h.engine.track('0000-0000-0000')).rejects.toThrow(/not found/);
  });

  it('should count per element the active tokens and the tasks at risk or overdue (the heatmap)', async () => {
    for (let i = 0; i < 3; i++) await h.engine.start('birth', { channel: 'centre' });
    const done = await h.engine.start('birth', { channel: 'centre' });
    await h.engine.completeTask((await h.engine.tasks({ instanceId: done.id }))[0]!.id, { by: 'ana' });
    expect(await h.engine.heatmap('birth')).toEqual([
      { elementId: 'docs', name: 'Documents from the applicant', active: 1, atRisk: 0, overdue: 0 },
      { elementId: 'review', name: 'Review by the agency', active: 3, atRisk: 0, overdue: 0 },
    ]);
    // D-1 deadline Tue 14 April 18:30; warning at 80 % of 16 open hours: Tue 15:18.
    h.clock.set('2026-04-14T11:00:00Z'); // Tuesday 16:00 in Almaty
    expect((await h.engine.heatmap('birth')).find((c) => c.elementId === 'review')).toEqual({ elementId: 'review', name: 'Review by the agency', active: 3, atRisk: 3, overdue: 0 });
    h.clock.set('2026-04-16T14:00:00Z');
    expect((await h.engine.heatmap('birth')).find((c) => c.elementId === 'review')).toMatchObject({ overdue: 3 });
    await expect(h.engine.heatmap('nope')).rejects.toThrow(/not found/);
  });
});
