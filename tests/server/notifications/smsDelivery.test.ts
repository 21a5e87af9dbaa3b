/**
 * SMS notices through an HTTP gateway that is a real node:http server in the test: the JSON
 * and the bearer token it gets, the idempotency key it can de-duplicate on, 5xx and timeouts
 * retried, 4xx dead-lettered at once; with e-mail beside it, a retry resends only the SMS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryWorker } from '../../../server/notifications/DeliveryWorker.js';
import { emailSender } from '../../../server/notifications/EmailSender.js';
import { smsSender } from '../../../server/notifications/SmsSender.js';
import { openHarness, type Harness } from '../../support/harness.js';
import { SmtpInbox } from '../../support/smtpInbox.js';
import { apply, prepare, quietLogger, services } from './notificationFixture.js';

interface GatewayCall {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: { phone: string; text: string; idempotencyKey: string };
}

describe('SMS notifications through the HTTP gateway', () => {
  let h: Harness;
  let gateway: Server;
  let url: string;
  const calls: GatewayCall[] = [];
  /** What the gateway answers next (status codes, or 'hang'); then 202. */
  let answers: (number | 'hang')[] = [];
  const workers: DeliveryWorker[] = [];
  const worker = (extra: { email?: string } = {}) => {
    const senders = [smsSender({ url, token: 'gateway-secret-token', timeoutMs: 1_500 }), ...(extra.email ? [emailSender({ url: extra.email, from: 'noreply@tereze.test' })] : [])];
    const w = new DeliveryWorker({ engine: h.engine, senders, services, logger: quietLogger, now: () => h.clock.now(), retry: { baseMs: 1_000, capMs: 60_000, maxAttempts: 5 } });
    workers.push(w);
    return w;
  };

  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T04:00:00Z');
    await prepare(h.engine);
    calls.length = 0;
    answers = [];
    gateway = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        calls.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as GatewayCall['body'] });
        const answer = answers.shift() ?? 202;
        if (answer === 'hang') return; // never answers: the sender's timeout
        res.writeHead(answer, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer < 300 ? { id: 'sms-1' } : { error: answer === 400 ? 'invalid phone number' : 'gateway busy' }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/v1/messages`;
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.close();
    gateway.closeAllConnections();
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
    await h.dispose();
  });

  it('should POST the phone, the text in the applicant language and the idempotency key with the bearer token', async () => {
    const { id, trackingNumber } = await apply(h.engine, { phone: '+77011234567', language: 'ru' });
    expect(await worker().runOnce()).toMatchObject({ delivered: 1 });
    const [notice] = await h.engine.notifications(id);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.authorization).toBe('Bearer gateway-secret-token');
    expect(calls[0]!.headers['idempotency-key']).toBe(notice!.id);
    expect(calls[0]!.body).toEqual({
      phone: '+77011234567',
      idempotencyKey: notice!.id,
      text: `Ваше заявление «Назначение пособия многодетным семьям» принято. Номер для отслеживания: ${trackingNumber}. Статус можно узнать на странице отслеживания по этому номеру.`,
    });
  });

  it('should retry a 5xx and a timeout with the same key, then deliver', async () => {
    await apply(h.engine, { phone: '+77011234567', language: 'en' });
    answers = [503, 'hang'];
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ retrying: 1 });
    expect((await h.engine.outbox.listDeliveries({ state: 'failed', limit: 1 }))[0]!.lastError).toBe('sms: SMS gateway 503: {"error":"gateway busy"}');
    h.clock.advance(1_000);
    expect(await w.runOnce()).toMatchObject({ retrying: 1 });
    expect((await h.engine.outbox.listDeliveries({ state: 'failed', limit: 1 }))[0]).toMatchObject({ attempts: 2, lastError: 'sms: SMS gateway: no answer within 1500 ms' });
    h.clock.advance(2_000);
    expect(await w.runOnce()).toMatchObject({ delivered: 1 });
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.body.idempotencyKey)).size).toBe(1);
  });

  it('should dead-letter a 4xx at once, without retrying it', async () => {
    await apply(h.engine, { phone: '+77011234567' });
    answers = [400];
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ dead: 1 });
    h.clock.advance(60_000);
    expect(await w.runOnce()).toMatchObject({ delivered: 0, retrying: 0 });
    expect(calls).toHaveLength(1);
    expect((await h.engine.outbox.listDeliveries({ state: 'dead', limit: 1 }))[0]).toMatchObject({ attempts: 1, lastError: 'sms: SMS gateway 400: {"error":"invalid phone number"}' });
  });

  it('should resend only the SMS when the e-mail already went out', async () => {
    const inbox = await SmtpInbox.start();
    try {
      await apply(h.engine, { phone: '+77011234567', email: 'a@example.kz', language: 'ru' });
      answers = [500];
      const w = worker({ email: inbox.url });
      expect(await w.runOnce()).toMatchObject({ retrying: 1 });
      const [failed] = await h.engine.outbox.listDeliveries({ state: 'failed', limit: 1 });
      expect(Object.keys(failed!.sent)).toEqual(['email']);
      h.clock.advance(1_000);
      expect(await w.runOnce()).toMatchObject({ delivered: 1 });
      expect(inbox.messages).toHaveLength(1);
      expect(calls).toHaveLength(2);
    } finally {
      await inbox.stop();
    }
  });

  it('should leave a notice pending, saying why, when its channel is not configured', async () => {
    await apply(h.engine, { email: 'a@example.kz' });
    await apply(h.engine, { name: 'No contact' });
    expect(await worker().runOnce()).toMatchObject({ waiting: 1, skipped: 1 });
    const [waiting] = await h.engine.outbox.listDeliveries({ state: 'pending', limit: 5 });
    expect(waiting).toMatchObject({ attempts: 0, lastError: 'e-mail is not configured (SMTP_URL)' });
    expect(await h.engine.outbox.countDeliveries()).toMatchObject({ pending: 1, failed: 0, skipped: 1 });
    expect(calls).toHaveLength(0);
  });
});
