/** The process the group-commit tests race: both branches of one application complete at once. */
/** start → fork → two user tasks in parallel → join → a user task → end. */
export const PARALLEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="group_commit" name="Group commit" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="left" />
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="right" />
    <bpmn:userTask id="left" name="Left" />
    <bpmn:userTask id="right" name="Right" />
    <bpmn:sequenceFlow id="f4" sourceRef="left" targetRef="join" />
    <bpmn:sequenceFlow id="f5" sourceRef="right" targetRef="join" />
    <bpmn:parallelGateway id="join" />
    <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="last" />
    <bpmn:userTask id="last" name="Last" />
    <bpmn:sequenceFlow id="f7" sourceRef="last" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
