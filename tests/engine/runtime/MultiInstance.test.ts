import { afterEach, describe, expect, it } from 'vitest';
import { BpmnError, DefinitionError, InvalidArgumentError, type Engine, type Token } from '../../../engine/index.js';
import { fixture, openHarness, path, type Harness } from '../../support/harness.js';

/** Open tasks of an instance keyed by their inner instance's loop counter. */
async function tasksByCounter(engine: Engine, instanceId: string) {
  const tasks = await engine.tasks({ instanceId });
  const tokens = (await engine.instance(instanceId)).tokens;
  return new Map(tasks.map((t) => [Number(tokens.find((k: Token) => k.id === t.tokenId)?.locals?.loopCounter), t]));
}

/** Items the registry was asked for, in the order asked. */
const calls: string[] = [];
const handlers = {
  registryLookup: ({ variables }: { variables: Readonly<Record<string, unknown>> }) => {
    calls.push(String(variables.iin));
    if (variables.iin === 'unknown') throw new BpmnError('NOT_IN_REGISTRY', 'no such person');
    if (variables.iin === '2' && variables.registryDown) throw new Error('registry timed out');
    return { person: { iin: variables.iin, name: `person ${String(variables.iin)}` } };
  },
  objection: ({ variables }: { variables: Readonly<Record<string, unknown>> }) => ({ opinion: `${String(variables.department)} objects` }),
  consent: ({ variables }: { variables: Readonly<Record<string, unknown>> }) => ({ opinion: `${String(variables.department)} consents` }),
};

describe('MultiInstance', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  const officials = { land: ['ana', 'bek'], arch: ['dana', 'erlan'], env: ['zhan', 'saule'] };

  it('should give each agency its own approval, drawn in its own group, and gather the decisions in the collection order', async () => {
    h = await openHarness({ handlers });
    for (const [agency, ids] of Object.entries(officials)) {
      for (const id of ids) await h.engine.directory.putUser({ id, name: id, roles: ['official'], groups: [`${agency}-officials`], agency: 'akimat' });
    }
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_parallel', { variables: { agencies: ['land', 'arch', 'env'] } });

    const byCounter = await tasksByCounter(h.engine, id);
    expect([...byCounter.keys()].sort()).toEqual([1, 2, 3]);
    expect([1, 2, 3].map((n) => byCounter.get(n)!.candidateGroup)).toEqual(['land-officials', 'arch-officials', 'env-officials']);
    for (const [n, agency] of [[1, 'land'], [2, 'arch'], [3, 'env']] as const) {
      const task = byCounter.get(n)!;
      expect(officials[agency]).toContain(task.assignee); // random, within that agency's group
      const [draw] = (await h.engine.audit({ subject: task.id })).filter((a) => a.action === 'task.assign');
      expect(draw!.data).toMatchObject({ strategy: 'random', group: `${agency}-officials`, poolSize: 2 });
    }

    const engine = await h.restart();
    // Completed in another order than the collection's: env, land, arch.
    await engine.completeTask(byCounter.get(3)!.id, { by: byCounter.get(3)!.assignee!, variables: { decision: 'env: no objection' } });
    const midway = await engine.instance(id);
    expect(midway.variables).toEqual({ agencies: ['land', 'arch', 'env'] }); // the decision stays in its inner instance
    await engine.completeTask(byCounter.get(1)!.id, { by: byCounter.get(1)!.assignee!, variables: { decision: 'land: approved' } });
    const view = await engine.completeTask(byCounter.get(2)!.id, { by: byCounter.get(2)!.assignee!, variables: { decision: 'arch: approved with conditions' } });

    expect(view.state).toBe('completed');
    expect(view.variables).toEqual({ agencies: ['land', 'arch', 'env'], decisions: ['land: approved', 'arch: approved with conditions', 'env: no objection'] });
    expect(await path(engine, id)).toEqual(['p_start', 'approve', 'approve', 'approve', 'approve', 'p_end']);
  });

  it('should run a sequential activity one instance at a time in order, across restarts', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_sequential', { variables: { signers: ['aigerim', 'bolat', 'chingiz'] } });
    let engine = h.engine;
    for (const [n, signer, note] of [[1, 'aigerim', 'ok'], [2, 'bolat', 'seen'], [3, 'chingiz', 'fine']] as const) {
      const open = await engine.tasks({ instanceId: id });
      expect(open).toHaveLength(1);
      const token = (await engine.instance(id)).tokens.find((t) => t.id === open[0]!.tokenId)!;
      expect(token.locals).toEqual({ loopCounter: n, signer });
      engine = await h.restart();
      await engine.completeTask(open[0]!.id, { by: signer, variables: { note } });
    }
    const view = await engine.instance(id);
    expect(view.state).toBe('completed');
    expect(view.variables).toEqual({ signers: ['aigerim', 'bolat', 'chingiz'], signatures: ['aigerim:1:ok', 'bolat:2:seen', 'chingiz:3:fine'] });
  });

  it('should run a cardinality and cancel the remaining instance once the completion condition holds', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_quorum');
    const byCounter = await tasksByCounter(h.engine, id);
    expect([...byCounter.keys()].sort()).toEqual([1, 2, 3]);
    await h.engine.completeTask(byCounter.get(3)!.id, { by: 'r3', variables: { vote: 'no' } });
    const engine = await h.restart();
    expect((await engine.instance(id)).state).toBe('active');
    const view = await engine.completeTask(byCounter.get(1)!.id, { by: 'r1', variables: { vote: 'yes' } });

    expect(view.state).toBe('completed');
    expect(view.variables).toEqual({ votes: ['yes', null, 'no'] }); // the cancelled one contributes nothing
    expect(await engine.tasks({ instanceId: id })).toEqual([]);
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id)).toEqual([byCounter.get(2)!.id]);
    expect((await engine.history(id)).filter((e) => e.event === 'cancel').map((e) => e.elementId)).toEqual(['review']);
  });

  it('should call a service task once per item with the item in scope, keep results local, and retry one failed instance', async () => {
    calls.length = 0;
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));

    const ok = await h.engine.start('mi_service', { variables: { iins: ['1', '2', '3'] } });
    expect(ok.state).toBe('completed');
    expect((await h.engine.instance(ok.id)).variables).toEqual({
      iins: ['1', '2', '3'],
      people: [1, 2, 3].map((n) => ({ iin: String(n), name: `person ${n}` })),
    });

    calls.length = 0;
    const failing = await h.engine.start('mi_service', { variables: { iins: ['1', '2', '3'], registryDown: true } });
    expect(failing.state).toBe('incident');
    expect(calls.sort()).toEqual(['1', '2', '3']);
    const stuck = await h.engine.instance(failing.id);
    expect(stuck.incidents).toEqual([expect.objectContaining({ elementId: 'lookup', message: expect.stringContaining('registry timed out') })]);
    const engine = await h.restart();
    const retried = await engine.retryIncidents(failing.id, { by: 'operator', variables: { registryDown: false } });
    expect(retried.state).toBe('completed');
    expect(calls.sort()).toEqual(['1', '2', '2', '3']); // only the failed instance ran again
    expect(retried.variables.people).toEqual([1, 2, 3].map((n) => ({ iin: String(n), name: `person ${n}` })));

    const empty = await engine.start('mi_service', { variables: { iins: [] } });
    expect(empty.state).toBe('completed');
    expect((await engine.instance(empty.id)).variables).toEqual({ iins: [], people: [] });
  });

  it('should let an error from one inner instance reach the boundary of the whole activity', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id, state } = await h.engine.start('mi_service', { variables: { iins: ['1', 'unknown', '3'] } });
    expect(state).toBe('completed');
    const entered = await path(h.engine, id);
    expect(entered.at(-1)).toBe('v_manual');
    expect(entered).not.toContain('v_end');
    expect((await h.engine.instance(id)).variables).toEqual({ iins: ['1', 'unknown', '3'] }); // no partial output
  });

  it('should raise an incident on the completed instance when the completion condition cannot be decided, and finish on retry', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_quorum_var', { variables: { members: 3 } });
    const tasks = await h.engine.tasks({ instanceId: id });
    expect(tasks).toHaveLength(3);
    const view = await h.engine.completeTask(tasks[0]!.id, { by: 'm1' });
    expect(view.state).toBe('incident');
    expect(view.incidents).toEqual([expect.objectContaining({ elementId: 'vote', tokenId: tasks[0]!.tokenId, message: expect.stringMatching(/^completionCondition of vote \('nrOfCompletedInstances >= quorum'\) is neither true nor false/) })]);
    const engine = await h.restart();
    const retried = await engine.retryIncidents(id, { by: 'operator', variables: { quorum: 1 } });
    expect(retried.state).toBe('completed');
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id).sort()).toEqual([tasks[1]!.id, tasks[2]!.id].sort());
    expect((await engine.tasks({ instanceId: id, state: 'completed' })).map((t) => t.id)).toEqual([tasks[0]!.id]);
  });

  it('should raise an incident naming the element and the field for a collection that is no list, or too long', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const notList = await h.engine.start('mi_service', { variables: { iins: '1,2,3' } });
    expect(notList.state).toBe('incident');
    expect((await h.engine.instance(notList.id)).incidents).toEqual([expect.objectContaining({ elementId: 'lookup', message: `ps:collection of lookup ('iins') is "1,2,3", not a list` })]);

    const missing = await h.engine.start('mi_service');
    expect((await h.engine.instance(missing.id)).incidents[0]!.message).toMatch(/^ps:collection of lookup \('iins'\) has no value/);

    const tooMany = await h.engine.start('mi_service', { variables: { iins: Array.from({ length: 501 }, (_, i) => String(i)) } });
    expect((await h.engine.instance(tooMany.id)).incidents).toEqual([
      expect.objectContaining({ elementId: 'lookup', message: 'ps:collection of lookup has 501 items: a multi-instance activity runs at most 500 inner instances' }),
    ]);
    // Fixed by the operator: the activity runs.
    const engine = await h.restart();
    expect((await engine.retryIncidents(notList.id, { by: 'operator', variables: { iins: ['1'] } })).state).toBe('completed');
  });

  it('should run a sub-process per item, its gateway and tasks reading the inner instance variables', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_subprocess', { variables: { departments: ['land', 'arch', 'env'] } });
    const tasks = await h.engine.tasks({ instanceId: id });
    expect(tasks.map((t) => t.candidateGroup).sort()).toEqual(['arch', 'env', 'land']);
    const engine = await h.restart();
    const group = (g: string) => tasks.find((t) => t.candidateGroup === g)!.id;
    await engine.completeTask(group('arch'), { by: 'dana', outcome: 'object' });
    await engine.completeTask(group('env'), { by: 'zhan', outcome: 'agree' });
    expect((await engine.instance(id)).variables).toEqual({ departments: ['land', 'arch', 'env'] }); // outcome and opinion stay inside
    const view = await engine.completeTask(group('land'), { by: 'ana', outcome: 'agree' });
    expect(view.state).toBe('completed');
    expect(view.variables).toEqual({ departments: ['land', 'arch', 'env'], opinions: ['land consents', 'arch objects', 'env consents'] });
    const entered = await path(engine, id);
    expect(entered.filter((e) => e === 'd_against')).toHaveLength(1);
    expect(entered.filter((e) => e === 'd_for')).toHaveLength(2);
  });

  it('should start a called process per item with its item, and gather what each answers', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_call', { variables: { regions: ['almaty', 'astana'], file: 'L-17' } });
    const children = (await h.engine.listInstances({ key: 'mi_region' })).items;
    expect(children).toHaveLength(2);
    const tasks = await Promise.all(children.map(async (c) => (await h.engine.tasks({ instanceId: c.id }))[0]!));
    expect(tasks.map((t) => t.candidateGroup).sort()).toEqual(['almaty-akimat', 'astana-akimat']);
    const child = await h.engine.instance(children[0]!.id);
    expect(child.variables).toMatchObject({ file: 'L-17', loopCounter: expect.any(Number) });

    const engine = await h.restart();
    const of = (g: string) => tasks.find((t) => t.candidateGroup === g)!.id;
    await engine.completeTask(of('astana-akimat'), { by: 'a2', variables: { answer: 'astana agrees' } });
    expect((await engine.instance(id)).state).toBe('active');
    await engine.completeTask(of('almaty-akimat'), { by: 'a1', variables: { answer: 'almaty agrees' } });
    const view = await engine.instance(id);
    expect(view.state).toBe('completed');
    expect(view.variables).toEqual({ regions: ['almaty', 'astana'], file: 'L-17', answers: ['almaty agrees', 'astana agrees'] });
  });

  it('should let an interrupting timer on the activity cancel every open inner instance', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_deadline', { variables: { agencies: ['mvd', 'kgd', 'mj'] } });
    const tasks = await h.engine.tasks({ instanceId: id });
    expect(tasks).toHaveLength(3);
    await h.engine.completeTask(tasks.find((t) => t.candidateGroup === 'kgd')!.id, { by: 'k1' });
    const engine = await h.restart();
    h.clock.advance('P10D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    const view = await engine.instance(id);
    expect(view.state).toBe('completed');
    expect((await path(engine, id)).at(-1)).toBe('t_late');
    expect(await engine.tasks({ instanceId: id })).toEqual([]);
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.candidateGroup).sort()).toEqual(['mj', 'mvd']);
    h.clock.advance('P30D');
    expect((await engine.runDueJobs()).fired).toBe(0);
  });

  it("should let an operator move the whole activity, not one of its inner instances", async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_deadline', { variables: { agencies: ['mvd', 'kgd'] } });
    const tokens = (await h.engine.instance(id)).tokens;
    const body = tokens.find((t) => t.wait?.kind === 'multiInstance')!;
    const inner = tokens.find((t) => t.scopeId === body.id)!;
    const refused = await h.engine.modifyInstance(id, { by: 'operator', reason: 'test', moveFrom: inner.id, to: 't_late' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidArgumentError);
    expect((refused as Error).message).toContain(`token ${inner.id} is an inner instance of multi-instance 'concur': move the activity itself (token ${body.id})`);
    const engine = await h.restart();
    const moved = await engine.modifyInstance(id, { by: 'operator', reason: 'the agencies were consulted by letter', moveFrom: body.id, to: 't_end' });
    expect(moved.state).toBe('completed');
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.candidateGroup).sort()).toEqual(['kgd', 'mvd']);
    h.clock.advance('P10D');
    expect((await engine.runDueJobs()).fired).toBe(0);
  });

  it('should refuse to migrate tokens between a multi-instance activity and a single one', async () => {
    h = await openHarness({ handlers });
    const model = (loop: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="mi_migrate" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x" />
    <bpmn:userTask id="x">${loop}</bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;
    await h.engine.deploy(model('<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>'));
    const { id } = await h.engine.start('mi_migrate');
    await h.engine.deploy(model(''));
    const report = await h.engine.migrateInstances('mi_migrate', { fromVersion: 1, toVersion: 2, by: 'operator', reason: 'no more quorum' });
    expect(report.problems).toEqual([{ instanceId: id, elementId: 'x', problem: "'x' is multi-instance, 'x' in version 2 a single instance: its tokens would not fit" }]);
    expect((await h.engine.instance(id)).definitionId).toBe('mi_migrate:1');
  });

  it('should cancel the timer when every instance completes first', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id } = await h.engine.start('mi_deadline', { variables: { agencies: ['mvd'] } });
    const engine = await h.restart();
    await engine.completeTask((await engine.tasks({ instanceId: id }))[0]!.id, { by: 'm1' });
    h.clock.advance('P10D');
    expect((await engine.runDueJobs()).fired).toBe(0);
    expect((await path(engine, id)).at(-1)).toBe('t_end');
  });

  it('should refuse at deploy a malformed marker, naming the element and the field', async () => {
    h = await openHarness({ handlers });
    const model = (task: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="bad" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x" />
    ${task}
    <bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const problems = async (task: string) => {
      const error = await h.engine.deploy(model(task)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DefinitionError);
      return (error as DefinitionError).problems;
    };
    expect(await problems(`<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics ps:collection="=a"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`)).toEqual([
      { elementId: 'x', message: 'multi-instance x has both ps:collection and loopCardinality: use one or the other' },
    ]);
    expect(await problems(`<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>`)).toEqual([
      { elementId: 'x', message: 'multi-instance x needs ps:collection (a FEEL list) or loopCardinality (how many instances)' },
    ]);
    expect(await problems(`<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics ps:collection="=a" ps:elementVariable="loopCounter" /></bpmn:userTask>`)).toEqual([
      expect.objectContaining({ elementId: 'x', message: expect.stringContaining("ps:elementVariable 'loopCounter' of x must be a variable name") }),
    ]);
    expect(await problems(`<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics ps:collection="=a" ps:outputElement="=b" /></bpmn:userTask>`)).toEqual([
      expect.objectContaining({ elementId: 'x', message: expect.stringContaining('ps:outputElement without ps:outputCollection') }),
    ]);
    expect(await problems(`<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics ps:collection="=a +" /></bpmn:userTask>`)).toEqual([
      expect.objectContaining({ elementId: 'x', message: expect.stringMatching(/^ps:collection of x \('=a \+'\) is not valid FEEL/) }),
    ]);
    expect(await problems(`<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>5000</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`)).toEqual([
      { elementId: 'x', message: 'loopCardinality of x is 5000: at most 500 inner instances' },
    ]);
    expect(await problems(`<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality><bpmn:completionCondition>=nrOfCompletedInstances &gt;=</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`)).toEqual([
      expect.objectContaining({ elementId: 'x', message: expect.stringMatching(/^completionCondition of x .* is not valid FEEL/) }),
    ]);
    expect(await problems(`<bpmn:receiveTask id="x"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:receiveTask>`)).toContainEqual(
      { elementId: 'x', message: 'multi-instance receiveTask is not supported (element x): only user tasks, service tasks, sub-processes and call activities' },
    );
    expect(await problems(`<bpmn:userTask id="x"><bpmn:standardLoopCharacteristics /></bpmn:userTask>`)).toEqual([
      expect.objectContaining({ elementId: 'x', message: expect.stringContaining('standard loops (bpmn:StandardLoopCharacteristics) are not supported') }),
    ]);
    expect(
      await problems(
        `<bpmn:userTask id="x"><bpmn:extensionElements><ps:sla duration="2" unit="workingDays" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask><bpmn:boundaryEvent id="late" attachedToRef="x" cancelActivity="false"><bpmn:timerEventDefinition ps:slaTrigger="overdue" /></bpmn:boundaryEvent>`,
      ),
    ).toContainEqual(expect.objectContaining({ elementId: 'late', message: expect.stringContaining('and x is multi-instance: each inner task has its own deadline') }));
    expect(await problems(`<bpmn:userTask id="x" ps:candidateGroup="=agency +" />`)).toEqual([
      expect.objectContaining({ elementId: 'x', message: expect.stringMatching(/^ps:candidateGroup of x \('=agency \+'\) is not valid FEEL/) }),
    ]);
  });

  it('should raise an incident naming ps:candidateGroup when its expression gives no group id', async () => {
    h = await openHarness({ handlers });
    await h.engine.deploy(fixture(import.meta.url, 'MultiInstance.bpmn'));
    const { id, state } = await h.engine.start('mi_deadline', { variables: { agencies: ['mvd', 'not a group'] } });
    expect(state).toBe('incident');
    const view = await h.engine.instance(id);
    expect(view.incidents).toEqual([expect.objectContaining({ elementId: 'concur', message: `ps:candidateGroup of concur ('=agency') is "not a group", not a group id (letters, digits, '-', '_', '.', at most 64)` })]);
    expect((await h.engine.tasks({ instanceId: id })).map((t) => t.candidateGroup)).toEqual(['mvd']);
  });
});
