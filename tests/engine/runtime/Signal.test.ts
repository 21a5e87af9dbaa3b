import { afterEach, describe, expect, it } from 'vitest';
import { DefinitionError, InvalidArgumentError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

/**
 * Signals: a broadcast (engine.signal, or a signal throw event after its step's commit) reaches
 * every waiting signal catch, signal boundary and signal start, across instances and deployed
 * definitions. Each case waits through a restart on the same sqlite file.
 */
describe('Signal', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  async function deployed() {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'Signal.bpmn'));
    return h.engine;
  }

  const elements = async (id: string) => (await h.engine.instance(id)).tokens.map((t) => t.elementId);

  it('should reach the signal catch of every waiting instance, with its variables, and not one that waits only later', async () => {
    const engine = await deployed();
    const first = await engine.start('signal_catch');
    const second = await engine.start('signal_catch');
    const other = await engine.start('signal_boundary'); // waits for other signals
    expect(await elements(first.id)).toEqual(['registry_back']);
    const restarted = await h.restart();
    const result = await restarted.signal('registryRestored', { variables: { registryBackAt: '2026-03-02T09:00:00Z' }, by: 'operator' });
    expect(result.signalName).toBe('registryRestored');
    expect([...result.reached].sort((a, b) => a.instanceId.localeCompare(b.instanceId))).toEqual(
      [first.id, second.id].sort().map((instanceId) => ({ instanceId, elements: ['registry_back'] })),
    );
    expect(result.started).toEqual([]);
    for (const { id } of [first, second]) {
      const view = await restarted.instance(id);
      expect(view.tokens.map((t) => t.elementId)).toEqual(['check']);
      expect(view.variables.registryBackAt).toBe('2026-03-02T09:00:00Z');
      expect(await path(restarted, id)).toEqual(['start', 'registry_back', 'check']);
    }
    expect(await elements(other.id)).toEqual(['review']);
    // A signal is not kept: an instance that starts waiting afterwards is not reached by it.
    const late = await restarted.start('signal_catch');
    expect(await elements(late.id)).toEqual(['registry_back']);
    expect((await restarted.signal('registryRestored')).reached.map((r) => r.instanceId)).toEqual([late.id]);
    // Audited: one broadcast by its sender, one catch on each instance reached.
    const audit = await restarted.audit();
    const broadcast = audit.find((a) => a.action === 'signal.broadcast' && a.actor === 'operator');
    expect(broadcast?.data).toMatchObject({ signalName: 'registryRestored', variables: ['registryBackAt'] });
    expect((await restarted.audit({ subject: first.id })).filter((a) => a.action === 'signal.catch').map((a) => a.data)).toEqual([{ signalName: 'registryRestored', elements: ['registry_back'] }]);
  });

  it('should interrupt an activity through an interrupting signal boundary, cancelling its task', async () => {
    const engine = await deployed();
    const { id } = await engine.start('signal_boundary');
    const restarted = await h.restart();
    const result = await restarted.signal('serviceSuspended', { by: 'admin' });
    expect(result.reached).toEqual([{ instanceId: id, elements: ['suspended'] }]);
    const view = await restarted.instance(id);
    expect(view.state).toBe('completed');
    expect(await restarted.tasks({ instanceId: id })).toEqual([]);
    expect(await path(restarted, id)).toEqual(['b_start', 'review', 'suspended', 'b_suspended']);
    // Nothing waits for it any more.
    expect((await restarted.signal('serviceSuspended')).reached).toEqual([]);
  });

  it('should fire a non-interrupting signal boundary each time, leaving the activity running', async () => {
    const engine = await deployed();
    const { id } = await engine.start('signal_boundary');
    const restarted = await h.restart();
    expect((await restarted.signal('rulesChanged')).reached).toEqual([{ instanceId: id, elements: ['rules_changed'] }]);
    await h.restart(); // the boundary stays armed across a restart
    expect((await h.engine.signal('rulesChanged')).reached).toEqual([{ instanceId: id, elements: ['rules_changed'] }]);
    const tasks = await h.engine.tasks({ instanceId: id });
    expect(tasks.map((t) => t.elementId).sort()).toEqual(['recheck', 'recheck', 'review']);
    await h.engine.completeTask(tasks.find((t) => t.elementId === 'review')!.id, { by: 'official' });
    // The review is done: its boundary is disarmed, the re-checks go on.
    expect((await h.engine.signal('rulesChanged')).reached).toEqual([]);
    expect((await elements(id)).sort()).toEqual(['recheck', 'recheck']);
  });

  it('should start the latest version of each process with a signal start event', async () => {
    h = await openHarness();
    const model = fixture(import.meta.url, 'SignalStart.bpmn');
    await h.engine.deploy(model.replace('VERSION', 'Review the forms (v1)'));
    await h.engine.deploy(model.replace('VERSION', 'Review the forms (v2)'));
    const engine = await h.restart();
    const result = await engine.signal('rulesChanged', { variables: { decree: 'No. 12' }, by: 'admin' });
    expect(result.reached).toEqual([]);
    expect(result.started).toEqual([{ instanceId: expect.any(String), key: 'rules_review' }]);
    const started = await engine.instance(result.started[0]!.instanceId);
    expect(started.definitionId).toBe('rules_review:2');
    expect(started.variables).toEqual({ decree: 'No. 12' });
    expect((await onlyTask(engine, started.id)).name).toBe('Review the forms (v2)');
    const start = (await engine.audit({ subject: started.id })).find((a) => a.action === 'instance.start');
    expect(start).toMatchObject({ actor: 'admin', data: { signalName: 'rulesChanged', key: 'rules_review' } });
  });

  it('should broadcast a thrown signal (intermediate throw and end event) after the thrower commits, to the other instances', async () => {
    const engine = await deployed();
    await engine.deploy(fixture(import.meta.url, 'SignalStart.bpmn').replace('VERSION', 'Review the forms'));
    const waiting = await engine.start('signal_catch');
    const reviewed = await engine.start('signal_boundary');
    const restarted = await h.restart();
    const thrower = await restarted.start('signal_throw');
    expect((await restarted.instance(thrower.id)).state).toBe('completed');
    // registryRestored reached the catch; rulesChanged the non-interrupting boundary and the signal start.
    expect(await elements(waiting.id)).toEqual(['check']);
    expect((await elements(reviewed.id)).sort()).toEqual(['recheck', 'review']);
    expect((await restarted.listInstances({ key: 'rules_review' })).items.length).toBe(1);
    // The throws' jobs went with their broadcasts: nothing is left for the job executor.
    expect((await restarted.runDueJobs()).fired).toBe(0);
    const broadcasts = (await restarted.audit()).filter((a) => a.action === 'signal.broadcast');
    expect(broadcasts.map((a) => [a.actor, a.data?.signalName, a.data?.thrownBy])).toEqual([
      [`instance:${thrower.id}`, 'registryRestored', { elementId: 'announce', instanceId: thrower.id }],
      [`instance:${thrower.id}`, 'rulesChanged', { elementId: 't_end', instanceId: thrower.id }],
    ]);
  });

  it('should let a signal catch after an event-based gateway win, withdrawing the timer', async () => {
    const engine = await deployed();
    const { id } = await engine.start('signal_or_timer');
    expect(await elements(id)).toEqual(['g_gateway']);
    const restarted = await h.restart();
    expect((await restarted.signal('registryRestored')).reached).toEqual([{ instanceId: id, elements: ['g_registry'] }]);
    expect(await path(restarted, id)).toEqual(['g_start', 'g_gateway', 'g_registry', 'g_check']);
    h.clock.advance('P6D');
    expect((await restarted.runDueJobs()).fired).toBe(0);
    expect(await elements(id)).toEqual(['g_check']);
  });

  it('should broadcast a signal thrown after a service-task handler within the command that ran the handler', async () => {
    h = await openHarness({ handlers: { pingRegistry: async () => ({ registryUp: true }) } });
    await h.engine.deploy(fixture(import.meta.url, 'Signal.bpmn'));
    await h.engine.deploy(fixture(import.meta.url, 'SignalFromHandler.bpmn'));
    const waiting = await h.engine.start('signal_catch');
    const engine = await h.restart();
    const watchdog = await engine.start('registry_watchdog');
    expect(watchdog.state).toBe('completed');
    expect(await elements(waiting.id)).toEqual(['check']);
    expect((await engine.runDueJobs()).fired).toBe(0);
  });

  it('should refuse a blank signal name and a signal event naming no signal', async () => {
    const engine = await deployed();
    for (const name of ['', '  ']) await expect(engine.signal(name)).rejects.toBeInstanceOf(InvalidArgumentError);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:signal id="nameless" />
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="a" sourceRef="s" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="nameless" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="b" sourceRef="wait" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const error = await engine.deploy(xml).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).problems).toContainEqual({ elementId: 'wait', message: 'signal event wait names no signal (signalRef to a bpmn:signal with a name)' });
  });
});
