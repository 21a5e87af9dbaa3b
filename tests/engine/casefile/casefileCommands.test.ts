import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMENT_MAX_LENGTH, ConflictError, InvalidArgumentError, NotFoundError, createEngine, manualClock, sqliteStore, type Engine } from '../../../engine/index.js';

const twoReviews = readFileSync(new URL('../../server/casefile/two-reviews.bpmn', import.meta.url), 'utf8');

describe('case file commands', () => {
  let engine: Engine;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock('2026-03-20T04:00:00Z');
    engine = await createEngine({ store: sqliteStore(':memory:'), clock });
    await engine.directory.putUser({ id: 'o1', name: 'First', roles: ['official'], groups: ['social-benefits'], agency: 'social' });
    await engine.directory.putUser({ id: 'o2', name: 'Second', roles: ['official'], groups: ['social-benefits'], agency: 'social' });
    await engine.deploy(twoReviews);
  });
  afterEach(() => engine.close());

  const started = async () => {
    const { id } = await engine.start('casefile_benefit', { channel: 'centre', by: 'clerk', applicant: { name: 'Aigerim Seitkali', iin: '900101300123' } });
    const [check] = await engine.tasks({ instanceId: id });
    return { id, check: check! };
  };

  describe('addComment', () => {
    it('should keep the trimmed text as a history entry and an audit entry of one commit', async () => {
      const { id } = await started();
      const entry = await engine.addComment(id, { by: 'clerk', text: '  Original on Monday  ', office: 'front' });
      expect(entry).toMatchObject({ event: 'comment', at: '2026-03-20T04:00:00.000Z', data: { text: 'Original on Monday', by: 'clerk', office: 'front' } });
      expect((await engine.history(id)).filter((h) => h.event === 'comment')).toEqual([entry]);
      expect((await engine.audit({ subject: id })).find((e) => e.action === 'application.comment')).toMatchObject({ actor: 'clerk', data: { text: 'Original on Monday' } });
    });

    it('should refuse an empty text, one over the limit, an unknown side and an unknown application', async () => {
      const { id } = await started();
      await expect(engine.addComment(id, { by: 'clerk', text: ' ', office: 'front' })).rejects.toMatchObject({ field: 'text' });
      await expect(engine.addComment(id, { by: 'clerk', text: 'x'.repeat(COMMENT_MAX_LENGTH + 1), office: 'front' })).rejects.toThrow(InvalidArgumentError);
      await expect(engine.addComment(id, { by: 'clerk', text: 'hi', office: 'counter' as 'front' })).rejects.toMatchObject({ field: 'office' });
      await expect(engine.addComment('nope', { by: 'clerk', text: 'hi', office: 'front' })).rejects.toThrow(NotFoundError);
      expect((await engine.history(id)).some((h) => h.event === 'comment')).toBe(false);
    });
  });

  describe('unclaimTask', () => {
    it("should put a claimed task back in its group's queue, with history and audit", async () => {
      const { id, check } = await started();
      await engine.claimTask(check.id, { by: 'clerk' });
      const back = await engine.unclaimTask(check.id, { by: 'clerk' });
      expect(back.assignee).toBeNull();
      expect((await engine.tasks({ group: 'centre-clerks', unassigned: true })).map((t) => t.id)).toContain(check.id);
      expect((await engine.history(id)).find((h) => h.event === 'unclaim')).toMatchObject({ elementId: 'check', data: { taskId: check.id, from: 'clerk', by: 'clerk' } });
      // Someone else can claim it now
      expect((await engine.claimTask(check.id, { by: 'clerk-2' })).assignee).toBe('clerk-2');
    });

    it("should refuse another worker, a supervisor without a reason, a task in the queue and a task drawn at random", async () => {
      const { id, check } = await started();
      await engine.claimTask(check.id, { by: 'clerk' });
      await expect(engine.unclaimTask(check.id, { by: 'clerk-2' })).rejects.toThrow(ConflictError);
      await expect(engine.unclaimTask(check.id, { by: 'boss', asSupervisor: true })).rejects.toMatchObject({ field: 'reason' });
      expect((await engine.unclaimTask(check.id, { by: 'boss', asSupervisor: true, reason: 'ill' })).assignee).toBeNull();
      await expect(engine.unclaimTask(check.id, { by: 'clerk' })).rejects.toThrow(/already in its group's queue/);
      await engine.completeTask(check.id, { by: 'clerk' });
      const [review] = await engine.tasks({ instanceId: id });
      await expect(engine.unclaimTask(review!.id, { by: review!.assignee! })).rejects.toThrow(/random draw, not claimed/);
      await expect(engine.unclaimTask(check.id, { by: 'clerk' })).rejects.toThrow(/already completed/);
    });
  });

  describe('findApplications', () => {
    it('should find by exact IIN or part of the name, newest first, and refuse a prefix', async () => {
      const first = await started();
      clock.advance('PT1H');
      const second = await started();
      expect((await engine.findApplications({ iin: '900101300123' })).map((a) => a.id)).toEqual([second.id, first.id]);
      expect(await engine.findApplications({ name: 'seitkali' })).toHaveLength(2);
      await expect(engine.findApplications({ iin: '9001' })).rejects.toMatchObject({ field: 'iin' });
      await expect(engine.findApplications({ name: 'ai' })).rejects.toMatchObject({ field: 'name' });
      expect(await engine.findApplications({ iin: '111111111111' })).toEqual([]);
    });

    it("should ask the store's applicant index, page after the last one, and never scan the instances", async () => {
      const store = sqliteStore(':memory:');
      const indexed = await createEngine({ store, clock });
      try {
        await indexed.deploy(twoReviews);
        const scan = vi.spyOn(store, 'listInstances');
        const lookup = vi.spyOn(store, 'findInstancesByApplicant');
        const ids: string[] = [];
        for (let n = 0; n < 3; n++) {
          ids.unshift((await indexed.start('casefile_benefit', { channel: 'centre', by: 'clerk', applicant: { name: 'Сейткали Айгерім', iin: '900101300123' } })).id);
          clock.advance('PT1M');
        }
        const page = await indexed.findApplications({ name: 'АЙГЕР', limit: 2 });
        expect(page.map((a) => a.id)).toEqual(ids.slice(0, 2));
        const next = await indexed.findApplications({ iin: '900101300123', limit: 2, after: { startedAt: page[1]!.startedAt, id: page[1]!.id } });
        expect(next.map((a) => a.id)).toEqual(ids.slice(2));
        expect(lookup).toHaveBeenCalledWith({ namePrefix: 'АЙГЕР', limit: 2 });
        expect(scan).not.toHaveBeenCalled();
      } finally {
        await indexed.close();
      }
    });
  });
});
