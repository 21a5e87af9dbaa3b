import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, DefinitionError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

/**
 * Event-based gateway: entering it arms every catch that follows (message subscriptions, timer
 * jobs); the first to fire wins and the others are withdrawn in the same commit. Each case goes
 * through a restart on the same sqlite file while the gateway waits.
 */
describe('EventBasedGateway', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  async function atGateway() {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'EventBasedGateway.bpmn'));
    const { id, trackingNumber } = await h.engine.start('event_gateway');
    const view = await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk' });
    expect(view.tokens.map((t) => t.elementId)).toEqual(['documents_or_deadline']);
    return { id, trackingNumber };
  }

  it('should take the message path when the documents arrive first, and withdraw the deadline timer', async () => {
    const { id } = await atGateway();
    const engine = await h.restart();
    h.clock.advance('P3D');
    const documents = { broughtDocuments: ['income certificate'] };
    expect(await engine.correlate('documentsProvided', { instanceId: id, variables: documents })).toEqual({ instanceId: id, started: false, buffered: false });
    const view = await engine.instance(id);
    expect(view.tokens.map((t) => t.elementId)).toEqual(['review']);
    expect(view.variables).toMatchObject(documents);
    // The loser's timer job went in the same commit: no orphan fires when its day comes.
    h.clock.advance('P40D');
    expect((await engine.runDueJobs()).fired).toBe(0);
    expect((await engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['review']);
    // The other message subscription went too.
    await expect(engine.correlate('applicationWithdrawn', { instanceId: id })).rejects.toBeInstanceOf(ConflictError);
    await engine.completeTask((await onlyTask(engine, id)).id, { by: 'official' });
    expect(await path(engine, id)).toEqual(['start', 'request_documents', 'documents_or_deadline', 'documents_arrive', 'review', 'end_reviewed']);
    expect((await engine.instance(id)).state).toBe('completed');
  });

  it('should take the timer path when the deadline passes first, withdrawing both message subscriptions', async () => {
    const { id } = await atGateway();
    h.clock.advance('P29D');
    expect((await h.engine.runDueJobs()).fired).toBe(0);
    const engine = await h.restart();
    h.clock.advance('P1D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['refuse']);
    const late = await engine.correlate('documentsProvided', { instanceId: id }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(ConflictError);
    expect((late as Error).message).toContain(`not waiting for message 'documentsProvided'`);
    await expect(engine.correlate('applicationWithdrawn', { instanceId: id })).rejects.toBeInstanceOf(ConflictError);
    const timer = (await engine.history(id)).find((e) => e.event === 'timer');
    expect(timer).toMatchObject({ elementId: 'deadline_passes', at: '2026-04-01T04:00:00.000Z' });
    expect(await path(engine, id)).toEqual(['start', 'request_documents', 'documents_or_deadline', 'deadline_passes', 'refuse']);
  });

  it('should let a receive task after the gateway win, and cancel the timer with it', async () => {
    const { id } = await atGateway();
    const engine = await h.restart();
    await engine.correlate('applicationWithdrawn', { instanceId: id, variables: { withdrawnBy: 'applicant' } });
    const view = await engine.instance(id);
    expect(view.state).toBe('completed');
    expect(view.variables.withdrawnBy).toBe('applicant');
    expect(await path(engine, id)).toEqual(['start', 'request_documents', 'documents_or_deadline', 'await_withdrawal', 'end_withdrawn']);
    h.clock.advance('P31D');
    expect((await engine.runDueJobs()).fired).toBe(0);
  });

  it('should fire a catch at once on entry when its message was kept (published early with a ttl)', async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'EventBasedGateway.bpmn'));
    const { id } = await h.engine.start('event_gateway');
    // The documents came before the official asked for them: kept for 10 days.
    expect((await h.engine.correlate('documentsProvided', { instanceId: id, variables: { broughtDocuments: ['passport'] }, ttl: 'P10D', by: 'clerk' })).buffered).toBe(true);
    const engine = await h.restart();
    const view = await engine.completeTask((await onlyTask(engine, id)).id, { by: 'clerk' });
    expect(view.tokens.map((t) => t.elementId)).toEqual(['review']);
    expect(view.variables.broughtDocuments).toEqual(['passport']);
    h.clock.advance('P31D');
    expect((await engine.runDueJobs()).fired).toBe(0); // the deadline timer armed on entry was withdrawn at once
    const audit = await engine.audit({ subject: id });
    expect(audit.filter((a) => a.action.startsWith('message.')).map((a) => a.action)).toEqual(['message.keep', 'message.correlate']);
  });

  it('should let the earlier of two timers win and never fire the later one', async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'EventBasedGateway.bpmn'));
    const { id } = await h.engine.start('two_timers');
    const engine = await h.restart();
    h.clock.advance('P7D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['t_remind']);
    h.clock.advance('P30D');
    expect((await engine.runDueJobs()).fired).toBe(0);
    expect((await engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['t_remind']);
  });

  it('should withdraw every armed catch when the instance is cancelled at the gateway', async () => {
    const { id } = await atGateway();
    await h.engine.cancelInstance(id, { by: 'operator', reason: 'duplicate application' });
    h.clock.advance('P31D');
    expect((await h.engine.runDueJobs()).fired).toBe(0);
    await expect(h.engine.correlate('documentsProvided', { instanceId: id })).rejects.toBeInstanceOf(ConflictError);
  });

  it('should stop the term while a ps:pausesSla catch waits behind the gateway, and restart it whichever wins', async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'EventBasedGateway.bpmn'));
    const documents = await h.engine.start('gateway_sla');
    const deadline = await h.engine.start('gateway_sla');
    for (const { id } of [documents, deadline]) expect((await h.engine.instance(id)).slaPausedAt).toBe('2026-03-02T04:00:00.000Z');
    const engine = await h.restart();
    h.clock.advance('P3D');
    await engine.correlate('documentsProvided', { instanceId: documents.id });
    const resumed = await engine.instance(documents.id);
    expect(resumed.slaPausedAt).toBeUndefined();
    expect(resumed.tokens.map((t) => t.elementId)).toEqual(['s_review']);
    h.clock.advance('P27D');
    expect((await engine.runDueJobs()).fired).toBe(1); // only the second instance's deadline: the first one's was withdrawn
    const lapsed = await engine.instance(deadline.id);
    expect(lapsed.slaPausedAt).toBeUndefined();
    expect(lapsed.tokens.map((t) => t.elementId)).toEqual(['s_review']);
  });

  describe('deploy checks', () => {
    const model = (body: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:message id="m1" name="one" /><bpmn:message id="m2" name="two" />
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="fs" sourceRef="s" targetRef="gw" />
    <bpmn:eventBasedGateway id="gw" />
    ${body}
    <bpmn:endEvent id="e" />
  </bpmn:process>${extra}
</bpmn:definitions>`;
    const catchOf = (id: string, message: string) => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:messageEventDefinition messageRef="${message}" /></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="${id}_out" sourceRef="${id}" targetRef="e" />`;
    const timerOf = (id: string) => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="${id}_out" sourceRef="${id}" targetRef="e" />`;

    async function problems(xml: string): Promise<{ elementId: string; message: string }[]> {
      const error = await h.engine.deploy(xml).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DefinitionError);
      return [...(error as DefinitionError).problems];
    }

    it('should refuse a gateway followed by something other than a catch or receive task, naming it', async () => {
      h = await openHarness();
      const found = await problems(model(`<bpmn:sequenceFlow id="a" sourceRef="gw" targetRef="c1" /><bpmn:sequenceFlow id="b" sourceRef="gw" targetRef="task" />${catchOf('c1', 'm1')}<bpmn:userTask id="task" /><bpmn:sequenceFlow id="task_out" sourceRef="task" targetRef="e" />`));
      expect(found).toContainEqual({ elementId: 'task', message: 'userTask task follows event-based gateway gw: only message, timer or signal intermediate catch events and receive tasks may follow it' });
    });

    it('should refuse fewer than two outgoing flows, conditions on its flows, and a catch with other incoming flows', async () => {
      h = await openHarness();
      expect(await problems(model(`<bpmn:sequenceFlow id="a" sourceRef="gw" targetRef="c1" />${catchOf('c1', 'm1')}`))).toContainEqual({
        elementId: 'gw',
        message: 'event-based gateway gw needs at least two outgoing flows (found 1): it waits for the first of several events',
      });
      const conditioned = await problems(model(`<bpmn:sequenceFlow id="a" sourceRef="gw" targetRef="c1"><bpmn:conditionExpression>=x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="b" sourceRef="gw" targetRef="t1" />${catchOf('c1', 'm1')}${timerOf('t1')}`));
      expect(conditioned.map((p) => p.elementId)).toEqual(['a']);
      expect(conditioned[0]!.message).toContain('leaves event-based gateway gw and cannot carry a condition');
      const shared = await problems(
        model(`<bpmn:sequenceFlow id="a" sourceRef="gw" targetRef="c1" /><bpmn:sequenceFlow id="b" sourceRef="gw" targetRef="t1" />${catchOf('c1', 'm1')}${timerOf('t1')}<bpmn:startEvent id="s2" /><bpmn:sequenceFlow id="other" sourceRef="s2" targetRef="c1" />`),
      );
      expect(shared).toContainEqual({ elementId: 'c1', message: 'intermediateCatchEvent c1 follows event-based gateway gw and has other incoming flows (other): a catch after the gateway is entered only from it' });
    });

    it('should refuse two catches of the same message after one gateway', async () => {
      h = await openHarness();
      const found = await problems(model(`<bpmn:sequenceFlow id="a" sourceRef="gw" targetRef="c1" /><bpmn:sequenceFlow id="b" sourceRef="gw" targetRef="c2" />${catchOf('c1', 'm1')}${catchOf('c2', 'm1')}`));
      expect(found).toContainEqual({ elementId: 'c2', message: `c1 and c2 after event-based gateway gw both wait for message 'one': which one wins would be a guess` });
    });
  });
});
