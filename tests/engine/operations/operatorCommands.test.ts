import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openHarness, path, type Harness } from '../../support/harness.js';

/** start → review (user task) → register (service task: fails without registryId) → done. */
const process = (review: string, reviewKind = 'userTask', extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="ops" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${review}" />
    <bpmn:${reviewKind} id="${review}" name="Review"${reviewKind === 'serviceTask' ? ' ps:handler="register"' : ''} />
    <bpmn:sequenceFlow id="f2" sourceRef="${review}" targetRef="register" />
    <bpmn:serviceTask id="register" name="Register" ps:handler="register" />
    <bpmn:sequenceFlow id="f3" sourceRef="register" targetRef="done" />
    <bpmn:endEvent id="done" />${extra}
  </bpmn:process>
</bpmn:definitions>`;

describe('operator commands: cancel, modify, migrate, list', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness({
      handlers: {
        register: ({ variables }) => {
          if (typeof variables['registryId'] !== 'string') throw new Error('registry refused: registryId is missing');
          return { registered: true };
        },
      },
    });
    await h.engine.deploy(process('review'));
  });
  afterEach(() => h.dispose());

  const atReview = async () => (await h.engine.start('ops')).id;

  it('should cancel a running instance: its task cancelled, status terminated, audited with the reason', async () => {
    const id = await atReview();
    const view = await h.engine.cancelInstance(id, { by: 'operator', reason: 'applicant withdrew' });
    expect(view.state).toBe('terminated');
    expect(view.tokens).toEqual([]);
    expect(await h.engine.tasks({ instanceId: id, state: 'open' })).toEqual([]);
    expect((await h.engine.tasks({ instanceId: id, state: 'any' }))[0]).toMatchObject({ state: 'cancelled' });
    const audit = (await h.engine.audit({ subject: id })).find((a) => a.action === 'instance.cancel');
    expect(audit).toMatchObject({ actor: 'operator', data: { reason: 'applicant withdrew', elements: ['review'] } });
    await expect(h.engine.cancelInstance(id, { by: 'operator', reason: 'again' })).rejects.toThrow(/already ended \(terminated\)/);
  });

  it('should refuse a cancel without a reason, naming the field', async () => {
    const id = await atReview();
    await expect(h.engine.cancelInstance(id, { by: 'operator', reason: ' ' })).rejects.toThrow(/^reason: is required/);
    await expect(h.engine.cancelInstance('nope', { by: 'operator', reason: 'x' })).rejects.toThrow(/instance 'nope' not found/);
  });

  it('should move a token: the task where it was is cancelled and the target entered', async () => {
    const id = await atReview();
    const moved = await h.engine.modifyInstance(id, { by: 'operator', reason: 'review done on paper', to: 'register', variables: { registryId: 'R-1' } });
    expect(moved.state).toBe('completed');
    expect(moved.variables).toMatchObject({ registryId: 'R-1', registered: true });
    expect((await h.engine.tasks({ instanceId: id, state: 'any' }))[0]).toMatchObject({ state: 'cancelled' });
    expect(await path(h.engine, id)).toEqual(['start', 'review', 'register', 'done']);
    expect((await h.engine.audit({ subject: id })).find((a) => a.action === 'instance.modify')).toMatchObject({
      actor: 'operator',
      data: { reason: 'review done on paper', from: 'review', to: 'register', variables: ['registryId'] },
    });
  });

  it('should refuse to move to an element that does not exist or cannot be entered, naming it', async () => {
    const id = await atReview();
    await expect(h.engine.modifyInstance(id, { by: 'operator', reason: 'x', to: 'nowhere' })).rejects.toThrow("to: element 'nowhere' is not in process ops:1");
    await expect(h.engine.modifyInstance(id, { by: 'operator', reason: 'x', to: 'start' })).rejects.toThrow("to: element 'start' is a startEvent");
    await expect(h.engine.modifyInstance(id, { by: 'operator', reason: 'x', moveFrom: 'register', to: 'done' })).rejects.toThrow(/moveFrom: .* no token at or with id 'register'/);
    expect((await h.engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['review']);
  });

  it('should retry an incident after the variable is fixed, and the instance goes on', async () => {
    const id = await atReview();
    const [task] = await h.engine.tasks({ instanceId: id });
    const failed = await h.engine.completeTask(task!.id, { by: 'official' });
    expect(failed.state).toBe('incident');
    expect(failed.incidents[0]).toMatchObject({ elementId: 'register', message: expect.stringContaining('registryId is missing') });
    const page = await h.engine.listInstances({ hasIncident: true });
    expect(page.items.map((i) => i.id)).toEqual([id]);
    const done = await h.engine.retryIncidents(id, { by: 'operator', variables: { registryId: 'R-2' } });
    expect(done.state).toBe('completed');
  });

  it('should list instances by filter with counts by state', async () => {
    const first = await atReview();
    const second = await atReview();
    await h.engine.cancelInstance(second, { by: 'operator', reason: 'duplicate' });
    h.clock.advance(60_000);
    const third = await atReview();
    const all = await h.engine.listInstances({ key: 'ops' });
    expect(all.total).toBe(3);
    expect(all.counts).toEqual({ active: 2, incident: 0, completed: 0, terminated: 1 });
    expect(all.items[0]!.id).toBe(third); // newest first
    expect((await h.engine.listInstances({ state: 'terminated' })).items.map((i) => i.id)).toEqual([second]);
    expect((await h.engine.listInstances({ elementId: 'review', startedTo: '2026-03-02T04:00:30Z' })).items.map((i) => i.id)).toEqual([first]);
    expect((await h.engine.listInstances({ key: 'ops', version: 2 })).total).toBe(0);
    expect((await h.engine.listInstances({ key: 'ops', limit: 1, offset: 1 })).items).toHaveLength(1);
  });

  it('should refuse a migration whose target lacks an element an instance is at, listing each, and migrate nothing', async () => {
    const id = await atReview();
    await h.engine.deploy(process('check'));
    const report = await h.engine.migrateInstances('ops', { fromVersion: 1, toVersion: 2, by: 'operator', reason: 'new model' });
    expect(report.problems).toEqual([{ instanceId: id, elementId: 'review', problem: expect.stringContaining("'review' is not in version 2") }]);
    expect(report.migrated).toEqual([]);
    expect((await h.engine.instance(id)).definitionId).toBe('ops:1');
  });

  it('should refuse a migration that changes the kind of the element a token is at', async () => {
    const id = await atReview();
    await h.engine.deploy(process('review', 'serviceTask'));
    const report = await h.engine.migrateInstances('ops', { fromVersion: 1, toVersion: 2, by: 'operator', reason: 'new model' });
    expect(report.problems).toEqual([{ instanceId: id, elementId: 'review', problem: "'review' is a userTask, 'review' in version 2 a serviceTask" }]);
  });

  it('should dry-run, then migrate with a mapping: tokens and open tasks renamed, audited, and the new version runs on', async () => {
    const id = await atReview();
    await h.engine.deploy(process('check'));
    const options = { fromVersion: 1, toVersion: 2, mapping: { review: 'check' }, by: 'operator', reason: 'renamed the review' };
    const dry = await h.engine.migrateInstances('ops', { ...options, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, instances: [id], problems: [], migrated: [] });
    expect((await h.engine.instance(id)).definitionId).toBe('ops:1');
    const done = await h.engine.migrateInstances('ops', options);
    expect(done.migrated).toEqual([id]);
    const view = await h.engine.instance(id);
    expect(view).toMatchObject({ definitionId: 'ops:2', tokens: [expect.objectContaining({ elementId: 'check' })] });
    const [task] = await h.engine.tasks({ instanceId: id });
    expect(task).toMatchObject({ elementId: 'check' });
    expect((await h.engine.audit({ subject: id })).find((a) => a.action === 'instance.migrate')).toMatchObject({ actor: 'operator', data: { from: 'ops:1', to: 'ops:2', reason: 'renamed the review' } });
    await expect(h.engine.completeTask(task!.id, { by: 'official', variables: { registryId: 'R-3' } })).resolves.toMatchObject({ state: 'completed' });
  });

  it('should move an open task to the target version with its instance: its form and rules are read there, also for a task stored before tasks named their version', async () => {
    const schema = { components: [{ type: 'textfield', key: 'registryId', label: 'Registry id' }] };
    const withForm = process('review').replace('<bpmn:userTask id="review" name="Review" />', `<bpmn:userTask id="review" name="Review"><bpmn:extensionElements><ps:form><![CDATA[${JSON.stringify(schema)}]]></ps:form></bpmn:extensionElements></bpmn:userTask>`);
    const moved = await atReview();
    const legacy = await atReview();
    const [before] = await h.engine.tasks({ instanceId: moved });
    expect(before).toMatchObject({ definitionId: 'ops:1', elementId: 'review' });
    expect(await h.engine.taskForm(before!.id)).toBeNull();
    await h.engine.deploy(withForm);
    // The same element id in both versions: nothing renamed, yet the task belongs to version 2 now.
    expect((await h.engine.migrateInstances('ops', { fromVersion: 1, toVersion: 2, by: 'operator', reason: 'a form for the review' })).migrated).toEqual([moved, legacy].sort());
    const [after] = await h.engine.tasks({ instanceId: moved });
    expect(after).toMatchObject({ definitionId: 'ops:2', elementId: 'review', version: before!.version + 1 });
    expect(await h.engine.taskForm(after!.id)).toMatchObject(schema);
    // A task row written before tasks kept their version: its instance says which it is.
    const [old] = await h.engine.tasks({ instanceId: legacy });
    const db = new Database(h.file);
    try {
      const { definitionId: _dropped, ...stored } = old!;
      db.prepare('UPDATE tasks SET doc = ? WHERE id = ?').run(JSON.stringify(stored), old!.id);
    } finally {
      db.close();
    }
    const reread = (await h.engine.tasks({ instanceId: legacy }))[0]!;
    expect(reread.definitionId).toBeUndefined();
    expect(await h.engine.taskForm(reread.id)).toMatchObject(schema);
    await expect(h.engine.claimTask(reread.id, { by: 'official' })).resolves.toMatchObject({ assignee: 'official' });
  });

  it('should refuse a mapping naming an element of neither version', async () => {
    await atReview();
    await h.engine.deploy(process('check'));
    await expect(h.engine.migrateInstances('ops', { fromVersion: 1, toVersion: 2, mapping: { review: 'nope' }, by: 'o', reason: 'r' })).rejects.toThrow("mapping.review: element 'nope' is not in version 2");
    await expect(h.engine.migrateInstances('ops', { fromVersion: 1, toVersion: 9, by: 'o', reason: 'r' })).rejects.toThrow(/not found/);
  });
});
