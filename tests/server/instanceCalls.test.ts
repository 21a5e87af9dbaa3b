import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const bpmn = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/tests">${body}</bpmn:definitions>`;
const CHILD = bpmn(`<bpmn:process id="agency_check" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="check" />
    <bpmn:userTask id="check" /><bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>`);
const PARENT = bpmn(`<bpmn:process id="with_calls" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="first_check" />
    <bpmn:callActivity id="first_check" name="First agency check" calledElement="agency_check" /><bpmn:sequenceFlow id="f2" sourceRef="first_check" targetRef="second_check" />
    <bpmn:callActivity id="second_check" name="Second agency check" calledElement="agency_check" /><bpmn:sequenceFlow id="f3" sourceRef="second_check" targetRef="e" />
    <bpmn:endEvent id="e" />
  </bpmn:process>`);

describe('the operator drills down into called processes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, CHILD)).status).toBe(201);
    expect((await deploy(server, PARENT)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  type Detail = { parent?: { instanceId: string }; calls: { elementId: string; instanceId: string; key: string; state: string }[] };
  const detail = async (id: string) => (await (await server.api(`/api/instances/${id}`, { as: 'operator' })).json()) as Detail;

  it('should list each call activity’s instance, finished or running, and link the child back to its caller', async () => {
    const other = await server.engine.start('with_calls'); // another caller's children are not this one's
    const { id } = await server.engine.start('with_calls');
    const mine = (await server.engine.tasks({ state: 'open' })).filter((t) => t.key === 'agency_check');
    const firstOfMine = (await Promise.all(mine.map(async (t) => ({ t, parent: (await server.engine.instance(t.instanceId)).parent?.instanceId })))).find((x) => x.parent === id)!;
    await server.engine.completeTask(firstOfMine.t.id, { by: 'operator' });

    const parent = await detail(id);
    expect(parent.parent).toBeUndefined();
    expect(parent.calls.map((c) => [c.elementId, c.key, c.state])).toEqual([
      ['first_check', 'agency_check', 'completed'],
      ['second_check', 'agency_check', 'active'],
    ]);
    expect(parent.calls.map((c) => c.instanceId)).not.toContain((await detail(other.id)).calls[0]!.instanceId);
    const child = await detail(parent.calls[1]!.instanceId);
    expect(child.parent?.instanceId).toBe(id);
    expect(child.calls).toEqual([]);
  });
});
