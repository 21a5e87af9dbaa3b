import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const FORM = {
  type: 'default',
  components: [
    { type: 'radio', key: 'outcome', label: 'Decision', validate: { required: true }, values: [{ label: 'Issue', value: 'approve' }, { label: 'Refuse', value: 'refuse' }] },
    { type: 'select', key: 'refusalGrounds', label: 'Ground', validate: { required: true }, conditional: { hide: '=outcome != "refuse"' }, values: [{ label: 'Forged', value: 'forged documents' }] },
  ],
};

/** A passport review whose form decides the branch: refused or issued. */
const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="passport_formed" name="Passport with a form" isExecutable="true" ps:serviceCode="PS-FORM">
    <bpmn:startEvent id="at_centre" name="Applied at a centre" ps:channel="centre" />
    <bpmn:sequenceFlow id="f1" sourceRef="at_centre" targetRef="review" />
    <bpmn:userTask id="review" name="Review the application" ps:office="back" ps:candidateGroup="mj-registration" ps:assignment="claim">
      <bpmn:extensionElements><ps:sla duration="15" unit="workingDays" calendar="agency" /><ps:form><![CDATA[${JSON.stringify(FORM)}]]></ps:form></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decided" />
    <bpmn:exclusiveGateway id="decided" name="Decision?" default="f3" />
    <bpmn:sequenceFlow id="f3" sourceRef="decided" targetRef="issued" />
    <bpmn:sequenceFlow id="f4" sourceRef="decided" targetRef="refused"><bpmn:conditionExpression>outcome = "refuse"</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:endEvent id="issued" name="Passport issued" />
    <bpmn:endEvent id="refused" name="Refused" />
  </bpmn:process>
</bpmn:definitions>`;

interface Problem {
  error: { code: string; message: string; details?: { field?: string } };
}

describe('/api/tasks with a task form', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, MODEL)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const review = async () => {
    const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'PS-FORM', channel: 'centre' }, as: 'clerk' });
    const { id } = (await started.json()) as { id: string };
    const [task] = await server.engine.tasks({ instanceId: id });
    return { id, taskId: task!.id };
  };
  const complete = (taskId: string, json: unknown) => server.api(`/api/tasks/${taskId}/complete`, { method: 'POST', json, as: 'official-mj' });

  it("should give the task's form-js schema to whoever works the task", async () => {
    const { taskId } = await review();
    const response = await server.api(`/api/tasks/${taskId}/form`, { as: 'official-mj' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ taskId, elementId: 'review', schema: FORM });
    expect((await server.api(`/api/tasks/${taskId}/form`, { as: 'clerk' })).status).toBe(403);
  });

  it.each([
    ['a missing required field', { variables: {} }, 'outcome', /"Decision" is required/],
    ['a missing field the refusal shows', { outcome: 'refuse' }, 'variables.refusalGrounds', /"Ground" is required/],
    ['a key the form does not declare', { outcome: 'approve', variables: { verdict: 'fine' } }, 'variables.verdict', /is not a field of the form of review/],
    ['a value not among the select values', { outcome: 'refuse', variables: { refusalGrounds: 'bad mood' } }, 'variables.refusalGrounds', /must be one of "forged documents", not "bad mood"/],
  ])('should answer %s with 400 naming the field, leaving the task open', async (_what, json, field, message) => {
    const { id, taskId } = await review();
    const response = await complete(taskId, json);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Problem;
    expect(body.error).toMatchObject({ code: 'bad_request', details: { field } });
    expect(body.error.message).toMatch(message);
    expect((await server.engine.tasks({ instanceId: id })).map((t) => t.id)).toEqual([taskId]);
  });

  it('should take a valid completion and follow the branch its outcome names', async () => {
    const { id, taskId } = await review();
    const response = await complete(taskId, { outcome: 'refuse', variables: { refusalGrounds: 'forged documents' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, state: 'completed', variables: { outcome: 'refuse', refusalGrounds: 'forged documents' } });
    const ends = (await server.engine.history(id)).filter((e) => e.event === 'enter').map((e) => e.elementId);
    expect(ends).toContain('refused');
    expect(ends).not.toContain('issued');
  });
});
