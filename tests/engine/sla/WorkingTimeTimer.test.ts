import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../engine/index.js';
import { openHarness, type Harness } from '../../support/harness.js';

const model = (timer: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="wt" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition ${timer}</bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="work" />
    <bpmn:userTask id="work" />${extra}
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('working-time timers (ps:calendar)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T12:00:00Z'); // Monday 13 April 2026, 17:00 in Almaty
  });
  afterEach(() => h.dispose());

  it('should count a duration in the calendar’s open time only', async () => {
    await h.engine.deploy(model('ps:calendar="agency"><bpmn:timeDuration>PT8H</bpmn:timeDuration></bpmn:timerEventDefinition>'));
    const { id } = await h.engine.start('wt');
    // 1.5 h on Monday (to 18:30), 4 h on Tuesday morning, lunch 13:00–14:30, 2.5 h more: Tuesday 17:00.
    h.clock.set('2026-04-14T11:59:59Z');
    expect((await h.engine.runDueJobs()).fired).toBe(0);
    h.clock.set('2026-04-14T12:00:00Z');
    expect((await h.engine.runDueJobs()).fired).toBe(1);
    expect((await h.engine.tasks({ instanceId: id })).map((t) => t.elementId)).toEqual(['work']);
  });

  it('should refuse a working-time timer on an unknown calendar or on a date, and an SLA trigger without an SLA', async () => {
    for (const [xml, elementId, message] of [
      [model('ps:calendar="moon"><bpmn:timeDuration>PT8H</bpmn:timeDuration></bpmn:timerEventDefinition>'), 'wait', /names calendar 'moon', which does not exist/],
      [model('ps:calendar="agency"><bpmn:timeDate>2026-05-01T09:00:00+05:00</bpmn:timeDate></bpmn:timerEventDefinition>'), 'wait', /counts working time for a timeDuration only/],
      [
        model('><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>', '<bpmn:boundaryEvent id="late" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition ps:slaTrigger="overdue"/></bpmn:boundaryEvent><bpmn:sequenceFlow id="f9" sourceRef="late" targetRef="late_end" /><bpmn:endEvent id="late_end" />'),
        'late',
        /bound to an SLA \(ps:slaTrigger\) but work is not a user task with a ps:sla/,
      ],
    ] as const) {
      const error = await h.engine.deploy(xml).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DefinitionError);
      expect((error as DefinitionError).problems).toEqual(expect.arrayContaining([expect.objectContaining({ elementId, message: expect.stringMatching(message) })]));
    }
  });
});
