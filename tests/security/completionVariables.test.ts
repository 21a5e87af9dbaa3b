import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/testServer.js';
import { complete, openTask, startSecurityServer, takeIn } from './securityServer.js';

/** Issue 9, item 5: the intake record cannot be rewritten, and a completion's audit entry says what it wrote. */
describe('completion variables', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSecurityServer(['ID-CARD']);
  });
  afterAll(() => server.dispose());

  async function atReview() {
    const app = await takeIn(server, 'ID-CARD', 'clerk-astana');
    await complete(server, app.intake.id, 'clerk-astana', { outcome: 'complete' });
    return { ...app, review: await openTask(server, app.id, 'review') };
  }

  it('should refuse an official rewriting the documents on the receipt, naming the variable, and keep the receipt', async () => {
    const { id, review } = await atReview();
    const before = await server.engine.receipt(id);
    for (const name of ['documents', 'applicant', 'channel', 'serviceCode', 'trackingNumber', 'centre']) {
      const response = await server.api(`/api/tasks/${review.id}/complete`, { method: 'POST', json: { outcome: 'approve', variables: { [name]: ['forged'] } }, as: review.assignee! });
      expect(response.status, name).toBe(400);
      const body = (await response.json()) as { error: { message: string; details?: { field?: string } } };
      expect(body.error.details?.field, name).toBe(`variables.${name}`);
      expect(body.error.message).toContain('intake record');
    }
    expect(await server.engine.receipt(id)).toEqual(before);
    expect((await server.engine.task(review.id)).state).toBe('open');
  });

  it('should record the variables a completion wrote in its audit entry', async () => {
    const { review } = await atReview();
    await complete(server, review.id, review.assignee!, { outcome: 'approve', variables: { decisionNote: 'photo matches' } });
    const entry = (await server.engine.audit({ subject: review.id })).find((e) => e.action === 'task.complete');
    expect(entry).toMatchObject({ actor: review.assignee, data: { outcome: 'approve', variables: { decisionNote: 'photo matches' } } });
  });
});
