/**
 * Telling the applicant, in Chromium against a real server whose worker sends to a real SMTP
 * server started here: the clerk records the contact (a bad phone refused in the form), the
 * e-mail arrives in the applicant's language; a refused mailbox becomes a dead letter the
 * operator sees with its error and sends again, and it arrives; a withdrawal at the counter is
 * told too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpInbox } from '../support/smtpInbox.js';
import { join } from 'node:path';
import { ARTIFACTS, SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { openAs, scrollWidth } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] notifications ${SKIP_REASON}`);

const SERVICE = 'LARGE-FAMILY';

async function eventually<T>(probe: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `notifications in Chromium (${SKIP_REASON})` : 'notifications in Chromium', () => {
  let harness: DesignerHarness;
  let inbox: SmtpInbox;

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    harness = await startDesignerHarness({ env: { SMTP_URL: inbox.url, SMTP_FROM: 'ЦОН <noreply@tereze.test>' } });
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
    await inbox?.stop();
  });

  it('should register the applicant contact and e-mail them in Russian when the application is received and when the result is ready', async () => {
    const clerk = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await clerk.getByRole('heading', { name: 'Register an application' }).waitFor();
    await clerk.getByLabel('Service', { exact: true }).selectOption(SERVICE);
    await clerk.getByLabel("Applicant's full name").fill('Aizhan Seitkali');
    await clerk.getByLabel("Applicant's IIN").fill('900515401230');
    await clerk.getByLabel('The applicant agrees to be told by SMS or e-mail how the application goes').check();
    await clerk.getByLabel('Mobile phone').fill('701 123 45');
    await clerk.getByLabel('E-mail', { exact: true }).fill('aizhan@example.kz');
    await clerk.getByLabel("The applicant's language").selectOption('ru');
    await clerk.getByRole('button', { name: 'Register' }).click();
    await clerk.getByText('Enter +7 and 10 digits').waitFor();
    expect(await clerk.getByLabel('Mobile phone').evaluate((el: any) => el === el.getRootNode().activeElement)).toBe(true);
    await harness.screenshot(clerk, 'notify-1-register-contact-1366');
    await clerk.getByLabel('Mobile phone').fill('8 701 123 45 67');
    await clerk.getByRole('button', { name: 'Register' }).click();
    const receipt = clerk.locator('tereze-receipt-view [data-receipt]');
    await receipt.waitFor();
    const trackingNumber = (await receipt.locator('[data-field=trackingNumber]').textContent())!.trim();

    // The contact is on the application as the server checked it
    const [instance] = (await harness.server.engine.listInstances({ serviceCode: SERVICE })).items.filter((i) => i.trackingNumber === trackingNumber);
    expect((await harness.server.engine.instance(instance!.id)).applicant).toMatchObject({ phone: '+77011234567', email: 'aizhan@example.kz', language: 'ru', consent: true });

    const mail = await eventually(() => inbox.messages.find((m) => m.subject.includes(trackingNumber)), 'the e-mail');
    expect(mail.to).toEqual(['aizhan@example.kz']);
    expect(mail.subject).toBe(`Заявление ${trackingNumber} принято`);
    expect(mail.text).toContain('«Назначение пособия многодетным семьям»');

    // The back office approves: the result is at the centre, and the applicant is told so
    const engine = harness.server.engine;
    const work = async (elementId: string, outcome: string) => {
      const task = (await engine.tasks({ instanceId: instance!.id })).find((t) => t.elementId === elementId)!;
      await engine.completeTask(task.id, { by: task.assignee ?? 'clerk', outcome });
    };
    await work('check_completeness', 'complete');
    await work('review', 'approve');
    const ready = await eventually(() => inbox.messages.find((m) => m.subject === `Заявление ${trackingNumber}: результат готов`), 'the result-ready e-mail');
    // Where to come: the centre the clerk took it in at, by name and address in Russian
    expect(ready.text).toContain('Получите его по месту подачи заявления (Центр обслуживания населения № 1, Астана, ул. Кенесары, 10, Астана)');

    // On a phone the form with its contact fields fits
    const phone = await openAs(harness.browser, harness.url, 'clerk', { width: 375, height: 667 });
    await phone.getByRole('heading', { name: 'Register an application' }).waitFor();
    await phone.getByLabel('The applicant agrees to be told by SMS or e-mail how the application goes').check();
    await phone.getByLabel('Mobile phone').scrollIntoViewIfNeeded();
    expect(await phone.evaluate(scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
    await phone.getByLabel('Mobile phone').fill('+7 701 123 45 67');
    await phone.screenshot({ path: join(ARTIFACTS, 'notify-2-register-contact-375.png'), fullPage: true });
  }, 120_000);

  it('should show an operator the dead letter with its error, and deliver it after they send it again', async () => {
    inbox.refused.add('gone@example.kz');
    const clerkToken = await token('clerk');
    const started = await fetch(`${harness.server.url}/api/applications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${clerkToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ serviceCode: SERVICE, channel: 'centre', applicant: { name: 'Dana', iin: '900515401230', email: 'gone@example.kz', language: 'ru', consent: true } }),
    });
    expect(started.status).toBe(201);
    const { id, trackingNumber } = (await started.json()) as { id: string; trackingNumber: string };
    await expect.poll(async () => (await harness.server.engine.outbox.countDeliveries()).dead, { timeout: 15_000 }).toBe(1);

    const page = await openAs(harness.browser, harness.url, 'operator', { width: 1366, height: 768 });
    await page.goto(`${harness.url}/#/notifications`);
    const view = page.locator('tereze-notifications-page');
    await view.getByRole('heading', { name: 'Notifications to applicants' }).waitFor();
    const row = view.locator('tbody tr', { hasText: trackingNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain('Application received');
    expect(await row.textContent()).toContain('g***@example.kz');
    expect(await row.locator('.error-text').textContent()).toMatch(/SMTP 550/);
    expect(await view.locator('[data-channel=email]').getAttribute('data-on')).toBe('true');
    expect(await view.locator('[data-status] .problem').textContent()).toContain('SMS is not configured');
    await harness.screenshot(page, 'notify-3-dead-letters-1366');

    // The mailbox works again; the operator sends the notice again
    inbox.refused.clear();
    await row.getByRole('button', { name: 'Send again' }).click();
    await view.getByText(`The notice for ${trackingNumber} is queued again.`).waitFor();
    const mail = await eventually(() => inbox.messages.find((m) => m.subject.includes(trackingNumber)), 'the e-mail sent again');
    expect(mail.to).toEqual(['gone@example.kz']);
    expect(await view.locator('tbody tr', { hasText: trackingNumber }).count()).toBe(0);
    const audit = await harness.server.engine.audit({});
    expect(audit.filter((a) => a.action === 'notification.retry')).toMatchObject([{ actor: 'operator' }]);
    // The applicant withdraws at the counter: told once, and the operator sees that notice delivered too
    const withdrawn = await fetch(`${harness.server.url}/api/applications/${encodeURIComponent(id)}/withdraw`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${clerkToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'the applicant no longer needs it' }),
    });
    expect(withdrawn.status).toBe(200);
    const notice = await eventually(() => inbox.messages.find((m) => m.subject === `Заявление ${trackingNumber} отозвано`), 'the e-mail of the withdrawal');
    expect(notice.text).toContain('отозвано по вашей просьбе');
    // the e-mail arrives a moment before the worker records it delivered: the page reads the record
    const deliveredFor = async () => (await harness.server.engine.outbox.listDeliveries({ state: 'delivered', limit: 100 })).filter((d) => d.notification.trackingNumber === trackingNumber).length;
    await expect.poll(deliveredFor, { timeout: 15_000 }).toBe(2);
    await view.getByRole('button', { name: /^Delivered/ }).click();
    await view.locator('tbody tr', { hasText: trackingNumber }).filter({ hasText: 'Application withdrawn' }).waitFor();
    expect(await view.locator('tbody tr', { hasText: trackingNumber }).count()).toBe(2);

    // The same page in Russian, on a phone
    const phone = await openAs(harness.browser, harness.url, 'operator', { width: 375, height: 667 });
    await phone.goto(`${harness.url}/#/notifications`);
    await phone.getByRole('button', { name: 'Русский' }).click();
    const ru = phone.locator('tereze-notifications-page');
    await ru.getByRole('heading', { name: 'Уведомления заявителям' }).waitFor();
    await ru.getByRole('button', { name: /^Доставлены/ }).click();
    await ru.locator('tbody tr', { hasText: trackingNumber }).filter({ hasText: 'Заявление отозвано' }).waitFor();
    expect(await phone.evaluate(scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
    await phone.screenshot({ path: join(ARTIFACTS, 'notify-4-delivered-ru-375.png'), fullPage: true });
  }, 120_000);

  async function token(username: string): Promise<string> {
    const response = await fetch(`${harness.server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
    return ((await response.json()) as { token: string }).token;
  }
});
