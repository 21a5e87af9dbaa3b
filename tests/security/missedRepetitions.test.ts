import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../support/harness.js';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ps="https://tereze.dev/bpmn/ps"';
const model = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="t"><bpmn:process id="cycles" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const cycle = (text: string) => `<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeCycle></bpmn:timerEventDefinition>`;

/** Every two seconds, forty times, an application starts at the task `work`. */
const startCycle = model(
  `<bpmn:startEvent id="tick">${cycle('R40/PT2S')}</bpmn:startEvent><bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="work"/><bpmn:userTask id="work"/><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/><bpmn:endEvent id="end"/>`,
);
/** A task that sends a reminder every hour, five times, while it waits. */
const boundaryCycle = model(
  `<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="collect"/><bpmn:userTask id="collect"/><bpmn:boundaryEvent id="remind" attachedToRef="collect" cancelActivity="false">${cycle('R5/PT1H')}</bpmn:boundaryEvent><bpmn:sequenceFlow id="f2" sourceRef="collect" targetRef="end"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f3" sourceRef="remind" targetRef="reminded"/><bpmn:endEvent id="reminded"/>`,
);

describe('missed cycle repetitions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.dispose());

  it('should start one application for the repetitions a start timer missed while the server was down, and record how many it skipped', async () => {
    await h.engine.deploy(startCycle);
    const engine = await h.restart();
    h.clock.advance('PT31S'); // due at +2 s, +4 s … +30 s: fifteen repetitions fell due while down
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect(await engine.tasks({})).toHaveLength(1);
    const fires = (await engine.audit({})).filter((a) => a.action === 'timer.fire');
    expect(fires).toHaveLength(1);
    expect(fires[0]!.data).toMatchObject({ elementId: 'tick', skipped: 14, dueAt: '2026-03-02T04:00:30.000Z' });

    h.clock.advance('PT1S'); // +32 s: the schedule goes on from where it is now
    expect((await engine.runDueJobs()).fired).toBe(1);
    h.clock.advance('PT1H'); // far past the fortieth repetition (+80 s): the last one fires, once
    expect((await engine.runDueJobs()).fired).toBe(1);
    h.clock.advance('PT1H');
    expect((await engine.runDueJobs()).fired).toBe(0);
    expect(await engine.tasks({})).toHaveLength(3);
    const last = (await engine.audit({})).filter((a) => a.action === 'timer.fire').pop();
    expect(last!.data).toMatchObject({ dueAt: '2026-03-02T04:01:20.000Z', skipped: 23 });
  });

  it('should fire a boundary cycle once for the repetitions it missed while the server was down', async () => {
    await h.engine.deploy(boundaryCycle);
    const { id } = await h.engine.start('cycles');
    const engine = await h.restart();
    h.clock.advance('PT10H30M'); // all five reminders (+1 h … +5 h) fell due while down
    await engine.runDueJobs();
    const reminders = (await engine.history(id)).filter((e) => e.elementId === 'reminded' && e.event === 'enter');
    expect(reminders).toHaveLength(1);
    const fires = (await engine.audit({ subject: id })).filter((a) => a.action === 'timer.fire');
    expect(fires).toHaveLength(1);
    expect(fires[0]!.data).toMatchObject({ elementId: 'remind', skipped: 4 });
    h.clock.advance('PT10H');
    expect((await engine.runDueJobs()).fired).toBe(0);
  });
});
