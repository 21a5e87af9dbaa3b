import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelClosedError, InvalidArgumentError } from '../../../engine/index.js';
import { openHarness, type Harness } from '../../support/harness.js';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="land_use" isExecutable="true" ps:serviceCode="LAND-USE" ps:agency="land">
    <bpmn:startEvent id="at_centre" ps:channel="centre" />
    <bpmn:startEvent id="at_agency" ps:channel="agency" />
    <bpmn:startEvent id="on_portal" ps:channel="portal" />
    <bpmn:sequenceFlow id="f1" sourceRef="at_centre" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="at_agency" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="on_portal" targetRef="review" />
    <bpmn:userTask id="review" />
    <bpmn:sequenceFlow id="f4" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('RoutingPolicy', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(xml);
  });
  afterEach(() => h.dispose());

  it('should accept every channel under alternative access, the default', async () => {
    expect((await h.engine.routing.modeAt('LAND-USE', h.clock.now())).mode).toBe('alternative');
    const { id } = await h.engine.start('land_use', { channel: 'agency' });
    expect((await h.engine.instance(id)).channel).toBe('agency');
  });

  it('should refuse the agency channel under single access, naming the service and channel, and accept the others', async () => {
    await h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'anti-corruption programme', by: 'coordinator' });
    const error = await h.engine.start('land_use', { channel: 'agency' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelClosedError);
    expect(error).toMatchObject({ serviceCode: 'LAND-USE', channel: 'agency', decision: { reason: 'anti-corruption programme' } });
    expect((error as Error).message).toMatch(/single access since .*: anti-corruption programme/);
    expect((await h.engine.start('land_use', { channel: 'centre' })).state).toBe('active');
    expect((await h.engine.start('land_use', { channel: 'portal' })).state).toBe('active');
  });

  it('should switch from effectiveFrom on, leaving applications in flight on their course, and keep the history', async () => {
    const inFlight = await h.engine.start('land_use', { channel: 'agency' });
    await h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'from Monday', by: 'coordinator', effectiveFrom: '2026-03-09T00:00:00Z' });
    expect((await h.engine.start('land_use', { channel: 'agency' })).state).toBe('active'); // not yet in force
    h.clock.set('2026-03-09T00:00:00Z');
    await expect(h.engine.start('land_use', { channel: 'agency' })).rejects.toBeInstanceOf(ChannelClosedError);
    expect((await h.engine.instance(inFlight.id)).state).toBe('active');
    await h.engine.routing.set('LAND-USE', { mode: 'alternative', reason: 'pilot ended', by: 'coordinator-2' });
    expect((await h.engine.start('land_use', { channel: 'agency' })).state).toBe('active');
    const history = await h.engine.routing.history('LAND-USE');
    expect(history.map((d) => [d.mode, d.by, d.reason])).toEqual([
      ['single', 'coordinator', 'from Monday'],
      ['alternative', 'coordinator-2', 'pilot ended'],
    ]);
    expect((await h.engine.audit({ subject: 'routing:LAND-USE' })).map((a) => a.action)).toEqual(['routing.switch', 'routing.switch']);
  });

  it('should keep single access in force until a scheduled switch back takes effect, and audit what was decided', async () => {
    // Given single access from now, and a switch back to alternative decided for Monday 16 March
    await h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'anti-corruption programme', by: 'coordinator' });
    const back = await h.engine.routing.set('LAND-USE', { mode: 'alternative', reason: '  pilot ends  ', by: 'coordinator', effectiveFrom: '2026-03-16T00:00:00Z' });
    expect(back).toMatchObject({ serviceCode: 'LAND-USE', mode: 'alternative', reason: 'pilot ends', effectiveFrom: '2026-03-16T00:00:00.000Z', version: 2 });

    // When the agency's desk takes an application before Monday, then the decision in force refuses it
    const error = await h.engine.start('land_use', { channel: 'agency' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ serviceCode: 'LAND-USE', decision: { reason: 'anti-corruption programme' } });
    expect(await h.engine.routing.modeAt('LAND-USE', new Date('2026-03-15T23:59:59.999Z'))).toMatchObject({ mode: 'single', decision: { version: 1 } });
    // …and from Monday on the switch back opens it
    expect(await h.engine.routing.modeAt('LAND-USE', new Date('2026-03-16T00:00:00Z'))).toMatchObject({ mode: 'alternative', decision: { version: 2 } });
    h.clock.set('2026-03-16T00:00:00Z');
    expect((await h.engine.start('land_use', { channel: 'agency' })).state).toBe('active');

    // The auditor reads the mode, the moment and the reason of each switch
    const entries = await h.engine.audit({ subject: 'routing:LAND-USE' });
    expect(entries).toMatchObject([
      { actor: 'coordinator', data: { mode: 'single', effectiveFrom: '2026-03-02T04:00:00.000Z', reason: 'anti-corruption programme', region: null, version: 1 } },
      { actor: 'coordinator', data: { mode: 'alternative', effectiveFrom: '2026-03-16T00:00:00.000Z', reason: expect.stringContaining('pilot ends'), region: null, version: 2 } },
    ]);
    expect((await h.engine.routing.list()).map((d) => [d.serviceCode, d.mode, d.version])).toEqual([['LAND-USE', 'alternative', 2]]);
  });

  it('should refuse a switch without a coordinator, with an instant that is not one, or for a malformed service code, naming the field', async () => {
    const fieldOf = (promise: Promise<unknown>) => promise.then(() => 'no error', (e: unknown) => (e instanceof InvalidArgumentError ? e.field : String(e)));
    expect(await fieldOf(h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'x', by: ' ' }))).toBe('by');
    expect(await fieldOf(h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'x', by: 'c', effectiveFrom: 'next Monday' }))).toBe('effectiveFrom');
    for (const code of ['', 'LAND USE', 'x'.repeat(65), 'LAND/USE']) expect(await fieldOf(h.engine.routing.set(code, { mode: 'single', reason: 'x', by: 'c' })), code).toBe('serviceCode');
    expect(await h.engine.routing.history('LAND-USE')).toEqual([]);
  });

  it('should let a region decide for itself', async () => {
    await h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'nationwide', by: 'coordinator' });
    await h.engine.routing.set('LAND-USE', { mode: 'alternative', reason: 'remote district', by: 'coordinator', region: 'ulytau' });
    expect((await h.engine.start('land_use', { channel: 'agency', region: 'ulytau' })).state).toBe('active');
    await expect(h.engine.start('land_use', { channel: 'agency', region: 'almaty' })).rejects.toBeInstanceOf(ChannelClosedError);
  });

  it('should refuse a switch without a reason or with an unknown mode', async () => {
    await expect(h.engine.routing.set('LAND-USE', { mode: 'single', reason: ' ', by: 'c' })).rejects.toThrow(InvalidArgumentError);
    await expect(h.engine.routing.set('LAND-USE', { mode: 'closed' as 'single', reason: 'x', by: 'c' })).rejects.toThrow(/^mode:/);
  });

  it('should follow the schedule of switches: an earlier-effective decision made later does not cancel one scheduled after it', async () => {
    const day = (d: number) => new Date(Date.UTC(2031, 0, d, 6)).toISOString();
    await h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'programme', by: 'coordinator', effectiveFrom: day(10) });
    await h.engine.routing.set('LAND-USE', { mode: 'alternative', reason: 'desk reopened meanwhile', by: 'coordinator', effectiveFrom: day(5) });
    expect((await h.engine.routing.modeAt('LAND-USE', new Date(day(6)))).mode).toBe('alternative');
    expect((await h.engine.routing.modeAt('LAND-USE', new Date(day(12)))).mode).toBe('single');
    // The same answer with a third decision scheduled later (the two paths used to disagree)
    await h.engine.routing.set('LAND-USE', { mode: 'alternative', reason: 'next year', by: 'coordinator', effectiveFrom: day(30) });
    expect((await h.engine.routing.modeAt('LAND-USE', new Date(day(12)))).mode).toBe('single');
  });
});
