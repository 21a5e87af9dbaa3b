import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import psDescriptor from '../../../engine/model/ps.json' with { type: 'json' };
import { elementFacts, isEmptyDiff, versionDiff, type ModdleNode } from '../../../designer/src/modeler/diff/index.js';

const V1 = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="p" name="Permit" isExecutable="true" ps:serviceCode="PERMIT">
    <bpmn:startEvent id="start" ps:channel="centre" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" ps:candidateGroup="officials">
      <bpmn:extensionElements><ps:sla duration="5" unit="workingDays" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
    <bpmn:userTask id="archive" name="Archive" />
  </bpmn:process>
</bpmn:definitions>`;

async function factsOf(xml: string) {
  const moddle = new BpmnModdle({ ps: psDescriptor });
  const { rootElement } = await moddle.fromXML(xml);
  return elementFacts(rootElement as unknown as ModdleNode);
}

describe('versionDiff', () => {
  it('should find nothing between a version and itself, even with the layout moved', async () => {
    expect(isEmptyDiff(versionDiff(await factsOf(V1), await factsOf(V1)))).toBe(true);
  });

  it('should list an added task, a removed task, a renamed one and a rerouted flow by element id', async () => {
    const v2 = V1.replace('name="Review"', 'name="Check documents"')
      .replace('<bpmn:userTask id="archive" name="Archive" />', '<bpmn:userTask id="sign" name="Sign" />')
      .replace('<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />', '<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="sign" /><bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="end" />');
    const diff = versionDiff(await factsOf(V1), await factsOf(v2));
    expect(diff.added.map((c) => [c.id, c.label])).toEqual([['f3', 'f3'], ['sign', 'Sign']]);
    expect(diff.removed.map((c) => [c.id, c.label])).toEqual([['archive', 'Archive']]);
    expect(diff.changed).toEqual([
      { id: 'review', label: 'Check documents', type: 'bpmn:UserTask', fields: ['name'] },
      { id: 'f2', label: 'f2', type: 'bpmn:SequenceFlow', fields: ['flow'] },
    ]);
  });

  it('should see a change of a ps attribute, of the SLA extension and of the process itself', async () => {
    const v2 = V1.replace('ps:candidateGroup="officials"', 'ps:candidateGroup="lawyers"').replace('duration="5"', 'duration="7"').replace('ps:serviceCode="PERMIT"', 'ps:serviceCode="PERMIT-2"');
    const diff = versionDiff(await factsOf(V1), await factsOf(v2));
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => [c.id, c.fields])).toEqual([
      ['p', ['ps:serviceCode']],
      ['review', ['ps:candidateGroup', 'ps:sla']],
    ]);
  });

  it('should see a flow given a condition and a start event given another channel', async () => {
    const v2 = V1.replace('<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />', '<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>').replace('ps:channel="centre"', 'ps:channel="agency"');
    const diff = versionDiff(await factsOf(V1), await factsOf(v2));
    expect(diff.changed.map((c) => [c.id, c.fields])).toEqual([
      ['start', ['ps:channel']],
      ['f2', ['flow']],
    ]);
  });
});
