import { describe, expect, it } from 'vitest';
import { compileDefinitions, DefinitionError } from '../../../engine/index.js';

const model = (task: string, process = 'ps:serviceCode="TEST"') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true" ${process}>
    <bpmn:startEvent id="s" name="Applied" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
    ${task}
    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" name="Done" />
  </bpmn:process>
</bpmn:definitions>`;

const sla = '<bpmn:extensionElements><ps:sla duration="2" unit="workingDays" /></bpmn:extensionElements>';

describe('the shared lint rules at deploy', () => {
  it('should accept a model that keeps the conventions, without warnings', async () => {
    const result = await compileDefinitions(model(`<bpmn:userTask id="t" name="Review" ps:office="back" ps:candidateGroup="g">${sla}</bpmn:userTask>`));
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['a back-office task without a candidate group', `<bpmn:userTask id="t" name="Review" ps:office="back">${sla}</bpmn:userTask>`, /needs a ps:candidateGroup.*\(tereze\/back-office-group\)/],
    ['a result handed back by the back office', `<bpmn:userTask id="t" name="Hand back" ps:office="back" ps:candidateGroup="g" ps:returnsResult="true">${sla}</bpmn:userTask>`, /ps:returnsResult belongs on a front-office task/],
  ])('should refuse %s, naming the element and the rule', async (_what, task, message) => {
    const error = await compileDefinitions(model(task)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).problems).toEqual([expect.objectContaining({ elementId: 't', message: expect.stringMatching(message) })]);
  });

  it('should warn about a missing label, a back-office task without an SLA and a process without a service code', async () => {
    const result = await compileDefinitions(model('<bpmn:userTask id="t" ps:office="back" ps:candidateGroup="g" />', ''));
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^t: .*label.*\(label-required\)/i),
        expect.stringMatching(/^t: a back-office task without a ps:sla is never flagged overdue/),
        expect.stringMatching(/^p: an executable process should carry its ps:serviceCode/),
      ]),
    );
  });
});
