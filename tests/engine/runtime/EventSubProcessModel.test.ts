import { describe, expect, it } from 'vitest';
import { compileDefinitions, DefinitionError } from '../../../engine/index.js';

/** A process with a review task and the given extra elements (event sub-processes, flows). */
function model(extra: string, head = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:message id="msg_withdrawn" name="withdrawn" />
  <bpmn:error id="err_docs" errorCode="DOCS_MISSING" />
  <bpmn:escalation id="esc_late" escalationCode="LATE" />
  ${head}
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
    ${extra}
  </bpmn:process>
</bpmn:definitions>`;
}

function eventSub(id: string, start: string): string {
  return `<bpmn:subProcess id="${id}" triggeredByEvent="true">${start}
      <bpmn:sequenceFlow id="${id}_f" sourceRef="${id}_start" targetRef="${id}_end" />
      <bpmn:endEvent id="${id}_end" /></bpmn:subProcess>`;
}

async function problems(xml: string) {
  const error = await compileDefinitions(xml).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DefinitionError);
  return (error as DefinitionError).problems;
}

describe('EventSubProcess (deploy checks)', () => {
  it('should deploy message, timer, error and escalation starts, interrupting or not where BPMN allows', async () => {
    const xml = model(
      eventSub('a', '<bpmn:startEvent id="a_start"><bpmn:messageEventDefinition messageRef="msg_withdrawn" /></bpmn:startEvent>') +
        eventSub('b', '<bpmn:startEvent id="b_start" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>') +
        eventSub('c', '<bpmn:startEvent id="c_start"><bpmn:errorEventDefinition errorRef="err_docs" /></bpmn:startEvent>') +
        eventSub('d', '<bpmn:startEvent id="d_start" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="esc_late" /></bpmn:startEvent>'),
    );
    const [graph] = (await compileDefinitions(xml)).processes;
    expect(graph!.nodes['a']).toMatchObject({ kind: 'eventSubProcess', start: 'a_start', scope: null });
    expect(graph!.nodes['b_start']).toMatchObject({ interrupting: false, event: { type: 'timer' } });
    expect(graph!.nodes['d_start']).toMatchObject({ interrupting: false, event: { type: 'escalation', escalationCode: 'LATE' } });
    expect(graph!.starts.message).toEqual({}); // an event sub-process's message does not start the process
  });

  it('should refuse an event sub-process with incoming or outgoing flows, naming it', async () => {
    const xml = model(`${eventSub('a', '<bpmn:startEvent id="a_start"><bpmn:messageEventDefinition messageRef="msg_withdrawn" /></bpmn:startEvent>')}
      <bpmn:sequenceFlow id="into" sourceRef="review" targetRef="a" />`);
    expect(await problems(xml)).toContainEqual({ elementId: 'a', message: expect.stringContaining('event sub-process a cannot have incoming or outgoing sequence flows') });
  });

  it('should refuse a non-interrupting error start: an error always interrupts', async () => {
    const xml = model(eventSub('a', '<bpmn:startEvent id="a_start" isInterrupting="false"><bpmn:errorEventDefinition errorRef="err_docs" /></bpmn:startEvent>'));
    expect(await problems(xml)).toEqual([{ elementId: 'a_start', message: expect.stringContaining('isInterrupting="false"') }]);
  });

  it('should refuse an event sub-process whose start has no trigger, or that has no start or two', async () => {
    expect(await problems(model(eventSub('a', '<bpmn:startEvent id="a_start" />')))).toEqual([
      { elementId: 'a_start', message: expect.stringContaining('start event a_start of event sub-process a has no trigger') },
    ]);
    const two = `<bpmn:subProcess id="t" triggeredByEvent="true">
        <bpmn:startEvent id="t1"><bpmn:messageEventDefinition messageRef="msg_withdrawn" /></bpmn:startEvent>
        <bpmn:startEvent id="t2"><bpmn:errorEventDefinition errorRef="err_docs" /></bpmn:startEvent>
        <bpmn:sequenceFlow id="t_f1" sourceRef="t1" targetRef="t_end" /><bpmn:sequenceFlow id="t_f2" sourceRef="t2" targetRef="t_end" />
        <bpmn:endEvent id="t_end" /></bpmn:subProcess>`;
    expect(await problems(model(two))).toContainEqual({ elementId: 't', message: expect.stringContaining('needs exactly one start event with a trigger (found 2)') });
  });

  it('should refuse a start with several event definitions, naming it', async () => {
    const xml = model(eventSub('a', '<bpmn:startEvent id="a_start"><bpmn:messageEventDefinition messageRef="msg_withdrawn" /><bpmn:errorEventDefinition errorRef="err_docs" /></bpmn:startEvent>'));
    expect(await problems(xml)).toContainEqual({ elementId: 'a_start', message: 'multiple event definitions on a_start are not supported' });
    expect((await problems(xml)).filter((p) => p.message.includes('no trigger'))).toEqual([]);
  });

  it('should refuse error, escalation and non-interrupting starts outside an event sub-process', async () => {
    const xml = model(`<bpmn:startEvent id="odd"><bpmn:errorEventDefinition errorRef="err_docs" /></bpmn:startEvent>
      <bpmn:sequenceFlow id="odd_f" sourceRef="odd" targetRef="end" />`);
    expect(await problems(xml)).toContainEqual({ elementId: 'odd', message: expect.stringContaining('error start events belong to event sub-processes') });
    const beside = model(`<bpmn:startEvent id="beside" isInterrupting="false"><bpmn:messageEventDefinition messageRef="msg_withdrawn" /></bpmn:startEvent>
      <bpmn:sequenceFlow id="beside_f" sourceRef="beside" targetRef="end" />`);
    expect(await problems(beside)).toContainEqual({ elementId: 'beside', message: expect.stringContaining('is not in an event sub-process') });
  });

  it('should refuse two event sub-processes of one scope waiting for the same message or catching the same code', async () => {
    const start = (id: string) => `<bpmn:startEvent id="${id}_start"><bpmn:messageEventDefinition messageRef="msg_withdrawn" /></bpmn:startEvent>`;
    const xml = model(eventSub('a', start('a')) + eventSub('b', start('b')));
    expect(await problems(xml)).toEqual([{ elementId: 'b', message: expect.stringContaining("a and b both wait for message 'withdrawn'") }]);
    const catchAll = (id: string) => `<bpmn:startEvent id="${id}_start"><bpmn:errorEventDefinition /></bpmn:startEvent>`;
    expect(await problems(model(eventSub('c', catchAll('c')) + eventSub('d', catchAll('d'))))).toEqual([{ elementId: 'd', message: expect.stringContaining('c and d both wait for every error in the process') }]);
  });

  it('should refuse an escalation throw that names no escalation, and a boundary event on an event sub-process', async () => {
    const xml = model(`<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent>
      <bpmn:sequenceFlow id="r1" sourceRef="start" targetRef="raise" /><bpmn:sequenceFlow id="r2" sourceRef="raise" targetRef="end" />`);
    expect(await problems(xml)).toContainEqual({ elementId: 'raise', message: expect.stringContaining('names no escalation') });
    const boundary = model(`${eventSub('a', '<bpmn:startEvent id="a_start"><bpmn:messageEventDefinition messageRef="msg_withdrawn" /></bpmn:startEvent>')}
      <bpmn:boundaryEvent id="on_a" attachedToRef="a"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="b1" sourceRef="on_a" targetRef="end" />`);
    expect(await problems(boundary)).toContainEqual({ elementId: 'on_a', message: expect.stringContaining('must sit on an activity') });
  });
});
