/**
 * The small service the scale tests drive over HTTP: a front-office check by a clerk of the
 * centre, optionally a timer, then a back-office decision by an official of `social`; both
 * tasks claimed from the group queue, so any logged-in member can complete them.
 */
export function probeProcess(options: { readonly id: string; readonly name: string; readonly serviceCode: string; readonly pause?: string }): string {
  const pause = options.pause
    ? `
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="pause" />
    <bpmn:intermediateCatchEvent id="pause">
      <bpmn:timerEventDefinition><bpmn:timeDuration>${options.pause}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="pause" targetRef="decide" />`
    : `
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="decide" />`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="${options.id}" name="${options.name}" isExecutable="true" ps:serviceCode="${options.serviceCode}" ps:agency="social">
    <bpmn:startEvent id="at_centre" ps:channel="centre" />
    <bpmn:sequenceFlow id="f1" sourceRef="at_centre" targetRef="check" />
    <bpmn:userTask id="check" name="Check completeness" ps:office="front" ps:candidateGroup="centre-clerks" ps:assignment="claim" />${pause}
    <bpmn:userTask id="decide" name="Decide" ps:office="back" ps:candidateGroup="social-benefits" ps:assignment="claim" />
    <bpmn:sequenceFlow id="f4" sourceRef="decide" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
