import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainEntry } from '../../../engine/audit/chain.js';
import type { AuditEntry } from '../../../engine/store/port.js';
import { openHarness, type Harness } from '../../support/harness.js';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
    <bpmn:userTask id="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

describe('audit trail verification', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(xml);
    for (let i = 0; i < 5; i++) {
      const { id } = await h.engine.start('p', { by: 'clerk' });
      const [task] = await h.engine.tasks({ instanceId: id });
      await h.engine.completeTask(task!.id, { by: 'official' });
    }
  });
  afterEach(() => h.dispose());

  it('should report an intact chain', async () => {
    const report = await h.engine.verifyAudit();
    // a deploy, then a start, a task created and a completion ×5; all in the current format
    expect(report).toEqual({ ok: true, checked: 16, legacyEntries: 0, head: { seq: 16, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('should name the entry whose row was edited in the sqlite file', async () => {
    await h.engine.close();
    const db = new Database(h.file);
    const row = db.prepare('SELECT seq, doc FROM audit WHERE seq = 7').get() as { seq: number; doc: string };
    const edited = JSON.parse(row.doc) as { actor: string };
    edited.actor = 'someone-else'; // an official rewriting who completed a file
    db.prepare('UPDATE audit SET doc = ? WHERE seq = 7').run(JSON.stringify(edited));
    db.close();
    const engine = await h.restart();
    const report = await engine.verifyAudit();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 7, reason: expect.stringMatching(/does not match its hash/) });
  });

  it('should name the next entry when an edited one was rehashed to hide it: its link no longer matches', async () => {
    await h.engine.close();
    const db = new Database(h.file);
    const row = db.prepare('SELECT doc FROM audit WHERE seq = 7').get() as { doc: string };
    const { seq, prev, hash: _hash, format: _format, ...input } = JSON.parse(row.doc) as AuditEntry;
    // Someone who knows the format recomputes the hash of the entry they rewrote, column too
    const forged = chainEntry({ ...input, actor: 'someone-else' }, seq, prev);
    db.prepare('UPDATE audit SET doc = ?, hash = ? WHERE seq = 7').run(JSON.stringify(forged), forged.hash);
    db.close();
    const report = await (await h.restart()).verifyAudit();
    expect(report).toMatchObject({ ok: false, checked: 8, firstBroken: { seq: 8, reason: 'its link to the previous entry does not match' } });
  });

  it('should name the gap where an entry was deleted', async () => {
    await h.engine.close();
    const db = new Database(h.file);
    db.prepare('DELETE FROM audit WHERE seq = 4').run();
    db.close();
    const report = await (await h.restart()).verifyAudit();
    expect(report.firstBroken).toMatchObject({ seq: 5, reason: 'entry 4 is missing (found 5 next)' });
  });
});
