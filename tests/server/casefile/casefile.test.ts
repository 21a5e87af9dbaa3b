import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MAX_LENGTH, type TaskRecord } from '../../../engine/index.js';
import { fixture } from '../../support/harness.js';
import { TEST_ORGANISATION } from '../testOrganisation.js';
import { deploy, startTestServer, type TestServer } from '../testServer.js';

const twoReviews = fixture(import.meta.url, 'two-reviews.bpmn');
const escalation = fixture(import.meta.url, 'escalation.bpmn');

interface Line {
  kind: string;
  elementId?: string;
  side: string;
  actor?: { id: string; name?: string };
  details: Record<string, unknown>;
}
interface Found {
  id: string;
  trackingNumber: string;
  applicant?: { iin?: string; name?: string };
}

describe('the case file: search, comments, unclaim, timeline, earlier decisions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      organisation: {
        ...TEST_ORGANISATION,
        users: [
          ...TEST_ORGANISATION.users,
          { id: 'official-2', name: 'Second benefits official', roles: ['official'], groups: ['social-benefits'], agency: 'social' },
          { id: 'official-pensions', name: 'Pensions official', roles: ['official'], groups: ['social-pensions'], agency: 'social' },
        ],
      },
    });
    expect((await deploy(server, twoReviews)).status).toBe(201);
    expect((await deploy(server, escalation)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const get = async <T>(path: string, as: string): Promise<{ status: number; body: T }> => {
    const response = await server.api(path, { as });
    return { status: response.status, body: (await response.json()) as T };
  };
  const post = async <T>(path: string, as: string, json: unknown): Promise<{ status: number; body: T }> => {
    const response = await server.api(path, { method: 'POST', as, json });
    return { status: response.status, body: (await response.json()) as T };
  };
  /** Registered by the demo clerk at astana-1. */
  const register = async (applicant: { name: string; iin: string }) => {
    const { status, body } = await post<{ id: string; trackingNumber: string }>('/api/applications', 'clerk', { serviceCode: 'TEST-CASEFILE', channel: 'centre', applicant });
    expect(status).toBe(201);
    const [check] = await server.engine.tasks({ instanceId: body.id });
    return { ...body, check: check! };
  };
  const openTask = async (instanceId: string, elementId: string): Promise<TaskRecord> => {
    const task = (await server.engine.tasks({ instanceId })).find((t) => t.elementId === elementId);
    expect(task, elementId).toBeDefined();
    return task!;
  };

  describe('search within scope', () => {
    const iin = '900101300123';
    let app: { id: string; trackingNumber: string };
    beforeAll(async () => {
      const registered = await register({ name: 'Aigerim Seitkali', iin });
      // Past the counter: the review waits for one of social-benefits.
      await server.engine.completeTask(registered.check.id, { by: 'clerk' });
      app = registered;
      await register({ name: 'Someone Else', iin: '850202400456' });
    });

    it("should find an applicant's applications by IIN for the centre's clerk and the agency's official, and nothing for another centre or agency", async () => {
      const ids = async (as: string) => (await get<Found[]>(`/api/applications?iin=${iin}`, as)).body.map((a) => a.trackingNumber);
      expect(await ids('clerk')).toEqual([app.trackingNumber]);
      expect(await ids('official')).toEqual([app.trackingNumber]);
      expect(await ids('supervisor')).toEqual([app.trackingNumber]);
      // Given a clerk of the Almaty centre and an official of the justice ministry: the same IIN shows nothing
      expect(await ids('clerk-almaty')).toEqual([]);
      expect(await ids('official-mj')).toEqual([]);
      expect(await ids('supervisor-mj')).toEqual([]);
      // An official of the same agency in another department opens the file by its id, but does not read the person's history
      expect((await get(`/api/applications/${app.id}`, 'official-pensions')).status).toBe(200);
      expect(await ids('official-pensions')).toEqual([]);
    });

    it('should find by part of the name, case-insensitive, in scope only', async () => {
      const found = (await get<Found[]>('/api/applications?name=SEITK', 'clerk')).body;
      expect(found.map((a) => a.applicant?.iin)).toEqual([iin]);
      expect((await get<Found[]>('/api/applications?name=SEITK', 'clerk-almaty')).body).toEqual([]);
      expect((await get<Found[]>(`/api/applications?trackingNumber=${app.trackingNumber}`, 'official-mj')).body).toEqual([]);
    });

    it('should page the matches with offset and limit, newest first', async () => {
      const newer = await register({ name: 'Aigerim Seitkali', iin });
      const first = (await get<Found[]>(`/api/applications?iin=${iin}&limit=1`, 'clerk')).body;
      const second = (await get<Found[]>(`/api/applications?iin=${iin}&limit=1&offset=1`, 'clerk')).body;
      expect(first.map((a) => a.id)).toEqual([newer.id]);
      expect(second.map((a) => a.id)).toEqual([app.id]);
    });

    it('should record every IIN look-up in the audit trail, also the one that showed nothing', async () => {
      await get(`/api/applications?iin=${iin}`, 'clerk-almaty');
      const lookups = (await server.engine.audit({ subject: `applicant:${iin}`, limit: 100 })).filter((e) => e.action === 'applicant.lookup');
      expect(lookups.find((e) => e.actor === 'clerk')?.data).toMatchObject({ iin, shown: [app.trackingNumber] });
      expect(lookups.filter((e) => e.actor === 'clerk-almaty').at(-1)?.data).toMatchObject({ iin, shown: [] });
    });

    it('should refuse a partial IIN (no walking the register by prefix) and a one-letter name, naming the field', async () => {
      const partial = await get<{ error: { message: string } }>('/api/applications?iin=9001', 'clerk');
      expect(partial.status).toBe(400);
      expect(partial.body.error.message).toBe('query.iin: an IIN is 12 digits');
      const short = await get<{ error: { message: string } }>('/api/applications?name=a', 'clerk');
      expect(short.status).toBe(400);
      expect(short.body.error.message).toMatch(/^query\.name: give at least 3 letters/);
    });
  });

  describe('comments', () => {
    let app: { id: string; check: TaskRecord };
    beforeAll(async () => {
      app = await register({ name: 'Dana Omarova', iin: '910303500789' });
      await server.engine.completeTask(app.check.id, { by: 'clerk' });
    });
    const comments = async (as: string) => (await get<Line[]>(`/api/applications/${app.id}/timeline`, as)).body.filter((l) => l.kind === 'comment');

    it("should carry a clerk's comment to the official's timeline without the clerk's name, and the official's back without theirs", async () => {
      expect((await post(`/api/applications/${app.id}/comments`, 'clerk', { text: 'The applicant will bring the original on Monday' })).status).toBe(201);
      expect((await post(`/api/applications/${app.id}/comments`, 'official', { text: 'Please ask for the marriage certificate' })).status).toBe(201);
      const seenByOfficial = await comments('official');
      expect(seenByOfficial.map((c) => [c.details.text, c.side, c.actor?.id])).toEqual([
        ['The applicant will bring the original on Monday', 'front', undefined],
        ['Please ask for the marriage certificate', 'back', 'official'],
      ]);
      const seenByClerk = await comments('clerk');
      expect(seenByClerk.map((c) => c.actor?.id)).toEqual(['clerk', undefined]);
      // Supervisors and auditors see both names
      expect((await comments('auditor')).map((c) => c.actor?.id)).toEqual(['clerk', 'official']);
      // Stored as history, audited
      expect((await server.engine.history(app.id)).filter((h) => h.event === 'comment')).toHaveLength(2);
      expect((await server.engine.audit({ subject: app.id })).filter((e) => e.action === 'application.comment').map((e) => e.actor)).toEqual(['clerk', 'official']);
    });

    it('should refuse a comment from outside the scope, an auditor, an empty one and one over the limit', async () => {
      expect((await post(`/api/applications/${app.id}/comments`, 'clerk-almaty', { text: 'hello' })).status).toBe(403);
      expect((await post(`/api/applications/${app.id}/comments`, 'official-mj', { text: 'hello' })).status).toBe(403);
      expect((await post(`/api/applications/${app.id}/comments`, 'auditor', { text: 'hello' })).status).toBe(403);
      const empty = await post<{ error: { message: string } }>(`/api/applications/${app.id}/comments`, 'clerk', { text: '   ' });
      expect([empty.status, empty.body.error.message]).toEqual([400, 'body.text: the comment is empty']);
      const long = await post<{ error: { message: string } }>(`/api/applications/${app.id}/comments`, 'clerk', { text: 'x'.repeat(COMMENT_MAX_LENGTH + 1) });
      expect([long.status, long.body.error.message]).toEqual([400, `body.text: a comment may have at most ${COMMENT_MAX_LENGTH} characters`]);
      expect((await post(`/api/applications/${app.id}/comments`, 'clerk', { text: 'x'.repeat(COMMENT_MAX_LENGTH) })).status).toBe(201);
    });
  });

  describe('unclaim', () => {
    it('should give a claimed task back to the queue for its holder, refuse another worker, and let a supervisor do it with a reason', async () => {
      const app = await register({ name: 'Erlan Tokayev', iin: '920404600111' });
      expect((await post(`/api/tasks/${app.check.id}/claim`, 'clerk', {})).status).toBe(200);
      // Not the holder, not a supervisor
      expect((await post(`/api/tasks/${app.check.id}/unclaim`, 'clerk-almaty', {})).status).toBe(403);
      const given = await post<{ assignee: string | null }>(`/api/tasks/${app.check.id}/unclaim`, 'clerk', {});
      expect([given.status, given.body.assignee]).toEqual([200, null]);
      expect((await server.engine.task(app.check.id)).assignee).toBeNull();
      expect((await server.engine.history(app.id)).find((h) => h.event === 'unclaim')).toMatchObject({ elementId: 'check', data: { taskId: app.check.id, from: 'clerk', by: 'clerk' } });
      expect((await server.engine.audit({ subject: app.check.id })).map((e) => e.action).filter((a) => a !== 'task.create')).toEqual(['task.claim', 'task.unclaim']);
      // Already in the queue
      expect((await post(`/api/tasks/${app.check.id}/unclaim`, 'clerk', {})).status).toBe(403);

      await post(`/api/tasks/${app.check.id}/claim`, 'clerk', {});
      const noReason = await post<{ error: { message: string } }>(`/api/tasks/${app.check.id}/unclaim`, 'supervisor', {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toMatch(/reason/);
      expect((await post(`/api/tasks/${app.check.id}/unclaim`, 'supervisor-mj', { reason: 'not mine' })).status).toBe(403);
      expect((await post(`/api/tasks/${app.check.id}/unclaim`, 'supervisor', { reason: 'the clerk went home ill' })).status).toBe(200);
      expect((await server.engine.task(app.check.id)).assignee).toBeNull();
      const line = (await get<Line[]>(`/api/applications/${app.id}/timeline`, 'official')).body.filter((l) => l.kind === 'unclaim');
      // The official sees that the counter's task went back, not which clerk or supervisor did it
      expect(line.map((l) => [l.actor, l.details.bySupervisor])).toEqual([[undefined, false], [undefined, true]]);
    });

    it('should let a supervisor give back an escalation they claimed themselves, without a reason', async () => {
      const { body } = await post<{ id: string }>('/api/applications', 'clerk', { serviceCode: 'TEST-ESCALATION', channel: 'centre' });
      const act = await openTask(body.id, 'act');
      await server.engine.claimTask(act.id, { by: 'supervisor' });
      expect((await post(`/api/tasks/${act.id}/unclaim`, 'supervisor-mj', { reason: 'not mine' })).status).toBe(403);
      const given = await post<{ assignee: string | null }>(`/api/tasks/${act.id}/unclaim`, 'supervisor', {});
      expect([given.status, given.body.assignee]).toEqual([200, null]);
    });

    it('should refuse to give back a task drawn at random: only a reassignment moves it', async () => {
      const app = await register({ name: 'Gulnara Abenova', iin: '930505700222' });
      await server.engine.completeTask(app.check.id, { by: 'clerk' });
      const review = await openTask(app.id, 'review');
      const answer = await post<{ error: { message: string } }>(`/api/tasks/${review.id}/unclaim`, review.assignee!, {});
      expect(answer.status).toBe(409);
      expect(answer.body.error.message).toMatch(/random draw, not claimed/);
      expect((await server.engine.task(review.id)).assignee).toBe(review.assignee);
    });
  });

  describe('timeline and the second reviewer', () => {
    let app: { id: string; trackingNumber: string; check: TaskRecord };
    let first: string;
    beforeAll(async () => {
      app = await register({ name: 'Kairat Sadykov', iin: '940606800333' });
      await server.engine.claimTask(app.check.id, { by: 'clerk' });
      await server.engine.completeTask(app.check.id, { by: 'clerk', outcome: 'complete' });
      const review = await openTask(app.id, 'review');
      first = review.assignee!;
      await server.engine.completeTask(review.id, { by: first, outcome: 'approve', variables: { decisionNote: 'All documents in order', reviewer: first } });
    });

    it("should show the steps and decisions, naming people only to whom their side is visible", async () => {
      const clerk = (await get<Line[]>(`/api/applications/${app.id}/timeline`, 'clerk')).body;
      expect(clerk.map((l) => l.kind)).toEqual(['received', 'taskOpened', 'claim', 'taskCompleted', 'taskOpened', 'assigned', 'taskCompleted', 'taskOpened', 'assigned']);
      const review = clerk.find((l) => l.kind === 'taskCompleted' && l.elementId === 'review')!;
      // The clerk learns the decision and its note, never who decided (nor the identity variable written with it)
      expect(review).toMatchObject({ side: 'back', details: { outcome: 'approve', decisionNote: 'All documents in order' } });
      expect(review.actor).toBeUndefined();
      expect(JSON.stringify(clerk)).not.toContain(first);
      expect(clerk.find((l) => l.kind === 'received')?.actor?.id).toBe('clerk');

      const official = (await get<Line[]>(`/api/applications/${app.id}/timeline`, first)).body;
      expect(official.find((l) => l.kind === 'received')?.actor).toBeUndefined();
      expect(official.find((l) => l.kind === 'claim')?.actor).toBeUndefined();
      expect(official.find((l) => l.kind === 'taskCompleted' && l.elementId === 'review')?.actor?.id).toBe(first);
      expect(JSON.stringify(official)).not.toContain('"clerk"');

      const supervisor = (await get<Line[]>(`/api/applications/${app.id}/timeline`, 'supervisor')).body;
      expect(supervisor.filter((l) => l.actor).map((l) => l.actor!.id)).toEqual(['clerk', 'clerk', 'clerk', first, first, first === 'official' ? 'official-2' : 'official']);
    });

    it('should show the second reviewer the first decision and who took it', async () => {
      const second = await openTask(app.id, 'second_review');
      expect(second.assignee).not.toBe(first);
      const { status, body } = await get<Record<string, unknown>[]>(`/api/tasks/${second.id}/earlier-decisions`, second.assignee!);
      expect(status).toBe(200);
      expect(body).toEqual([
        expect.objectContaining({ elementId: 'review', name: 'Review', outcome: 'approve', decisionNote: 'All documents in order', decidedBy: { id: first, name: expect.any(String) } }),
      ]);
      // A first review has no earlier decision; the other agency's official may not ask
      const firstReviewOfAnother = await register({ name: 'Lyazzat Nurova', iin: '950707900444' });
      await server.engine.completeTask(firstReviewOfAnother.check.id, { by: 'clerk' });
      const review = await openTask(firstReviewOfAnother.id, 'review');
      expect((await get(`/api/tasks/${review.id}/earlier-decisions`, review.assignee!)).body).toEqual([]);
      expect((await get(`/api/tasks/${second.id}/earlier-decisions`, 'official-mj')).status).toBe(403);
    });
  });
});
