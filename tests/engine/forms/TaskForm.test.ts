import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileDefinitions, DefinitionError, InvalidArgumentError } from '../../../engine/index.js';
import { MODEL_LIMITS } from '../../../engine/model/modelLimits.js';
import { onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

const DECISION_FORM = {
  type: 'default',
  components: [
    { type: 'text', text: 'Decide the application of {{applicantName}}.' },
    { type: 'radio', key: 'outcome', label: 'Decision', validate: { required: true }, values: [{ label: 'Approve', value: 'approve' }, { label: 'Refuse', value: 'refuse' }] },
    {
      type: 'select',
      key: 'refusalGrounds',
      label: 'Ground for refusal',
      validate: { required: true },
      conditional: { hide: '=outcome != "refuse"' },
      values: [{ label: 'Forged documents', value: 'forged documents' }, { label: 'Not of age', value: 'not of age' }],
    },
    { type: 'textarea', key: 'decisionNote', label: 'Note', validate: { maxLength: 50 } },
    { type: 'number', key: 'copies', label: 'Copies', decimalDigits: 0, validate: { min: 1, max: 3 } },
    { type: 'checkbox', key: 'urgent', label: 'Urgent' },
    { type: 'checklist', key: 'checked', label: 'Checked', values: [{ label: 'Passport', value: 'passport' }, { label: 'Photo', value: 'photo' }] },
    { type: 'datetime', key: 'meetingDay', subtype: 'date', label: 'Meeting day', dateLabel: 'Meeting day' },
    { type: 'textfield', key: 'applicantName', label: 'Applicant', readonly: true },
  ],
};

const model = (form: string, gateway = true) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="formed" isExecutable="true" ps:serviceCode="TEST">
    <bpmn:startEvent id="start" name="Applied" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" ps:office="back" ps:candidateGroup="g"><bpmn:extensionElements><ps:sla duration="2" unit="workingDays" /><ps:form><![CDATA[${form}]]></ps:form></bpmn:extensionElements></bpmn:userTask>
    ${
      gateway
        ? `<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decision" />
    <bpmn:exclusiveGateway id="decision" name="Decision?" default="f3" />
    <bpmn:sequenceFlow id="f3" sourceRef="decision" targetRef="approved" />
    <bpmn:sequenceFlow id="f4" sourceRef="decision" targetRef="refused"><bpmn:conditionExpression>outcome = "refuse"</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:endEvent id="approved" name="Approved" /><bpmn:endEvent id="refused" name="Refused" />`
        : `<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approved" /><bpmn:endEvent id="approved" name="Done" />`
    }
  </bpmn:process>
</bpmn:definitions>`;

async function deployProblems(form: string): Promise<{ elementId: string; message: string }[]> {
  const error = await compileDefinitions(model(form)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DefinitionError);
  return [...(error as DefinitionError).problems];
}

describe('a task form (ps:form) at deploy', () => {
  it('should compile the form into the task, keeping the schema for the inbox', async () => {
    const { processes } = await compileDefinitions(model(JSON.stringify(DECISION_FORM)));
    const form = processes[0]!.nodes.review!.userTask!.form!;
    expect(form.schema).toEqual(DECISION_FORM);
    expect(form.fields.map((f) => f.key)).toEqual(['outcome', 'refusalGrounds', 'decisionNote', 'copies', 'urgent', 'checked', 'meetingDay', 'applicantName']);
  });

  it.each([
    ['invalid JSON', '{"components": [', /ps:form: the form is not valid JSON/],
    ['no components', '{"type":"default"}', /ps:form: the form must be a form-js schema: an object with a "components" list/],
    ['an unknown component type', JSON.stringify({ components: [{ type: 'filepicker', key: 'scan' }] }), /ps:form: filepicker 'scan': the component type 'filepicker' is not supported/],
    ['a duplicate key', JSON.stringify({ components: [{ type: 'textfield', key: 'note' }, { type: 'textarea', key: 'note' }] }), /ps:form: textarea 'note': the key 'note' is used by two fields/],
    ['a select without values', JSON.stringify({ components: [{ type: 'select', key: 'pick' }] }), /select 'pick': a select needs its values/],
    ['a condition that is not FEEL', JSON.stringify({ components: [{ type: 'textfield', key: 'a', conditional: { hide: '=outcome = ("refuse"' } }] }), /textfield 'a': conditional.hide .* is not valid FEEL/],
    ['a regular expression', JSON.stringify({ components: [{ type: 'textfield', key: 'a', validate: { pattern: '(a+)+$' } }] }), /validate.pattern is not supported/],
    ['an oversize schema', JSON.stringify({ components: [{ type: 'text', text: 'x'.repeat(MODEL_LIMITS.maxFormBytes) }] }), new RegExp(`ps:form: the form is \\d+ bytes of JSON: at most ${MODEL_LIMITS.maxFormBytes}`)],
  ])('should refuse %s, naming the task', async (_what, form, message) => {
    expect(await deployProblems(form)).toEqual([{ elementId: 'review', message: expect.stringMatching(message) }]);
  });

  it('should refuse a form with more components than the limit', async () => {
    const components = Array.from({ length: MODEL_LIMITS.maxFormComponents + 1 }, (_, i) => ({ type: 'textfield', key: `f${i}` }));
    expect(await deployProblems(JSON.stringify({ components }))).toEqual([{ elementId: 'review', message: expect.stringMatching(/more than 200 components/) }]);
  });
});

describe('completing a task with a form', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(model(JSON.stringify(DECISION_FORM)));
  });
  afterEach(() => h.dispose());

  async function refusal(outcome: string | undefined, variables: Record<string, unknown>): Promise<InvalidArgumentError> {
    const { id } = await h.engine.start('formed', { variables: { applicantName: 'Aigerim' } });
    const task = await onlyTask(h.engine, id);
    const error = await h.engine.completeTask(task.id, { by: 'official-1', ...(outcome === undefined ? {} : { outcome }), variables }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((await h.engine.tasks({ instanceId: id })).map((t) => t.state)).toEqual(['open']);
    return error as InvalidArgumentError;
  }

  it('should refuse a completion without a required field, naming it', async () => {
    const error = await refusal(undefined, {});
    expect(error.field).toBe('outcome');
    expect(error.message).toMatch(/"Decision" is required/);
  });

  it('should require a field the condition shows, and only then', async () => {
    const error = await refusal('refuse', {});
    expect(error.field).toBe('variables.refusalGrounds');
    expect(error.message).toMatch(/"Ground for refusal" is required/);
    const hidden = await refusal('approve', { refusalGrounds: 'not of age' });
    expect(hidden.field).toBe('variables.refusalGrounds');
    expect(hidden.message).toMatch(/hidden by the form/);
  });

  it('should refuse a key the form does not declare, naming it', async () => {
    const error = await refusal('approve', { decision: 'approved' });
    expect(error.field).toBe('variables.decision');
    expect(error.message).toMatch(/is not a field of the form of review \(its fields: outcome, refusalGrounds, decisionNote/);
  });

  it.each([
    ['an outcome not among the values', 'request documents', {}, 'outcome', /must be one of "approve", "refuse", not "request documents"/],
    ['a ground not among the select values', 'refuse', { refusalGrounds: 'I do not like it' }, 'variables.refusalGrounds', /must be one of "forged documents", "not of age"/],
    ['a number as text', 'approve', { copies: '2' }, 'variables.copies', /must be a number/],
    ['a number out of bounds', 'approve', { copies: 4 }, 'variables.copies', /must be at most 3/],
    ['a fraction for a whole number', 'approve', { copies: 1.5 }, 'variables.copies', /whole number/],
    ['a text over its length', 'approve', { decisionNote: 'x'.repeat(51) }, 'variables.decisionNote', /at most 50 characters/],
    ['a checkbox as text', 'approve', { urgent: 'yes' }, 'variables.urgent', /true or false/],
    ['a checklist value not offered', 'approve', { checked: ['passport', 'visa'] }, 'variables.checked', /may hold only "passport", "photo", not "visa"/],
    ['an impossible date', 'approve', { meetingDay: '2026-02-30' }, 'variables.meetingDay', /must be a date \(YYYY-MM-DD\)/],
    ['a changed read-only field', 'approve', { applicantName: 'Someone else' }, 'variables.applicantName', /read-only/],
    ['the outcome among the variables', undefined, { outcome: 'approve' }, 'variables.outcome', /send the outcome as "outcome"/],
  ])('should refuse %s', async (_what, outcome, variables, field, message) => {
    const error = await refusal(outcome, variables);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('should accept a valid completion, write its fields and take the branch of its outcome', async () => {
    const { id } = await h.engine.start('formed', { variables: { applicantName: 'Aigerim' } });
    const task = await onlyTask(h.engine, id);
    const view = await h.engine.completeTask(task.id, {
      by: 'official-1',
      outcome: 'refuse',
      variables: { refusalGrounds: 'forged documents', decisionNote: 'the stamp is drawn', copies: 2, urgent: false, checked: ['passport'], meetingDay: '2026-03-02', applicantName: 'Aigerim' },
    });
    expect(view.state).toBe('completed');
    expect(view.variables).toEqual({ applicantName: 'Aigerim', outcome: 'refuse', refusalGrounds: 'forged documents', decisionNote: 'the stamp is drawn', copies: 2, urgent: false, checked: ['passport'], meetingDay: '2026-03-02' });
    expect(await path(h.engine, id)).toEqual(['start', 'review', 'decision', 'refused']);
  });

  it('should take the default branch for an approval and give the form to the inbox', async () => {
    const { id } = await h.engine.start('formed');
    const task = await onlyTask(h.engine, id);
    expect(await h.engine.taskForm(task.id)).toEqual(DECISION_FORM);
    await h.engine.completeTask(task.id, { by: 'official-1', outcome: 'approve' });
    expect(await path(h.engine, id)).toEqual(['start', 'review', 'decision', 'approved']);
  });

  it('should refuse an outcome on a form that has no outcome field', async () => {
    await h.engine.deploy(model(JSON.stringify({ components: [{ type: 'textfield', key: 'note', label: 'Note' }] }), false));
    const { id } = await h.engine.start('formed');
    const task = await onlyTask(h.engine, id);
    const error = await h.engine.completeTask(task.id, { by: 'official-1', outcome: 'approve' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'outcome', message: expect.stringMatching(/has no outcome field/) });
    await h.engine.completeTask(task.id, { by: 'official-1', variables: { note: 'seen' } });
    expect(await path(h.engine, id)).toEqual(['start', 'review', 'approved']);
  });
});
