/**
 * E-mail notices against a real SMTP server started by the test (smtp-server), from a real
 * engine on a sqlite file: what arrives, in which language, with which idempotency key; a
 * server that is down, a mailbox refused for good, and two workers on one store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, sqliteStore, type Engine } from '../../../engine/index.js';
import { DeliveryWorker } from '../../../server/notifications/DeliveryWorker.js';
import { emailSender, messageIdOf } from '../../../server/notifications/EmailSender.js';
import { openHarness, type Harness } from '../../support/harness.js';
import { SmtpInbox } from '../../support/smtpInbox.js';
import { apply, entry, prepare, quietLogger, readyForCollection, services } from './notificationFixture.js';

const RETRY = { baseMs: 60_000, capMs: 600_000, maxAttempts: 4 };

describe('e-mail notifications through SMTP', () => {
  let h: Harness;
  let inbox: SmtpInbox;
  const workers: DeliveryWorker[] = [];
  const worker = (engine: Engine = h.engine, owner = 'node-a') => {
    const w = new DeliveryWorker({ engine, senders: [emailSender({ url: inbox.url, from: 'ЦОН <noreply@tereze.test>', timeoutMs: 2_000 })], services, logger: quietLogger, owner, now: () => h.clock.now(), retry: RETRY });
    workers.push(w);
    return w;
  };

  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T04:00:00Z');
    await prepare(h.engine);
    inbox = await SmtpInbox.start();
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.close();
    await inbox.stop();
    await h.dispose();
  });

  it('should e-mail a Russian applicant, in Russian, when the application is received and when the result is ready', async () => {
    const { id, trackingNumber } = await apply(h.engine, { email: 'aigerim@example.kz', language: 'ru', phone: undefined });
    await readyForCollection(h.engine, id);
    const round = await worker().runOnce();
    expect(round).toMatchObject({ delivered: 2, dead: 0, retrying: 0 });
    expect(inbox.messages).toHaveLength(2);
    const [received, ready] = inbox.messages;
    expect(received!.to).toEqual(['aigerim@example.kz']);
    expect(received!.subject).toBe(`Заявление ${trackingNumber} принято`);
    expect(ready!.subject).toBe(`Заявление ${trackingNumber}: результат готов`);
    expect(ready!.text).toContain('результат готов. Получите его в ЦОН');
    expect(ready!.text).toContain('«Назначение пособия многодетным семьям»');
    // nothing personal beyond the tracking number
    expect(ready!.text).not.toContain('Айгерим');
    expect(ready!.text).not.toContain('900101300123');
    // the idempotency key: the notification id, in the Message-ID and a header
    const notices = await h.engine.notifications(id);
    expect(ready!.messageId).toBe(messageIdOf(notices.find((n) => n.kind === 'readyForCollection')!.id));
    expect(ready!.headers['x-idempotency-key']).toBe(notices.find((n) => n.kind === 'readyForCollection')!.id);
    expect(await h.engine.outbox.countDeliveries()).toMatchObject({ delivered: 2, pending: 0 });
    // delivered once: a second round sends nothing
    expect(await worker().runOnce()).toMatchObject({ delivered: 0 });
    expect(inbox.messages).toHaveLength(2);
  });

  it('should tell the applicant where to come: the centre they applied at, or the agency desk that took the application in', async () => {
    const atCentre = await h.engine.start(entry.standard.processKey, { channel: 'centre', centre: 'astana-1', applicant: { email: 'c@example.kz', language: 'ru' }, variables: { documents: entry.standard.requiredDocuments } });
    await readyForCollection(h.engine, atCentre.id);
    await h.engine.routing.set(entry.standard.code, { mode: 'alternative', reason: 'test', by: 'coordinator' });
    const atDesk = await h.engine.start(entry.standard.processKey, { channel: 'agency', applicant: { email: 'd@example.kz', language: 'kk' }, variables: { documents: entry.standard.requiredDocuments } });
    await readyForCollection(h.engine, atDesk.id);
    await worker().runOnce();
    const readyFor = (to: string) => inbox.messages.find((m) => m.to.includes(to) && m.subject.includes(': '))!;
    expect(readyFor('c@example.kz').text).toContain('Получите его по месту подачи заявления (Центр обслуживания населения № 1, Астана, ул. Кенесары, 10, Астана)');
    expect(readyFor('d@example.kz').text).toContain('Оны өтініш берген жерден (Жұмыспен қамту және әлеуметтік қорғау басқармасы, Абай даңғылы, 5, Астана)');
    expect(readyFor('d@example.kz').text).toContain('Абай даңғылы, 5, Астана)');
    expect(readyFor('d@example.kz').text).not.toContain('ХҚКО');
  });

  it('should retry with growing waits while the SMTP server is down, and deliver when it is back', async () => {
    const { id } = await apply(h.engine, { email: 'a@example.kz', language: 'en' });
    await inbox.stop();
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ retrying: 1 });
    const [first] = await h.engine.outbox.listDeliveries({ state: 'failed', limit: 5 });
    expect(first).toMatchObject({ attempts: 1, nextAttemptAt: '2026-04-13T04:01:00.000Z' });
    expect(first!.lastError).toMatch(/SMTP/);
    // not before its time
    h.clock.advance(30_000);
    expect(await w.runOnce()).toMatchObject({ retrying: 0, delivered: 0 });
    h.clock.advance(30_000);
    expect(await w.runOnce()).toMatchObject({ retrying: 1 });
    // the wait doubles: 2 minutes after the second failure
    expect((await h.engine.outbox.listDeliveries({ state: 'failed', limit: 5 }))[0]).toMatchObject({ attempts: 2, nextAttemptAt: '2026-04-13T04:03:00.000Z' });
    await inbox.listen();
    h.clock.advance(120_000);
    expect(await w.runOnce()).toMatchObject({ delivered: 1 });
    expect(inbox.messages.map((m) => m.subject)).toEqual([`Application ${(await h.engine.instance(id)).trackingNumber} received`]);
    expect((await h.engine.outbox.countDeliveries())).toMatchObject({ delivered: 1, failed: 0, dead: 0 });
  });

  it('should give up after the last attempt and keep the notice as a dead letter', async () => {
    await apply(h.engine, { email: 'a@example.kz' });
    await inbox.stop();
    const w = worker();
    for (let attempt = 1; attempt <= RETRY.maxAttempts; attempt++) {
      await w.runOnce();
      h.clock.advance(RETRY.capMs);
    }
    const [dead] = await h.engine.outbox.listDeliveries({ state: 'dead', limit: 5 });
    expect(dead).toMatchObject({ attempts: 4 });
    expect(dead!.lastError).toMatch(/^gave up after 4 attempts: email: SMTP/);
  });

  it('should make a refused mailbox a dead letter at once, and deliver it after an operator retries', async () => {
    const { id } = await apply(h.engine, { email: 'gone@example.kz', language: 'kk' });
    inbox.refused.add('gone@example.kz');
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ dead: 1 });
    const [dead] = await h.engine.outbox.listDeliveries({ state: 'dead', limit: 5 });
    expect(dead).toMatchObject({ attempts: 1 });
    expect(dead!.lastError).toMatch(/^email: SMTP 550/);
    h.clock.advance(RETRY.capMs);
    expect(await w.runOnce()).toMatchObject({ delivered: 0, dead: 0 });
    // the applicant's mailbox works again; an operator puts the letter back
    inbox.refused.clear();
    await h.engine.outbox.retryDeadLetter(dead!.id, { by: 'operator' });
    expect(await w.runOnce()).toMatchObject({ delivered: 1 });
    expect(inbox.messages[0]!.subject).toBe(`${(await h.engine.instance(id)).trackingNumber} өтініші қабылданды`);
    expect(await h.engine.audit({ subject: id })).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'notification.retry', actor: 'operator' })]));
  });

  it('should deliver each notice once when two server nodes work one store', async () => {
    for (let n = 0; n < 12; n++) await apply(h.engine, { email: `a${n}@example.kz`, language: 'ru' });
    // a second engine on the same sqlite file: another server process
    const other = await createEngine({ store: sqliteStore(h.file), clock: h.clock });
    try {
      const a = worker(h.engine, 'node-a');
      const b = worker(other, 'node-b');
      const rounds = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      expect(rounds.reduce((sum, r) => sum + r.delivered, 0)).toBe(12);
      const ids = inbox.messages.map((m) => m.messageId);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    } finally {
      await other.close();
    }
  });
});
