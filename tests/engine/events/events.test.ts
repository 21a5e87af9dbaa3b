import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommitEvent } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, type Harness } from '../../support/harness.js';

describe('engine events', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(new URL('../runtime/x', import.meta.url).href, 'UserTask.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should tell listeners what each commit changed, after it landed, and stop when unsubscribed', async () => {
    const seen: CommitEvent[] = [];
    const unsubscribe = h.engine.subscribe((event) => seen.push(event));
    const { id } = await h.engine.start('user_task');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.instancesStarted.map((i) => i.id)).toEqual([id]);
    expect(seen[0]!.tasksCreated.map((t) => t.elementId)).toEqual(['review']);
    const task = await onlyTask(h.engine, id);
    await h.engine.completeTask(task.id, { by: 'official-1' });
    expect(seen[1]!.tasksChanged).toEqual([expect.objectContaining({ id: task.id, state: 'completed', completedBy: 'official-1' })]);
    expect(seen[1]!.instancesChanged).toEqual([expect.objectContaining({ id, status: 'completed' })]);

    await expect(h.engine.completeTask(task.id, { by: 'official-1' })).rejects.toThrow();
    expect(seen).toHaveLength(2); // a refused command commits nothing and tells nothing
    unsubscribe();
    await h.engine.start('user_task');
    expect(seen).toHaveLength(2);
  });

  it('should keep the engine working when a listener throws', async () => {
    h.engine.subscribe(() => {
      throw new Error('a broken dashboard');
    });
    const seen: string[] = [];
    h.engine.subscribe((event) => seen.push(event.type));
    expect((await h.engine.start('user_task')).state).toBe('active');
    expect(seen).toEqual(['commit']);
  });
});

describe('engine events from a store change feed', () => {
  it("should give scope 'all' listeners the store's feed (every server) and scope 'local' ones this engine's commits", async () => {
    const { createEngine, sqliteStore } = await import('../../../engine/index.js');
    type Feed = Parameters<NonNullable<import('../../../engine/index.js').Store['watch']>>[0];
    let push: Feed | undefined;
    let closed = 0;
    // A sqlite store given a change feed by hand: the feed a MongoDB change stream provides.
    const store = Object.assign(sqliteStore(':memory:'), {
      async watch(onChange: Feed) {
        push = onChange;
        return { close: async () => void closed++ };
      },
    });
    const engine = await createEngine({ store });
    const local: string[] = [];
    const all: string[] = [];
    engine.subscribe((e) => local.push(e.source));
    const stop = engine.subscribe((e) => all.push(e.source), { scope: 'all' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await engine.deploy(`<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" name="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e" name="e"/></bpmn:process></bpmn:definitions>`);
    push!({ tasksCreated: [], tasksChanged: [], instancesStarted: [], instancesChanged: [] }); // another server's change
    expect(local).toEqual(['local']);
    expect(all).toEqual(['store']);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(closed).toBe(1); // the last 'all' listener gone: the feed is closed
    await engine.close();
  });

  it("should say the feed listens only once the store's watch has opened, so a change after it is not missed", async () => {
    const { createEngine, sqliteStore } = await import('../../../engine/index.js');
    let opened!: () => void;
    // A LISTEN that takes a round trip: the watch resolves when the test says so.
    const store = Object.assign(sqliteStore(':memory:'), {
      watch: () => new Promise<{ close(): Promise<void> }>((resolve) => (opened = () => resolve({ close: async () => {} }))),
    });
    const engine = await createEngine({ store });
    await engine.feedListening(); // nobody listens yet: nothing to wait for
    const stop = engine.subscribe(() => {}, { scope: 'all' });
    let listening = false;
    const ready = engine.feedListening().then(() => (listening = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(listening).toBe(false);
    opened();
    await ready;
    expect(listening).toBe(true);
    stop();
    await engine.close();
  });

  it("should open the store's feed again when it could not open at first (the database was down)", async () => {
    const { createEngine, sqliteStore } = await import('../../../engine/index.js');
    let attempts = 0;
    const store = Object.assign(sqliteStore(':memory:'), {
      async watch() {
        attempts++;
        if (attempts === 1) throw new Error('the database server cannot be reached');
        return { close: async () => {} };
      },
    });
    const engine = await createEngine({ store });
    const stop = engine.subscribe(() => {}, { scope: 'all' });
    for (let i = 0; i < 30 && attempts < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(attempts).toBe(2);
    stop();
    await engine.close();
  });
});
