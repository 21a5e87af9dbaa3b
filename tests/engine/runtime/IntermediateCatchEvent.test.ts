import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('IntermediateCatchEvent (timer)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'IntermediateCatchEvent.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should wait for its persisted timer and fire it once when due, even if it fell due while the engine was down', async () => {
    const { id } = await h.engine.start('timer_catch');
    h.clock.advance('P14D');
    expect((await h.engine.runDueJobs()).fired).toBe(0);
    expect((await h.engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['cool_off']);

    await h.engine.close();
    h.clock.advance('P2D'); // falls due while no engine runs
    const engine = await h.restart();
    expect((await engine.runDueJobs()).fired).toBe(1);
    expect((await engine.runDueJobs()).fired).toBe(0);
    await engine.completeTask((await onlyTask(engine, id)).id, { by: 'registrar' });
    expect(await path(engine, id)).toEqual(['start', 'cool_off', 'register', 'end']);
    const timerEntry = (await engine.history(id)).find((e) => e.event === 'timer');
    expect(timerEntry?.at).toBe('2026-03-18T04:00:00.000Z');
  });
});
