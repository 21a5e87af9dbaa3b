import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../../support/harness.js';

/** A review with a two-working-day SLA, then the hand-back where the applicant rates the service. */
const model = (id: string, service: string, agency: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="${id}" name="Service ${service}" isExecutable="true" ps:serviceCode="${service}" ps:agency="${agency}">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
    <bpmn:userTask id="review" name="Review by the agency" ps:office="back" ps:candidateGroup="g" ps:assignment="claim">
      <bpmn:extensionElements><ps:sla duration="2" unit="workingDays" calendar="agency" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="hand_back" />
    <bpmn:userTask id="hand_back" name="Hand back the result" ps:office="front" ps:returnsResult="true" />
    <bpmn:sequenceFlow id="f3" sourceRef="hand_back" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

describe('SLA statistics that count open overdue work, filter and carry the ratings', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T04:00:00Z'); // Monday 09:00 in Almaty
    await h.engine.deploy(model('birth', 'BIRTH-REG', 'rags'));
    await h.engine.deploy(model('land', 'LAND-USE', 'land'));
  });
  afterEach(() => h.dispose());

  const reviewOf = async (id: string) => (await h.engine.tasks({ instanceId: id })).find((t) => t.elementId === 'review')!;

  it('should count an open task past its deadline as late, before the sweep flags it and before anyone completes it', async () => {
    const done = await h.engine.start('birth', { channel: 'centre', centre: 'astana-1' });
    await h.engine.completeTask((await reviewOf(done.id)).id, { by: 'ana' }); // on time
    for (let i = 0; i < 4; i++) await h.engine.start('birth', { channel: 'centre', centre: 'astana-1' });
    h.clock.set('2026-04-20T04:00:00Z'); // a week later: the four open reviews are past their deadline; no sweep ran

    const [rags] = await h.engine.slaStats('agency');
    expect(rags).toMatchObject({ key: 'rags', completed: 1, onTime: 1, late: 0, overdueOpen: 4, applications: 5 });
    expect(rags!.onTimeRate).toBeCloseTo(1 / 5);
    await h.engine.sweepSla(); // the flags agree with the deadline: still one in five
    expect((await h.engine.slaStats('agency'))[0]!.onTimeRate).toBeCloseTo(1 / 5);
  });

  it('should keep only the applications of the centre, agency, service, channel and period asked for', async () => {
    await h.engine.start('birth', { channel: 'centre', centre: 'astana-1' });
    await h.engine.start('land', { channel: 'centre', centre: 'almaty-1' });
    h.clock.set('2026-04-14T04:00:00Z');
    await h.engine.start('land', { channel: 'portal' });

    const apps = async (by: Parameters<typeof h.engine.slaStats>[0], filter: Parameters<typeof h.engine.slaStats>[1]) =>
      (await h.engine.slaStats(by, filter)).map((r) => [r.key, r.applications]);
    expect(await apps('centre', {})).toEqual([['almaty-1', 1], ['astana-1', 1], ['none', 1]]);
    expect(await apps('service', { centre: 'almaty-1' })).toEqual([['LAND-USE', 1]]);
    expect(await apps('channel', { agency: 'land' })).toEqual([['centre', 1], ['portal', 1]]);
    expect(await apps('agency', { service: 'BIRTH-REG' })).toEqual([['rags', 1]]);
    expect(await apps('agency', { channel: 'portal' })).toEqual([['land', 1]]);
    expect(await apps('agency', { from: '2026-04-14T00:00:00Z' })).toEqual([['land', 1]]);
    expect(await apps('agency', { to: '2026-04-14T00:00:00Z' })).toEqual([['land', 1], ['rags', 1]]);
    expect(await h.engine.statApplications({ centre: 'astana-1' })).toHaveLength(1);
  });

  it('should average the applicants\' hand-back ratings by centre, service and the clerk who handed back', async () => {
    const rated: [string, 'astana-1' | 'almaty-1', string, number][] = [
      ['birth', 'astana-1', 'clerk', 5],
      ['birth', 'astana-1', 'clerk', 3],
      ['land', 'almaty-1', 'clerk-almaty', 2],
    ];
    for (const [key, centre, clerk, rating] of rated) {
      const { id } = await h.engine.start(key, { channel: 'centre', centre });
      await h.engine.completeTask((await reviewOf(id)).id, { by: 'ana' });
      const handBack = (await h.engine.tasks({ instanceId: id })).find((t) => t.elementId === 'hand_back')!;
      await h.engine.completeTask(handBack.id, { by: clerk, variables: { rating } });
    }
    const ratings = async (by: Parameters<typeof h.engine.slaStats>[0]) => (await h.engine.slaStats(by)).map((r) => [r.key, r.ratings, r.ratingAverage]);
    expect(await ratings('centre')).toEqual([['almaty-1', 1, 2], ['astana-1', 2, 4]]);
    expect(await ratings('service')).toEqual([['BIRTH-REG', 2, 4], ['LAND-USE', 1, 2]]);
    // By official: the clerks who handed back carry the ratings; the reviewer none.
    expect(await ratings('official')).toEqual([['ana', 0, null], ['clerk', 2, 4], ['clerk-almaty', 1, 2]]);
  });

  it('should list the applications behind a heatmap cell, overdue first', async () => {
    const early = await h.engine.start('birth', { channel: 'centre', centre: 'astana-1' });
    h.clock.set('2026-04-17T04:00:00Z'); // Friday: the first review is past its deadline (Wednesday), the second not
    const late = await h.engine.start('birth', { channel: 'centre', centre: 'astana-1' });
    const behind = await h.engine.heatmapInstances('birth', 'review');
    expect(behind.map((b) => [b.trackingNumber, b.state])).toEqual([
      [early.trackingNumber, 'overdue'],
      [late.trackingNumber, 'active'],
    ]);
    expect((await h.engine.heatmap('birth')).find((c) => c.elementId === 'review')).toMatchObject({ active: 2, overdue: 1 });
  });
});
