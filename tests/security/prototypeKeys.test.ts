import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError, NotFoundError } from '../../engine/index.js';
import { onlyTask, openHarness, path, type Harness } from '../support/harness.js';
import { startTestServer, type TestServer } from '../server/testServer.js';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ps="https://tereze.dev/bpmn/ps"';
const model = (body: string, head = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="t">${head}<bpmn:process id="keys" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;

/** Names every plain object answers through its prototype. */
const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'] as const;
/** The same, less `__proto__`, which the calendar-id rule (a letter or digit first) already refuses. */
const CALENDAR_NAMES = PROTOTYPE_NAMES.filter((name) => name !== '__proto__');

describe('keys that name Object.prototype members', () => {
  describe('through the REST API', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.dispose());

    it.each(PROTOTYPE_NAMES)('should answer 404 for GET /api/calendars/%s, not 500', async (id) => {
      const response = await server.api(`/api/calendars/${id}`, { as: 'coordinator' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    });
  });

  describe('in the engine', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await openHarness();
    });
    afterEach(() => h.dispose());

    it.each(CALENDAR_NAMES)('should refuse ps:sla calendar="%s" at deploy, naming the element', async (calendar) => {
      const xml = model(
        `<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/><bpmn:userTask id="review" ps:office="back" ps:candidateGroup="g"><bpmn:extensionElements><ps:sla duration="5" unit="workingDays" calendar="${calendar}"/></bpmn:extensionElements></bpmn:userTask><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/><bpmn:endEvent id="e"/>`,
      );
      const error = await h.engine.deploy(xml).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DefinitionError);
      expect((error as DefinitionError).problems).toContainEqual({ elementId: 'review', message: expect.stringContaining(`calendar '${calendar}', which does not exist`) });
    });

    it('should deploy and run a model whose element ids are Object.prototype names, also after a restart', async () => {
      const xml = model(
        '<bpmn:startEvent id="constructor"/><bpmn:sequenceFlow id="toString" sourceRef="constructor" targetRef="__proto__"/><bpmn:userTask id="__proto__"/><bpmn:sequenceFlow id="valueOf" sourceRef="__proto__" targetRef="hasOwnProperty"/><bpmn:endEvent id="hasOwnProperty"/>',
      );
      await h.engine.deploy(xml);
      const { id } = await h.engine.start('keys');
      const engine = await h.restart();
      await engine.completeTask((await onlyTask(engine, id)).id, { by: 'clerk' });
      expect(await path(engine, id)).toEqual(['constructor', '__proto__', 'hasOwnProperty']);
      expect((await engine.instance(id)).state).toBe('completed');
    });

    it('should start by a message named after a prototype member, and answer 404 for one no start event waits for', async () => {
      const xml = model(
        '<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:userTask id="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>',
        '<bpmn:message id="m" name="constructor"/>',
      );
      await h.engine.deploy(xml);
      const engine = await h.restart();
      expect(await engine.correlate('constructor')).toMatchObject({ started: true });
      await expect(engine.correlate('toString')).rejects.toBeInstanceOf(NotFoundError);
      await expect(engine.correlate('__proto__')).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
