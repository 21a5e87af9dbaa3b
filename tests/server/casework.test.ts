import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../engine/index.js';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const model = fixture(import.meta.url, 'fixtures/documents.bpmn');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('casework routes: documents, attachments, messages, extension, withdrawal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, model)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const post = (path: string, json: unknown, as: string) => server.api(path, { method: 'POST', json, as });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

  /** An application taken in at astana-1 by the demo clerk, past the counter's check (now waiting for the agency's record). */
  async function intake(): Promise<{ id: string; trackingNumber: string }> {
    const response = await post('/api/applications', { serviceCode: 'TEST-ALLOWANCE', channel: 'centre', applicant: { name: 'Aliya', iin: '900101300123' } }, 'clerk');
    expect(response.status).toBe(201);
    const started = (await response.json()) as { id: string; trackingNumber: string };
    const [check] = await server.engine.tasks({ instanceId: started.id });
    await server.engine.completeTask(check!.id, { by: 'clerk' });
    return started;
  }

  /** …past the record (the integration's message) to the official's review, which asks for documents. */
  async function waitingForDocuments(requested = ['marriage certificate']): Promise<{ id: string; trackingNumber: string }> {
    const app = await intake();
    await server.engine.correlate('recordReceived', { instanceId: app.id });
    const [review] = await server.engine.tasks({ instanceId: app.id });
    expect(review).toMatchObject({ elementId: 'review', assignee: 'official' });
    await server.engine.completeTask(review!.id, { by: 'official', outcome: 'request documents', variables: { requestedDocuments: requested } });
    return app;
  }

  describe('POST /api/applications/:id/documents', () => {
    it("should resume the case when the centre's clerk records the documents brought, restarting the term", async () => {
      const app = await waitingForDocuments();
      const paused = await server.engine.instance(app.id);
      expect(paused.slaPausedAt).toBeDefined();
      const before = Date.now();
      const response = await post(`/api/applications/${app.id}/documents`, { documents: ['marriage certificate', ' birth certificate '] }, 'clerk');
      expect(response.status).toBe(200);
      const resumed = await server.engine.instance(app.id);
      expect(resumed.slaPausedAt).toBeUndefined();
      expect(resumed.variables).toMatchObject({ broughtDocuments: ['marriage certificate', 'birth certificate'] });
      expect(Date.parse(resumed.variables['documentsBroughtAt'] as string)).toBeGreaterThanOrEqual(before - 1000);
      // The term restarted from the arrival: 5 working days from now, so at least 5 calendar days ahead.
      expect(Date.parse(resumed.dueAt!) - before).toBeGreaterThan(5 * 86_400_000);
      expect(Date.parse(resumed.dueAt!)).toBeLessThan(Date.parse(paused.dueAt!)); // the pause's fallback deadline is gone
      expect((await server.engine.tasks({ instanceId: app.id })).map((t) => t.elementId)).toEqual(['review']);
      const audit = (await server.engine.audit({ subject: app.id })).filter((a) => a.action === 'documents.brought');
      expect(audit).toMatchObject([{ actor: 'clerk', data: { documents: ['marriage certificate', 'birth certificate'] } }]);
      expect((await server.engine.history(app.id)).some((e) => e.event === 'documents')).toBe(true);
    });

    it('should say in the application answer whether it waits for documents, as the route decides it', async () => {
      const app = await waitingForDocuments();
      const waiting = (await (await server.api(`/api/applications/${app.id}`, { as: 'clerk' })).json()) as Record<string, unknown>;
      expect(waiting).toMatchObject({ waitsForDocuments: true, slaPausedAt: expect.any(String) });
      expect((await post(`/api/applications/${app.id}/documents`, { documents: ['marriage certificate'] }, 'clerk')).status).toBe(200);
      const resumed = (await (await server.api(`/api/applications/${app.id}`, { as: 'clerk' })).json()) as Record<string, unknown>;
      expect(resumed).not.toHaveProperty('waitsForDocuments');
      expect(resumed).not.toHaveProperty('slaPausedAt');
    });

    it('should refuse with 409 and words when the application is not waiting for documents', async () => {
      const app = await intake();
      const response = await post(`/api/applications/${app.id}/documents`, { documents: ['passport'] }, 'clerk');
      expect(response.status).toBe(409);
      expect((await errorOf(response)).message).toBe(`application ${app.trackingNumber} is not waiting for documents: it is at await_record`);
    });

    it("should refuse another centre's clerk (403) and an official (403), and name the bad field", async () => {
      const app = await waitingForDocuments();
      expect((await post(`/api/applications/${app.id}/documents`, { documents: ['x'] }, 'clerk-almaty')).status).toBe(403);
      expect((await post(`/api/applications/${app.id}/documents`, { documents: ['x'] }, 'official')).status).toBe(403);
      const empty = await post(`/api/applications/${app.id}/documents`, { documents: [] }, 'clerk');
      expect(empty.status).toBe(400);
      expect((await errorOf(empty)).message).toBe('body.documents: name at least one document brought');
      expect((await server.engine.instance(app.id)).slaPausedAt).toBeDefined();
    });
  });

  describe('attachments', () => {
    const upload = (id: string, body: Buffer, name: string, type: string, as = 'clerk') =>
      server.api(`/api/applications/${id}/attachments?name=${encodeURIComponent(name)}`, { method: 'POST', body, headers: { 'Content-Type': type }, as });

    it('should store a scan with its SHA-256 in the audit trail and serve it as a download to those who may see the application', async () => {
      const app = await intake();
      const response = await upload(app.id, PDF, 'паспорт.pdf', 'application/pdf');
      expect(response.status).toBe(201);
      const record = (await response.json()) as { id: string; sha256: string; size: number; fileName: string };
      const sha256 = createHash('sha256').update(PDF).digest('hex');
      expect(record).toMatchObject({ sha256, size: PDF.length, fileName: 'паспорт.pdf', contentType: 'application/pdf', by: 'clerk' });
      const audit = (await server.engine.audit({ subject: app.id })).filter((a) => a.action === 'attachment.add');
      expect(audit).toMatchObject([{ actor: 'clerk', data: { attachmentId: record.id, sha256 } }]);

      const list = await server.api(`/api/applications/${app.id}/attachments`, { as: 'supervisor' });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { id: string }[]).map((a) => a.id)).toEqual([record.id]);

      const file = await server.api(`/api/applications/${app.id}/attachments/${record.id}`, { as: 'clerk' });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('паспорт.pdf')}`);
      expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    });

    it("should not serve a scan to another centre's clerk or another agency's official", async () => {
      const app = await intake();
      const { id } = (await (await upload(app.id, PNG, 'photo.png', 'image/png')).json()) as { id: string };
      for (const as of ['clerk-almaty', 'official-mj', 'designer']) {
        expect((await server.api(`/api/applications/${app.id}/attachments/${id}`, { as })).status, as).toBe(403);
        expect((await server.api(`/api/applications/${app.id}/attachments`, { as })).status, as).toBe(403);
      }
      expect((await upload(app.id, PNG, 'photo.png', 'image/png', 'clerk-almaty')).status).toBe(403);
    });

    it('should refuse a PNG renamed .pdf, a file that is none of the three, and one over the size limit, naming the limit', async () => {
      const app = await intake();
      const renamed = await upload(app.id, PNG, 'scan.pdf', 'application/pdf');
      expect(renamed.status).toBe(400);
      expect((await errorOf(renamed)).message).toMatch(/^fileName: its name says PDF, but its content is a PNG/);
      const exe = await upload(app.id, Buffer.from('MZ\x90\x00\x03 not a scan'), 'scan.pdf', 'application/octet-stream');
      expect(exe.status).toBe(400);
      expect((await errorOf(exe)).message).toBe('content: the file is not a PDF, JPEG, PNG (checked by its content, not its name)');
      const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
      PDF.copy(big);
      const tooBig = await upload(app.id, big, 'big.pdf', 'application/pdf');
      expect(tooBig.status).toBe(413);
      expect((await errorOf(tooBig)).message).toBe(`the file is over the limit of ${MAX_ATTACHMENT_BYTES} bytes (10 MB)`);
      const wrongMedia = await upload(app.id, PDF, 'scan.pdf', 'text/plain');
      expect(wrongMedia.status).toBe(415);
      expect(await server.engine.attachments(app.id)).toEqual([]);
    });
  });

  describe('POST /api/messages', () => {
    it('should let an integration account correlate a message by tracking number, audited with it as actor', async () => {
      const app = await intake();
      const response = await post('/api/messages', { name: 'recordReceived', trackingNumber: app.trackingNumber, variables: { recordFound: true } }, 'integration');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ instanceId: app.id, trackingNumber: app.trackingNumber, started: false });
      expect((await server.engine.instance(app.id)).variables).toMatchObject({ recordFound: true });
      expect((await server.engine.tasks({ instanceId: app.id })).map((t) => t.elementId)).toEqual(['review']);
      const audit = (await server.engine.audit({ subject: app.id })).filter((a) => a.action === 'message.correlate');
      expect(audit).toMatchObject([{ actor: 'integration', data: { messageName: 'recordReceived' } }]);
    });

    it("should let an agency's system tell only its agency's applications: another agency's is not found, word for word as a missing one", async () => {
      const app = await intake(); // TEST-ALLOWANCE, agency social
      const otherAgency = await post('/api/messages', { name: 'recordReceived', trackingNumber: app.trackingNumber, variables: { recordFound: true } }, 'integration-mj');
      expect(otherAgency.status).toBe(404);
      const missing = await post('/api/messages', { name: 'recordReceived', trackingNumber: '0000-0000-0000' }, 'integration-mj');
      const [outside, absent] = [await errorOf(otherAgency), await errorOf(missing)];
      expect(outside.message.replace(app.trackingNumber, 'N')).toBe(absent.message.replace('0000-0000-0000', 'N'));
      expect((await post('/api/messages', { name: 'recordReceived', instanceId: app.id }, 'integration-mj')).status).toBe(404);
      // Nothing happened to the application, nothing was audited for the other agency's system
      expect((await server.engine.instance(app.id)).variables).not.toHaveProperty('recordFound');
      expect((await server.engine.audit({ subject: app.id })).some((a) => a.actor === 'integration-mj')).toBe(false);
      // Its own agency's system reaches it
      const own = await post('/api/messages', { name: 'recordReceived', trackingNumber: app.trackingNumber, variables: { recordFound: true } }, 'integration-social');
      expect(own.status).toBe(200);
      expect((await server.engine.tasks({ instanceId: app.id })).map((t) => t.elementId)).toEqual(['review']);
    });

    it("should reach an event sub-process's message start as the engine does, not only a token's wait", async () => {
      const app = await intake();
      const response = await post('/api/messages', { name: 'applicantQuestion', trackingNumber: app.trackingNumber }, 'integration');
      expect(response.status).toBe(200);
      expect((await server.engine.history(app.id)).map((e) => e.elementId)).toContain('on_question');
    });

    it('should answer 404 when nothing waits for the message, keep one sent with a ttl until its catch is entered, and refuse other roles', async () => {
      const app = await intake();
      const none = await post('/api/messages', { name: 'documentsProvided', trackingNumber: app.trackingNumber }, 'integration');
      expect(none.status).toBe(404);
      expect((await errorOf(none)).message).toContain(`'documentsProvided' in application ${app.trackingNumber}`);
      expect((await post('/api/messages', { name: 'recordReceived', trackingNumber: '1234-5678' }, 'integration')).status).toBe(400);
      // Brought before the wait began: kept for an hour instead of refused (issue 10 item 7).
      const kept = await post('/api/messages', { name: 'documentsProvided', instanceId: app.id, ttl: 'PT1H' }, 'integration');
      expect(kept.status).toBe(200);
      expect(await kept.json()).toMatchObject({ trackingNumber: app.trackingNumber, buffered: true });
      const badTtl = await post('/api/messages', { name: 'documentsProvided', instanceId: app.id, ttl: 'soon' }, 'integration');
      expect(badTtl.status).toBe(400);
      expect((await errorOf(badTtl)).message).toMatch(/^ttl: /);
      const neither = await post('/api/messages', { name: 'recordReceived' }, 'integration');
      expect((await errorOf(neither)).message).toBe('body.trackingNumber: name the application by trackingNumber or by instanceId (one of them)');
      for (const as of ['clerk', 'operator', 'admin']) expect((await post('/api/messages', { name: 'recordReceived', instanceId: app.id }, as)).status, as).toBe(403);
      expect((await server.engine.tasks({ instanceId: app.id })).map((t) => t.elementId)).toEqual([]);
    });
  });

  describe('POST /api/applications/:id/extend', () => {
    it("should extend the deadline by the responsible official, with a reason, and refuse more than 15 days in all", async () => {
      const app = await intake();
      await server.engine.correlate('recordReceived', { instanceId: app.id });
      const before = (await server.engine.instance(app.id)).dueAt!;
      const response = await post(`/api/applications/${app.id}/extend`, { days: 10, reason: 'waiting for the land registry' }, 'official');
      expect(response.status).toBe(200);
      const { dueAt } = (await response.json()) as { dueAt: string };
      expect(Date.parse(dueAt) - Date.parse(before)).toBeGreaterThanOrEqual(10 * 86_400_000);
      const audit = (await server.engine.audit({ subject: app.id })).filter((a) => a.action === 'deadline.extend');
      expect(audit).toMatchObject([{ actor: 'official', data: { days: 10, reason: 'waiting for the land registry', from: before, to: dueAt } }]);
      expect((await server.engine.notifications(app.id)).map((n) => n.messageName)).toEqual(['deadlineExtended']);
      expect((await server.engine.history(app.id)).filter((e) => e.event === 'extension')).toMatchObject([{ data: { days: 10, dueAt, by: 'official' } }]);
      const more = await post(`/api/applications/${app.id}/extend`, { days: 6, reason: 'again' }, 'supervisor');
      expect(more.status).toBe(400);
      expect((await errorOf(more)).message).toBe('days: an extension is at most 15 calendar days in all (10 already granted); 6 asked');
    });

    it("should refuse a clerk, an official not on the file, and a missing reason", async () => {
      const app = await intake();
      await server.engine.correlate('recordReceived', { instanceId: app.id });
      expect((await post(`/api/applications/${app.id}/extend`, { days: 2, reason: 'r' }, 'clerk')).status).toBe(403);
      expect((await post(`/api/applications/${app.id}/extend`, { days: 2, reason: 'r' }, 'official-mj')).status).toBe(403);
      expect((await post(`/api/applications/${app.id}/extend`, { days: 2, reason: 'r' }, 'supervisor-mj')).status).toBe(403);
      const noReason = await post(`/api/applications/${app.id}/extend`, { days: 2, reason: ' ' }, 'official');
      expect((await errorOf(noReason)).message).toBe('body.reason: a reason is required');
    });

    it('should refuse with 409 while the term is paused for documents', async () => {
      const app = await waitingForDocuments();
      const response = await post(`/api/applications/${app.id}/extend`, { days: 2, reason: 'r' }, 'supervisor');
      expect(response.status).toBe(409);
      expect((await errorOf(response)).message).toContain('paused while documents are awaited');
    });
  });

  describe('POST /api/applications/:id/withdraw', () => {
    it("should end the case as withdrawn at the centre's counter, audited, and refuse a second withdrawal", async () => {
      const app = await waitingForDocuments();
      const response = await post(`/api/applications/${app.id}/withdraw`, { reason: 'the applicant asked in person' }, 'clerk');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: app.id, state: 'terminated', decision: 'withdrawn' });
      const ended = await server.engine.instance(app.id);
      expect(ended.variables).toMatchObject({ decision: 'withdrawn', withdrawalReason: 'the applicant asked in person' });
      expect(await server.engine.tasks({ instanceId: app.id })).toEqual([]);
      const audit = (await server.engine.audit({ subject: app.id })).filter((a) => a.action === 'application.withdraw');
      expect(audit).toMatchObject([{ actor: 'clerk', data: { reason: 'the applicant asked in person' } }]);
      const again = await post(`/api/applications/${app.id}/withdraw`, { reason: 'twice' }, 'supervisor');
      expect(again.status).toBe(409);
      expect((await errorOf(again)).message).toBe(`application ${app.trackingNumber} has already ended (withdrawn): there is nothing to withdraw`);
    });

    it("should refuse another centre's clerk, an official, another agency's supervisor, and no reason", async () => {
      const app = await intake();
      for (const as of ['clerk-almaty', 'official', 'supervisor-mj']) expect((await post(`/api/applications/${app.id}/withdraw`, { reason: 'r' }, as)).status, as).toBe(403);
      expect((await errorOf(await post(`/api/applications/${app.id}/withdraw`, {}, 'clerk'))).message).toMatch(/^body\.reason: /);
      expect((await server.engine.instance(app.id)).state).toBe('active');
    });
  });
});
