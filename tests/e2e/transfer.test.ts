import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] transfer ${SKIP_REASON}`);

interface Task { id: string; instanceId: string; elementId: string; assignee?: string | null; trackingNumber: string }
interface AuditEntry { actor: string; action: string; subject: string; data: { from: string | null; to: string; reason: string; tasks: string[] } }

const APPLICANT = { name: 'Aizhan Seitkali', iin: '900515401230' };
// Another well-formed IIN (its check digit matches): the server, not the form, refuses it.
const SOMEONE_ELSE = '881212300453';

// Run in the page: the id of the focused element inside the transfer form's shadow root.
function focusedInTransferForm(): string | undefined {
  const inbox = (globalThis as any).document.querySelector('tereze-inbox-page');
  return inbox?.shadowRoot?.querySelector('tereze-transfer-form')?.shadowRoot?.activeElement?.id;
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `transfer between centres in Chromium (${SKIP_REASON})` : 'transfer between centres in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it("should move an Astana application to an Almaty clerk's queue only with the applicant's IIN, audited", async () => {
    // Given an application registered at astana-1
    const astana = await tokenOf(harness, 'astana-1-clerk-1');
    const started = await callAs<{ id: string; trackingNumber: string }>(harness, astana, 'POST', '/api/applications', {
      serviceCode: 'CHILDCARE-BENEFIT',
      channel: 'centre',
      applicant: APPLICANT,
      documents: ['application form'],
    });
    const [intake] = await callAs<Task[]>(harness, astana, 'GET', `/api/tasks?instanceId=${started.id}`);
    expect(intake, 'the intake task at astana-1').toBeDefined();

    // And an Almaty clerk on their inbox, where it is not
    const page = await openAs(harness.browser, harness.url, 'almaty-1-clerk-1', { width: 1366, height: 768 });
    await page.goto(`${harness.url}/#/inbox`);
    const inbox = page.locator('tereze-inbox-page');
    await inbox.locator('tereze-task-list').waitFor();
    const row = inbox.locator('tereze-task-list li', { hasText: started.trackingNumber });
    expect(await row.count()).toBe(0);

    // When they send the form empty: each field says what is missing, the first takes the focus
    const form = inbox.locator('tereze-transfer-form');
    await page.getByRole('heading', { name: 'An applicant from another centre' }).waitFor();
    await form.getByRole('button', { name: 'Transfer to this centre' }).click();
    await form.getByText('Enter the tracking number from the receipt').waitFor();
    expect(await form.getByText('Give a reason for the transfer').isVisible()).toBe(true);
    expect(await form.getByText("Enter the applicant's IIN from their identity document").isVisible()).toBe(true);
    expect(await page.evaluate(focusedInTransferForm)).toBe('transfer-number');
    expect(await form.getByLabel('Tracking number').getAttribute('aria-invalid')).toBe('true');

    // And a number with a wrong check digit is refused before anything is sent
    const digits = started.trackingNumber.replace(/-/g, '');
    const typo = `${digits.slice(0, 11)}${(Number(digits[11]) + 1) % 10}`;
    await form.getByLabel('Tracking number').fill(typo);
    await form.getByLabel("Applicant's IIN").fill('90051540123');
    await form.getByLabel('Reason').fill('The applicant moved to Almaty and collects the result here');
    await form.getByRole('button', { name: 'Transfer to this centre' }).click();
    await form.getByText('This is not a tracking number: 12 digits, the last a check digit.', { exact: false }).waitFor();
    expect(await form.getByText('The IIN has exactly 12 digits').isVisible()).toBe(true);
    expect(await page.evaluate(focusedInTransferForm)).toBe('transfer-number');

    // And with the right number but someone else's IIN, the server's refusal is said in words
    await form.getByLabel('Tracking number').fill(digits);
    await form.getByLabel("Applicant's IIN").fill(SOMEONE_ELSE);
    await form.getByRole('button', { name: 'Transfer to this centre' }).click();
    const refusal = form.locator('[data-problem]');
    await expect.poll(() => refusal.textContent()).toBe('No application with this tracking number for this IIN. Check both against the receipt and the identity document.');
    expect(await row.count()).toBe(0);
    await harness.screenshot(page, 'transfer-0-wrong-iin-1366');

    // Then with the applicant's IIN it moves: confirmed by number, and its task is in the queue
    await form.getByLabel("Applicant's IIN").fill(APPLICANT.iin);
    await form.getByRole('button', { name: 'Transfer to this centre' }).click();
    await inbox.getByText(`Application ${started.trackingNumber} now belongs to this centre: its tasks are in this centre's queue, unassigned.`).waitFor();
    expect(await refusal.textContent()).toBe('');
    await row.waitFor();
    expect(await row.getAttribute('data-element')).toBe(intake!.elementId);
    expect(await form.getByLabel('Tracking number').inputValue(), 'the form is empty for the next applicant').toBe('');
    await harness.screenshot(page, 'transfer-1-done-1366');

    // And the Almaty clerk can open and claim it; Astana's clerks no longer see it
    await row.getByRole('link').click();
    await page.locator('tereze-task-page [data-field=trackingNumber]', { hasText: started.trackingNumber }).waitFor();
    const almaty = await tokenOf(harness, 'almaty-1-clerk-1');
    const claimed = await callAs<Task>(harness, almaty, 'POST', `/api/tasks/${intake!.id}/claim`);
    expect(claimed.assignee).toBe('almaty-1-clerk-1');
    expect(await callAs<Task[]>(harness, astana, 'GET', `/api/tasks?instanceId=${started.id}`)).toEqual([]);

    // And the auditor finds the transfer in the trail
    const trail = await callAs<AuditEntry[]>(harness, await tokenOf(harness, 'auditor'), 'GET', `/api/audit?subject=${started.id}`);
    const transfer = trail.find((entry) => entry.action === 'application.transfer');
    expect(transfer).toMatchObject({ actor: 'almaty-1-clerk-1', data: { from: 'astana-1', to: 'almaty-1', reason: 'The applicant moved to Almaty and collects the result here', tasks: [intake!.id] } });

    // And a second transfer of the same file is refused in words
    await page.goto(`${harness.url}/#/inbox`);
    await form.getByLabel('Tracking number').fill(started.trackingNumber);
    await form.getByLabel("Applicant's IIN").fill(APPLICANT.iin);
    await form.getByLabel('Reason').fill('again');
    await form.getByRole('button', { name: 'Transfer to this centre' }).click();
    await expect.poll(() => refusal.textContent()).toBe('This application already belongs to your centre: its tasks are in your queue.');
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await form.getByRole('button', { name: 'Transfer to this centre' }).scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'transfer-2-refused-375');
  }, 90_000);

  it('should fit the form on a phone, in Russian too', async () => {
    const page = await openAs(harness.browser, harness.url, 'almaty-1-clerk-2', { width: 375, height: 667 });
    await page.goto(`${harness.url}/#/inbox`);
    const form = page.locator('tereze-inbox-page tereze-transfer-form');
    await form.getByRole('button', { name: 'Transfer to this centre' }).click();
    await form.getByText('Enter the tracking number from the receipt').waitFor();
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await page.locator('tereze-inbox-page #transfer-heading').scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'transfer-3-375');
    await form.getByRole('button', { name: 'Transfer to this centre' }).scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'transfer-4-375-errors');

    await page.getByRole('button', { name: 'Русский' }).click();
    await form.getByRole('button', { name: 'Перевести в этот центр' }).waitFor();
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'transfer-5-375-ru');
  }, 60_000);
});
