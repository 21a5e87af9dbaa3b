import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/testServer.js';
import { aroundToday, complete, openTask, startSecurityServer, takeIn } from './securityServer.js';

/** Issue 9, item 1: one four-eyes rule for the draw, a claim, a completion and a reassignment. */
describe('four eyes on COMPANY-REG (review, then a second review by another official)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSecurityServer(['COMPANY-REG']);
  });
  afterAll(() => server.dispose());

  /** Up to the second review, with the other justice official absent so it waits unassigned. */
  async function atSecondReview() {
    const { id, intake } = await takeIn(server, 'COMPANY-REG', 'clerk-astana');
    await complete(server, intake.id, 'clerk-astana', { outcome: 'complete' });
    const review = await openTask(server, id, 'review');
    const reviewer = review.assignee!;
    const other = reviewer === 'mj-1' ? 'mj-2' : 'mj-1';
    await server.engine.directory.setAbsence(other, { ...aroundToday(), by: 'mj-supervisor' });
    await complete(server, review.id, reviewer, { outcome: 'approve' });
    const second = await openTask(server, id, 'second_review');
    return { id, reviewer, other, second };
  }

  it('should refuse the first reviewer completing the second review that waits unassigned', async () => {
    const { reviewer, second } = await atSecondReview();
    expect(second.assignee).toBeNull();
    const response = await server.api(`/api/tasks/${second.id}/complete`, { method: 'POST', json: { outcome: 'confirm' }, as: reviewer });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('four eyes');
    expect((await server.engine.task(second.id)).state).toBe('open');
  });

  it('should refuse the first reviewer a claim of the second review', async () => {
    const { reviewer, second } = await atSecondReview();
    const response = await server.api(`/api/tasks/${second.id}/claim`, { method: 'POST', as: reviewer });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('four eyes');
  });

  it('should refuse a supervisor handing the second review to the first reviewer, and let another official take it', async () => {
    const { reviewer, other, second } = await atSecondReview();
    const refused = await server.api(`/api/tasks/${second.id}/reassign`, { method: 'POST', json: { to: reviewer, reason: 'only one here' }, as: 'mj-supervisor' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('four eyes');
    const claimed = await server.api(`/api/tasks/${second.id}/claim`, { method: 'POST', as: other });
    expect(claimed.status).toBe(200);
    await complete(server, second.id, other, { outcome: 'confirm' });
  });
});
