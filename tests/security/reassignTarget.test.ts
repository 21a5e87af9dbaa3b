import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/testServer.js';
import { aroundToday, complete, openTask, startSecurityServer, takeIn } from './securityServer.js';

/** Issue 9, item 3: a reassignment goes only to someone eligible; by default it is a fresh draw. */
describe('reassigning an ID-card review', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSecurityServer(['ID-CARD']);
  });
  afterAll(() => server.dispose());

  async function atReview() {
    const { id, intake } = await takeIn(server, 'ID-CARD', 'clerk-astana');
    await complete(server, intake.id, 'clerk-astana', { outcome: 'complete' });
    return openTask(server, id, 'review');
  }
  const reassign = (taskId: string, json: Record<string, unknown>) => server.api(`/api/tasks/${taskId}/reassign`, { method: 'POST', json, as: 'mvd-supervisor' });

  it('should refuse a social-protection official, a clerk, the coordinator and the supervisor themself, naming why', async () => {
    const review = await atReview();
    const cases: Array<[string, string]> = [
      ['social-1', 'not a member of mvd-passport'],
      ['clerk-astana', 'not a member of mvd-passport'],
      ['coordinator', 'not a member of mvd-passport'],
      ['mvd-supervisor', 'not a member of mvd-passport'],
      ['nobody-such', 'is not a user'],
    ];
    for (const [to, why] of cases) {
      const response = await reassign(review.id, { to, reason: 'try' });
      expect(response.status, to).toBe(400);
      const body = (await response.json()) as { error: { message: string; details?: { field?: string } } };
      expect(body.error.message, to).toContain(why);
      expect(body.error.details?.field).toBe('to');
    }
    expect((await server.engine.task(review.id)).assignee).toBe(review.assignee);
    // And the refused target cannot read the file either.
    expect((await server.api(`/api/applications/${review.instanceId}`, { as: 'social-1' })).status).toBe(403);
  });

  it('should refuse an absent member and an inactive one', async () => {
    const review = await atReview();
    const other = review.assignee === 'mvd-1' ? 'mvd-2' : 'mvd-1';
    await server.engine.directory.setAbsence(other, { ...aroundToday(), by: 'mvd-supervisor' });
    const absent = await reassign(review.id, { to: other, reason: 'try' });
    expect(absent.status).toBe(400);
    expect(await absent.text()).toContain('is absent');
    await server.engine.directory.clearAbsence(other, aroundToday().from);
    await server.engine.directory.clearAbsence(other, aroundToday().to);
    const user = await server.engine.directory.getUser(other);
    await server.engine.directory.putUser({ ...user, active: false });
    const inactive = await reassign(review.id, { to: other, reason: 'try' });
    expect(inactive.status).toBe(400);
    expect(await inactive.text()).toContain('is not active');
    await server.engine.directory.putUser({ ...user, active: true });
  });

  it('should re-draw at random among the eligible without `to`, and audit it as a re-draw with its pool', async () => {
    const review = await atReview();
    const response = await reassign(review.id, { reason: 'the official is overloaded' });
    expect(response.status).toBe(200);
    const other = review.assignee === 'mvd-1' ? 'mvd-2' : 'mvd-1';
    expect(await response.json()).toMatchObject({ id: review.id, assignee: other });
    const entry = (await server.engine.audit({ subject: review.id })).find((e) => e.action === 'task.reassign');
    expect(entry).toMatchObject({ actor: 'mvd-supervisor', data: { from: review.assignee, to: other, mode: 'redraw', poolSize: 1, group: 'mvd-passport' } });
  });

  it('should record a named pick of an eligible member as a manual pick', async () => {
    const review = await atReview();
    const other = review.assignee === 'mvd-1' ? 'mvd-2' : 'mvd-1';
    const response = await reassign(review.id, { to: other, reason: 'knows the case' });
    expect(response.status).toBe(200);
    const entry = (await server.engine.audit({ subject: review.id })).find((e) => e.action === 'task.reassign');
    expect(entry).toMatchObject({ data: { from: review.assignee, to: other, mode: 'pick', reason: 'knows the case' } });
  });

  it('should answer 409 when nobody else is eligible for a re-draw', async () => {
    const review = await atReview();
    const other = review.assignee === 'mvd-1' ? 'mvd-2' : 'mvd-1';
    await server.engine.directory.setAbsence(other, { ...aroundToday(), by: 'mvd-supervisor' });
    const response = await reassign(review.id, { reason: 'try' });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('nobody else in mvd-passport');
  });
});
