/**
 * engine.definitions(): the latest version of every key (or every version of one), as two
 * engines on one file (two nodes) see it. A deployed version never changes, so each record is
 * read and parsed once per process; which versions are current is asked of the store each time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, manualClock, sqliteStore, type Engine, type Store } from '../../engine/index.js';

const model = (key: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="${key}" name="${name}" isExecutable="true" ps:serviceCode="${key.toUpperCase()}">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="done" />
    <bpmn:endEvent id="done" />
  </bpmn:process>
</bpmn:definitions>`;

describe('engine.definitions()', () => {
  let dir: string;
  let storeA: Store;
  let a: Engine;
  let b: Engine;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tereze-definitions-'));
    const clock = manualClock('2026-03-02T04:00:00Z');
    storeA = sqliteStore(join(dir, 'engine.db'));
    a = await createEngine({ store: storeA, clock });
    b = await createEngine({ store: sqliteStore(join(dir, 'engine.db')), clock });
  });

  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("should show another node's new version and new service at once", async () => {
    await a.deploy(model('permit', 'Permit'));
    expect((await a.definitions()).map((d) => d.id)).toEqual(['permit:1']);
    await b.deploy(model('permit', 'Permit, second edition'));
    await b.deploy(model('licence', 'Licence'));
    const latest = await a.definitions();
    expect(latest.map((d) => [d.id, d.name, d.serviceCode])).toEqual([
      ['licence:1', 'Licence', 'LICENCE'],
      ['permit:2', 'Permit, second edition', 'PERMIT'],
    ]);
    expect((await a.definitions('permit')).map((d) => d.id)).toEqual(['permit:1', 'permit:2']);
  });

  it('should read each deployed record once, then only ask which versions are current', async () => {
    await b.deploy(model('permit', 'Permit'));
    await b.deploy(model('licence', 'Licence'));
    const reads = vi.spyOn(storeA, 'getDefinition');
    const lists = vi.spyOn(storeA, 'listDefinitions');
    const first = await a.definitions();
    expect(reads).toHaveBeenCalledTimes(2);
    reads.mockClear();
    const again = await a.definitions();
    expect(again).toEqual(first);
    expect(again[0]).toBe(first[0]); // the same record, not parsed again
    expect(reads).not.toHaveBeenCalled();
    expect(lists).not.toHaveBeenCalled();
  });
});
