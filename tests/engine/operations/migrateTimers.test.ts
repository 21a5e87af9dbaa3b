import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, path, type Harness } from '../../support/harness.js';

/**
 * start → cool_off (a 15-day timer) → review (a user task with a non-interrupting 5-day
 * reminder) → end. `ids` renames elements in a later version of the same process.
 */
const model = (ids: { coolOff?: string; review?: string; reminder?: string } = {}) => {
  const coolOff = ids.coolOff ?? 'cool_off';
  const review = ids.review ?? 'review';
  const reminder = ids.reminder ?? 'reminder';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="timed" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="${coolOff}" />
    <bpmn:intermediateCatchEvent id="${coolOff}"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P15D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="${coolOff}" targetRef="${review}" />
    <bpmn:userTask id="${review}" ps:office="back" ps:candidateGroup="reviewers" ps:assignment="claim" />
    <bpmn:boundaryEvent id="${reminder}" attachedToRef="${review}" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="${reminder}" targetRef="reminded" />
    <bpmn:endEvent id="reminded" />
    <bpmn:sequenceFlow id="f3" sourceRef="${review}" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
};

const options = (mapping: Record<string, string>) => ({ fromVersion: 1, toVersion: 2, mapping, by: 'operator', reason: 'renamed in v2' });

describe('migration and waiting timers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(model());
  });
  afterEach(() => h.dispose());

  it('should refuse to rename the element a timer waits at (its job would be orphaned), move nothing, and the timer still fires', async () => {
    const { id } = await h.engine.start('timed');
    await h.engine.deploy(model({ coolOff: 'waiting_period' }));
    const report = await h.engine.migrateInstances('timed', options({ cool_off: 'waiting_period' }));
    expect(report.migrated).toEqual([]);
    expect(report.problems).toEqual([{ instanceId: id, elementId: 'cool_off', problem: expect.stringContaining("a timer waits at 'cool_off'") }]);
    expect((await h.engine.instance(id)).definitionId).toBe('timed:1');
    // Left on version 1, the instance goes on as before.
    h.clock.advance('P16D');
    expect((await h.engine.runDueJobs()).fired).toBe(1);
    expect((await h.engine.tasks({ instanceId: id })).map((t) => t.elementId)).toEqual(['review']);
  });

  it('should refuse to rename an armed boundary timer, and let the host be renamed when its timer keeps its id', async () => {
    const { id } = await h.engine.start('timed');
    h.clock.advance('P16D');
    await h.engine.runDueJobs(); // at the review, its reminder armed
    await h.engine.deploy(model({ review: 'assess', reminder: 'nudge' }));

    const renamedTimer = await h.engine.migrateInstances('timed', options({ review: 'assess', reminder: 'nudge' }));
    expect(renamedTimer.migrated).toEqual([]);
    expect(renamedTimer.problems).toEqual([{ instanceId: id, elementId: 'reminder', problem: expect.stringContaining("a timer waits at 'reminder'") }]);

    await h.engine.deploy(model({ review: 'assess' })); // version 3: the reminder keeps its id
    const hostOnly = await h.engine.migrateInstances('timed', { ...options({ review: 'assess' }), toVersion: 3 });
    expect(hostOnly).toMatchObject({ problems: [], migrated: [id] });
    expect((await h.engine.tasks({ instanceId: id })).map((t) => t.elementId)).toEqual(['assess']);
    h.clock.advance('P6D');
    expect((await h.engine.runDueJobs()).fired).toBe(1);
    expect(await path(h.engine, id)).toContain('reminded');
  });
});
