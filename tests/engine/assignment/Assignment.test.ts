import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, type Harness } from '../../support/harness.js';

const officials = ['ana', 'bek', 'dana', 'erlan'];

describe('assignment of back-office tasks', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    for (const id of officials) await h.engine.directory.putUser({ id, name: id, roles: ['official'], groups: ['reviewers'], agency: 'mj' });
    await h.engine.directory.putUser({ id: 'retired', name: 'Retired', roles: ['official'], groups: ['reviewers'], active: false });
    await h.engine.deploy(fixture(import.meta.url, 'Assignment.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should draw a random eligible official and audit the pool size, its hash and the pick', async () => {
    const { id } = await h.engine.start('assignment');
    const task = await onlyTask(h.engine, id);
    expect(officials).toContain(task.assignee);
    const [draw] = (await h.engine.audit({ subject: task.id })).filter((a) => a.action === 'task.assign');
    expect(draw!.data).toMatchObject({ strategy: 'random', group: 'reviewers', poolSize: 4, pick: task.assignee, poolHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('should never draw an absent official, nor the first reviewer for the second review (four eyes)', async () => {
    await h.engine.directory.setAbsence('dana', { from: '2026-03-01', to: '2026-03-31', reason: 'leave', by: 'supervisor' });
    for (let i = 0; i < 30; i++) {
      const { id } = await h.engine.start('assignment');
      const first = await onlyTask(h.engine, id);
      expect(['ana', 'bek', 'erlan']).toContain(first.assignee);
      await h.engine.completeTask(first.id, { by: first.assignee! });
      const second = await onlyTask(h.engine, id);
      expect(second.assignee).not.toBe(first.assignee);
      expect(['ana', 'bek', 'erlan']).toContain(second.assignee);
    }
    expect((await h.engine.audit({ subject: 'absence:dana' })).map((a) => [a.action, a.actor])).toEqual([['absence.set', 'supervisor']]);
  });

  it("should not draw an official on the last day of their absence, and draw them again the day after", async () => {
    // Given dana absent from Wednesday 25 February to Monday 2 March inclusive (today, 09:00 in Almaty)
    await h.engine.directory.setAbsence('dana', { from: '2026-02-25', to: '2026-03-02', reason: 'sick', by: 'supervisor' });
    const poolOfADraw = async () => {
      const { id } = await h.engine.start('assignment');
      const task = await onlyTask(h.engine, id);
      const [draw] = (await h.engine.audit({ subject: task.id })).filter((a) => a.action === 'task.assign');
      return draw!.data as { poolSize: number; poolHash: string; pick: string };
    };
    const ids = (users: { id: string }[]) => users.map((u) => u.id);

    // When files are drawn on the last day, then dana is not in the pool
    expect(ids(await h.engine.directory.available('reviewers', '2026-03-02'))).toEqual(['ana', 'bek', 'erlan']);
    for (let i = 0; i < 10; i++) {
      const draw = await poolOfADraw();
      expect(draw.poolSize).toBe(3);
      expect(draw.pick).not.toBe('dana');
    }
    const withoutDana = (await poolOfADraw()).poolHash;

    // When a file is drawn the next morning, then dana is in the pool again
    h.clock.advance('P1D');
    expect(ids(await h.engine.directory.available('reviewers', '2026-03-03'))).toEqual(['ana', 'bek', 'dana', 'erlan']);
    const nextDay = await poolOfADraw();
    expect(nextDay.poolSize).toBe(4);
    expect(nextDay.poolHash).not.toBe(withoutDana);
    // …and the day before the absence she was in it too
    expect(ids(await h.engine.directory.available('reviewers', '2026-02-24'))).toEqual(['ana', 'bek', 'dana', 'erlan']);
    expect(ids(await h.engine.directory.available('reviewers', '2026-02-25'))).toEqual(['ana', 'bek', 'erlan']);
  });

  it('should record in each draw what an auditor needs to re-check it: the officials excluded by four eyes, and a pool hash recomputable from the pool', async () => {
    const { id } = await h.engine.start('assignment');
    const first = await onlyTask(h.engine, id);
    await h.engine.completeTask(first.id, { by: first.assignee! });
    const second = await onlyTask(h.engine, id);
    const [draw] = (await h.engine.audit({ subject: second.id })).filter((a) => a.action === 'task.assign');
    const pool = officials.filter((o) => o !== first.assignee);
    // sha256 of the eligible ids, sorted, one a line
    const poolHash = createHash('sha256').update([...pool].sort().join('\n')).digest('hex');
    expect(draw).toMatchObject({ actor: 'engine', data: { instanceId: id, elementId: 'second_review', strategy: 'random', group: 'reviewers', poolSize: 3, poolHash, excluded: [first.assignee], pick: second.assignee } });
  });

  it('should let a supervisor end an absence early: the official is drawn again that day, and the audit trail says who marked whom absent and back', async () => {
    // Given dana with a past absence and one covering today
    await h.engine.directory.setAbsence('dana', { from: '2026-02-02', to: '2026-02-06', reason: 'leave', by: 'supervisor' });
    await h.engine.directory.setAbsence('dana', { from: '2026-03-01', to: '2026-03-20', reason: 'sick', by: 'dana' });
    expect((await h.engine.directory.available('reviewers', '2026-03-02')).map((u) => u.id)).not.toContain('dana');

    // When the supervisor ends today's absence, then only the absence covering today goes
    const left = await h.engine.directory.clearAbsence('dana', '2026-03-02', { by: 'supervisor' });
    expect(left.map((p) => [p.from, p.to])).toEqual([['2026-02-02', '2026-02-06']]);
    expect(await h.engine.directory.absences('dana')).toEqual(left);
    const { id } = await h.engine.start('assignment');
    const [draw] = (await h.engine.audit({ subject: (await onlyTask(h.engine, id)).id })).filter((a) => a.action === 'task.assign');
    expect(draw!.data).toMatchObject({ poolSize: 4 });

    expect((await h.engine.audit({ subject: 'absence:dana' })).map((a) => [a.action, a.actor, a.data])).toEqual([
      ['absence.set', 'supervisor', expect.objectContaining({ userId: 'dana', from: '2026-02-02', to: '2026-02-06' })],
      ['absence.set', 'dana', expect.objectContaining({ userId: 'dana', from: '2026-03-01', to: '2026-03-20' })],
      ['absence.clear', 'supervisor', expect.objectContaining({ userId: 'dana', date: '2026-03-02' })],
    ]);
  });

  it('should leave the task unassigned in the group queue, flagged, when nobody is eligible', async () => {
    for (const id of officials) await h.engine.directory.setAbsence(id, { from: '2026-03-02', to: '2026-03-02' });
    const { id } = await h.engine.start('assignment');
    const task = await onlyTask(h.engine, id);
    expect(task.assignee).toBeNull();
    expect(task.attention).toMatch(/no eligible official in group reviewers on 2026-03-02/);
    expect((await h.engine.tasks({ group: 'reviewers', unassigned: true })).map((t) => t.id)).toEqual([task.id]);
    h.clock.advance('P1D'); // back from a one-day absence: a supervisor hands it out
    const moved = await h.engine.reassignTask(task.id, { to: 'bek', by: 'supervisor', reason: 'queue' });
    expect(moved.assignee).toBe('bek');
  });

  it('should rotate round-robin through the group in order, persisting the pointer across restarts', async () => {
    const picks: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      if (i === 3) await h.restart();
      const { id } = await h.engine.start('assignment', { variables: { strategy: 'round-robin' } });
      picks.push((await onlyTask(h.engine, id)).assignee);
    }
    expect(picks).toEqual(['ana', 'bek', 'dana', 'erlan', 'ana', 'bek']);
  });

  it('should draw nobody for a claim task: it waits in the group queue, unflagged, until a member claims it', async () => {
    const { id } = await h.engine.start('assignment', { variables: { strategy: 'claim' } });
    const task = await onlyTask(h.engine, id);
    expect(task).toMatchObject({ elementId: 'queued', assignee: null, candidateGroup: 'reviewers' });
    expect(task.attention).toBeUndefined();
    expect((await h.engine.audit({ subject: task.id })).map((a) => a.action)).not.toContain('task.assign');
    expect((await h.engine.claimTask(task.id, { by: 'bek' })).assignee).toBe('bek');
  });

  it('should give least-loaded tasks to whoever has the fewest open tasks', async () => {
    for (const who of ['ana', 'bek', 'dana']) {
      const { id } = await h.engine.start('assignment', { variables: { strategy: 'round-robin' } });
      expect((await onlyTask(h.engine, id)).assignee).toBe(who);
    }
    const { id } = await h.engine.start('assignment', { variables: { strategy: 'least-loaded' } });
    expect((await onlyTask(h.engine, id)).assignee).toBe('erlan');
  });

  it('should let exactly one of a completion and a reassignment win, for each of 100 tasks', async () => {
    const tasks = [];
    for (let i = 0; i < 100; i++) {
      const { id } = await h.engine.start('assignment', { variables: { strategy: 'round-robin' } });
      tasks.push(await onlyTask(h.engine, id));
    }
    const races = await Promise.all(
      tasks.map(async (task) => {
        const other = officials.find((o) => o !== task.assignee)!;
        const [completion, reassignment] = await Promise.allSettled([
          h.engine.completeTask(task.id, { by: task.assignee! }),
          h.engine.reassignTask(task.id, { to: other, by: 'supervisor', reason: 'balance' }),
        ]);
        const after = await h.engine.task(task.id);
        return { completion: completion.status, reassignment: reassignment.status, after, original: task.assignee, other };
      }),
    );
    for (const race of races) {
      expect([race.completion, race.reassignment].filter((s) => s === 'fulfilled')).toHaveLength(1);
      if (race.completion === 'fulfilled') expect(race.after).toMatchObject({ state: 'completed', assignee: race.original, completedBy: race.original });
      else expect(race.after).toMatchObject({ state: 'open', assignee: race.other });
    }
  });

  it('should refuse to reassign a second review to the first reviewer (four eyes)', async () => {
    const { id } = await h.engine.start('assignment');
    const first = await onlyTask(h.engine, id);
    await h.engine.completeTask(first.id, { by: first.assignee! });
    const second = await onlyTask(h.engine, id);
    await expect(h.engine.reassignTask(second.id, { to: first.assignee!, by: 'supervisor', reason: 'x' })).rejects.toThrow(/^to: .* may not also take second_review \(four eyes\)/);
  });

  it('should refuse the first reviewer who claims the second review from the group queue (four eyes), and let another official claim it', async () => {
    // Given a first review done by its drawn official, and everyone else absent today, so the
    // second review finds nobody eligible and waits unassigned in the group queue
    const { id } = await h.engine.start('assignment');
    const first = await onlyTask(h.engine, id);
    const firstReviewer = first.assignee!;
    const others = officials.filter((o) => o !== firstReviewer);
    for (const other of others) await h.engine.directory.setAbsence(other, { from: '2026-03-02', to: '2026-03-02' });
    await h.engine.completeTask(first.id, { by: firstReviewer });
    const second = await onlyTask(h.engine, id);
    expect(second).toMatchObject({ elementId: 'second_review', assignee: null });

    // When the first reviewer claims it, then the claim is refused and the task stays in the queue
    await expect(h.engine.claimTask(second.id, { by: firstReviewer })).rejects.toThrow(/^by: .* may not also take second_review \(four eyes\)/);
    expect((await h.engine.task(second.id)).assignee).toBeNull();
    expect((await h.engine.audit({ subject: second.id })).map((a) => a.action)).not.toContain('task.claim');

    // When another official, back early, claims it, then it is theirs
    await h.engine.directory.clearAbsence(others[0]!, '2026-03-02');
    expect((await h.engine.claimTask(second.id, { by: others[0]! })).assignee).toBe(others[0]);
  });

  it('should refuse a completion by an official the task is no longer assigned to', async () => {
    const { id } = await h.engine.start('assignment');
    const task = await onlyTask(h.engine, id);
    const other = officials.find((o) => o !== task.assignee)!;
    await h.engine.reassignTask(task.id, { to: other, by: 'supervisor', reason: 'sick' });
    await expect(h.engine.completeTask(task.id, { by: task.assignee! })).rejects.toBeInstanceOf(ConflictError);
  });

  it('should refuse an ill-formed user and name the field', async () => {
    await expect(h.engine.directory.putUser({ id: 'x', name: 'X', roles: ['wizard' as 'official'] })).rejects.toThrow(InvalidArgumentError);
    await expect(h.engine.directory.putUser({ id: 'x', name: 'X', roles: ['wizard' as 'official'] })).rejects.toThrow(/^roles\.0:/);
    await expect(h.engine.directory.setAbsence('ana', { from: '2026-03-10', to: '2026-03-01' })).rejects.toThrow(/^to: from must not be after to/);
  });
});
