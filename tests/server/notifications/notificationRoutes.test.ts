/**
 * The operators' side over HTTP, on a real server whose worker sends to a real SMTP server:
 * a refused mailbox becomes a dead letter with its error; an operator retries it (audited) and
 * it is delivered; the applicant's contact is checked at registration; the status says which
 * channels deliver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../support/harness.js';
import { SmtpInbox } from '../../support/smtpInbox.js';
import { deploy, startTestServer, type TestServer } from '../testServer.js';

const benefit = fixture(import.meta.url, '../fixtures/benefit.bpmn').replace('ps:channel="centre" />', 'ps:channel="centre" ps:notify="received" />');

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('notifications over HTTP', () => {
  let server: TestServer;
  let inbox: SmtpInbox;
  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    server = await startTestServer({ env: { SMTP_URL: inbox.url, SMTP_FROM: 'ЦОН <noreply@tereze.test>' } });
    expect((await deploy(server, benefit)).status).toBe(201);
  });
  afterAll(async () => {
    await server.dispose();
    await inbox.stop();
  });

  const register = (applicant: Record<string, unknown>) =>
    server.api('/api/applications', { method: 'POST', as: 'clerk', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre', applicant: { name: 'A', iin: '900101300123', ...applicant } } });

  it('should refuse a malformed phone, e-mail or language at registration, naming the field', async () => {
    for (const [field, value] of [['phone', '87011234567'], ['email', 'not-an-address'], ['language', 'de']] as const) {
      const response = await register({ [field]: value });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain(`applicant.${field}`);
    }
  });

  it('should show a refused mailbox as a dead letter, and deliver it once an operator retries', async () => {
    inbox.refused.add('aigerim@example.kz');
    const created = await register({ email: 'aigerim@example.kz', language: 'ru', consent: true });
    expect(created.status).toBe(201);
    const { id, trackingNumber } = (await created.json()) as { id: string; trackingNumber: string };
    const [dead] = await eventually(async () => {
      const list = (await (await server.api('/api/notifications?state=dead', { as: 'operator' })).json()) as Record<string, unknown>[];
      return list.length ? list : undefined;
    }, 'the dead letter');
    expect(dead).toMatchObject({ kind: 'received', trackingNumber, instanceId: id, state: 'dead', recipients: [{ channel: 'email', to: 'a***@example.kz' }] });
    expect(String(dead!['lastError'])).toMatch(/^email: SMTP 550/);
    expect(JSON.stringify(dead)).not.toContain('aigerim@');
    const status = (await (await server.api('/api/notifications/status', { as: 'admin' })).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ channels: { email: true, sms: false }, counts: { dead: 1 }, problem: 'SMS is not configured (SMS_GATEWAY_URL): notices by SMS stay pending' });

    inbox.refused.clear();
    const retried = await server.api(`/api/notifications/${String(dead!['id'])}/retry`, { method: 'POST', as: 'operator' });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ state: 'pending', attempts: 0, requeued: 1 });
    const mail = await eventually(async () => inbox.messages.find((m) => m.subject.includes(trackingNumber)), 'the e-mail');
    expect(mail.subject).toBe(`Заявление ${trackingNumber} принято`);
    const again = await server.api(`/api/notifications/${String(dead!['id'])}/retry`, { method: 'POST', as: 'operator' });
    expect(again.status).toBe(409);
    const audit = await server.engine.audit({ subject: id });
    expect(audit.filter((a) => a.action === 'notification.retry')).toMatchObject([{ actor: 'operator', data: { notification: dead!['id'], kind: 'received' } }]);
  });

  it('should say in the health answer whether applicants are told', async () => {
    expect(await (await server.api('/api/health')).json()).toMatchObject({ status: 'ok', notifications: 'delivering' });
  });

  it('should e-mail a withdrawal at the counter once, in the applicant\'s language, with nothing of the reason', async () => {
    const created = await register({ email: 'dana@example.kz', language: 'kk', consent: true });
    const { id, trackingNumber } = (await created.json()) as { id: string; trackingNumber: string };
    await eventually(async () => inbox.messages.find((m) => m.subject === `${trackingNumber} өтініші қабылданды`), 'the e-mail of receipt');
    const withdrawn = await server.api(`/api/applications/${id}/withdraw`, { method: 'POST', as: 'clerk', json: { reason: 'менің жеке себебім' } });
    expect(withdrawn.status).toBe(200);
    const mail = await eventually(async () => inbox.messages.find((m) => m.subject === `${trackingNumber} өтініші кері қайтарылды`), 'the e-mail of the withdrawal');
    expect(mail.to).toEqual(['dana@example.kz']);
    expect(mail.text).toContain(`${trackingNumber} өтініші («TEST-BENEFIT») сіздің сұрауыңыз бойынша кері қайтарылды, іс жабылды.`);
    expect(mail.text).not.toContain('себебім');
    const delivered = (await (await server.api('/api/notifications?state=delivered', { as: 'operator' })).json()) as Record<string, unknown>[];
    expect(delivered.filter((n) => n['trackingNumber'] === trackingNumber).map((n) => n['kind']).sort()).toEqual(['received', 'withdrawn']);
    expect(inbox.messages.filter((m) => m.subject.startsWith(trackingNumber))).toHaveLength(2);
  });

  it('should refuse an unknown state filter, naming it', async () => {
    const response = await server.api('/api/notifications?state=lost', { as: 'operator' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('expected one of pending, failed, dead, delivered, skipped');
  });
});

describe('notifications with no channel configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  it('should keep every notice pending and say so in the health answer and the status', async () => {
    const created = await server.api('/api/applications', { method: 'POST', as: 'clerk', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre', applicant: { name: 'A', iin: '900101300123', email: 'a@example.kz' } } });
    expect(created.status).toBe(201);
    // longer than a worker's poll: nothing takes it
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await (await server.api('/api/health')).json()).toMatchObject({ status: 'ok', notifications: 'not configured' });
    const status = (await (await server.api('/api/notifications/status', { as: 'operator' })).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ channels: { email: false, sms: false }, counts: { pending: 1, delivered: 0, dead: 0 } });
    expect(status['problem']).toBe('no channel is configured (SMTP_URL and SMTP_FROM, SMS_GATEWAY_URL): notices stay pending');
    const [pending] = (await (await server.api('/api/notifications?state=pending', { as: 'operator' })).json()) as Record<string, unknown>[];
    expect(pending).toMatchObject({ kind: 'received', state: 'pending', attempts: 0 });
    expect(server.logs.some((l) => String(l['msg'] ?? l['message'] ?? '').startsWith('applicants are not notified'))).toBe(true);
  });
});
