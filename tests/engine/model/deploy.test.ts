import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError, MAX_XML_BYTES } from '../../../engine/index.js';
import { openHarness, type Harness } from '../../support/harness.js';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ps="https://tereze.dev/bpmn/ps"';
const model = (body: string, id = 'p') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="t"><bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const simple = (name = 'Review') =>
  model(`<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:userTask id="t" name="${name}"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>`);

async function refusal(promise: Promise<unknown>): Promise<DefinitionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DefinitionError);
  return error as DefinitionError;
}

describe('deploy', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.dispose());

  it('should create version 1, return it again for the same XML and create version 2 for changed XML', async () => {
    const first = await h.engine.deploy(simple());
    expect(first).toMatchObject({ key: 'p', version: 1, id: 'p:1', created: true });
    expect(await h.engine.deploy(simple())).toMatchObject({ key: 'p', version: 1, created: false });
    const second = await h.engine.deploy(simple('Review again'));
    expect(second).toMatchObject({ version: 2, id: 'p:2', created: true });
    const { id } = await h.engine.start('p');
    expect((await h.engine.instance(id)).definitionId).toBe('p:2');
    expect((await h.engine.definitions('p')).map((d) => d.version).sort()).toEqual([1, 2]);
    expect((await h.engine.audit({})).filter((a) => a.action === 'definition.deploy').map((a) => a.subject)).toEqual(['p:1', 'p:2']);
  });

  const cases: Array<[string, string, RegExp, string]> = [
    ['malformed XML', '<bpmn:definitions><bpmn:process', /does not parse|not a BPMN/, 'definitions'],
    ['a DOCTYPE with entity expansion', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${simple().replace(/^<\?xml[^>]*>/, '')}`, /DOCTYPE and entity declarations are not allowed/, 'definitions'],
    ['a model over the size limit', simple().replace('Review', 'x'.repeat(MAX_XML_BYTES)), /over the limit of \d+ bytes/, 'definitions'],
    ['an unknown element', model('<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/><bpmn:teleport id="beam"/>'), /unknown BPMN element <bpmn:teleport> \(id beam\)/, 'beam'],
    ['an unsupported element', model('<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x"/><bpmn:scriptTask id="x"/><bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="e"/><bpmn:endEvent id="e"/>'), /script tasks.*not supported \(element x\)/, 'x'],
    ['a gateway without conditions', model('<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g"/><bpmn:sequenceFlow id="a" sourceRef="g" targetRef="e1"/><bpmn:sequenceFlow id="b" sourceRef="g" targetRef="e2"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>'), /each outgoing flow needs a FEEL condition/, 'g'],
    ['a process that loops for ever', model('<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a"/><bpmn:task id="a"/><bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b"/><bpmn:task id="b"/><bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="a"/>'), /loops for ever through a → b/, 'a'],
    ['a condition that is not FEEL', model('<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g" default="b"/><bpmn:sequenceFlow id="a" sourceRef="g" targetRef="e1"><bpmn:conditionExpression>${amount &gt;}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="b" sourceRef="g" targetRef="e2"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>'), /condition .* of sequence flow a is not valid FEEL/, 'a'],
    ['a process without a start event', model('<bpmn:task id="a"/>'), /has no start event/, 'p'],
    ['an ill-formed ps attribute', model('<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:userTask id="t" ps:office="middle" ps:assignment="lottery"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>'), /ps:office 'middle' on t must be one of front, back/, 't'],
  ];

  it.each(cases)('should refuse %s with a clear error and leave the store untouched', async (_what, xml, message, elementId) => {
    const error = await refusal(h.engine.deploy(xml));
    expect(error.problems.some((p) => message.test(p.message) && p.elementId === elementId)).toBe(true);
    expect(await h.engine.definitions()).toEqual([]);
    expect(await h.engine.audit({})).toEqual([]);
  });

  it('should report every problem of a model at once, each with its element id', async () => {
    const xml = model(
      '<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>' +
        '<bpmn:userTask id="t" ps:office="middle"><bpmn:extensionElements><ps:sla duration="-3" unit="fortnights"/></bpmn:extensionElements></bpmn:userTask>' +
        '<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="g"/><bpmn:exclusiveGateway id="g"/>' +
        '<bpmn:sequenceFlow id="a" sourceRef="g" targetRef="e"/><bpmn:sequenceFlow id="b" sourceRef="g" targetRef="e"/><bpmn:endEvent id="e"/><bpmn:task id="orphan"/>',
    );
    const error = await refusal(h.engine.deploy(xml));
    const ids = error.problems.map((p) => p.elementId);
    expect(ids).toEqual(expect.arrayContaining(['t', 'g', 'orphan']));
    expect(error.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ps:office 'middle'/),
        expect.stringMatching(/ps:sla duration '-3'/),
        expect.stringMatching(/ps:sla unit 'fortnights'/),
        expect.stringMatching(/exclusiveGateway g splits/),
        expect.stringMatching(/task orphan has no incoming sequence flow/),
      ]),
    );
  });
});
