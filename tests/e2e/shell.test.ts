import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../engine/index.js';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] shell ${SKIP_REASON}`);

const DAY = 86_400_000;
// Child-care benefit: social protection, the centres only (its standard has no agency desk).
const SERVICE = 'CHILDCARE-BENEFIT';
const APPLICANT = { name: 'Aizhan Seitkali', iin: '900515401230' };

interface Task { id: string; instanceId: string; elementId: string; candidateGroup?: string; assignee?: string | null }

/** Ends the browser's cookie session from outside the page, as an expiry or a logout elsewhere would. */
async function endSessionElsewhere(harness: DesignerHarness, page: Page) {
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'tereze_session')?.value;
  const csrf = cookies.find((c) => c.name === 'tereze_csrf')?.value;
  expect(session, 'the page holds a cookie session').toBeDefined();
  const response = await fetch(`${harness.server.url}/api/session`, { method: 'DELETE', headers: { Cookie: `tereze_session=${session}; tereze_csrf=${csrf}`, 'X-CSRF-Token': csrf ?? '' } });
  expect(response.status).toBeLessThan(300);
  expect((await fetch(`${harness.server.url}/api/session`, { headers: { Cookie: `tereze_session=${session}` } })).status).toBe(401);
}

async function fillRegistration(page: Page, applicant = APPLICANT) {
  await page.getByLabel('Service', { exact: true }).selectOption(SERVICE);
  await page.getByLabel("Applicant's full name").fill(applicant.name);
  await page.getByLabel("Applicant's IIN").fill(applicant.iin);
  await page.locator('tereze-application-form input[name=documents]').first().check();
}

const draftKeys = (page: Page) => page.evaluate(() => Object.keys((globalThis as any).sessionStorage).filter((k: string) => k.startsWith('tereze.draft.')));

describe.skipIf(chromiumMissing)(chromiumMissing ? `the shell in Chromium (${SKIP_REASON})` : 'the shell in Chromium', () => {
  let harness: DesignerHarness;
  /** The server's clock runs this far ahead of the wall clock (an overdue review for the escalation). */
  let ahead = 0;
  const clock: Clock = { now: () => new Date(Date.now() + ahead) };

  beforeAll(async () => {
    harness = await startDesignerHarness({ clock });
  }, 180_000);
  afterAll(async () => {
    await harness?.dispose();
  });

  it('should keep a draft through a reload, log in again in place when the session ends mid-form, and register what was typed', async () => {
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await page.getByRole('heading', { name: 'Register an application' }).waitFor();
    await fillRegistration(page);
    // Only the channels open to a clerk now: the centre (no agency desk, no portal offered)
    const channels = page.locator('tereze-application-form input[name=channel]');
    expect(await channels.evaluateAll((inputs) => inputs.map((i: any) => i.value))).toEqual(['centre']);

    // A reload keeps the half-filled form
    await page.reload();
    await page.getByText('The unfinished application was restored.').waitFor();
    expect(await page.getByLabel('Service', { exact: true }).inputValue()).toBe(SERVICE);
    expect(await page.getByLabel("Applicant's full name").inputValue()).toBe(APPLICANT.name);
    expect(await page.getByLabel("Applicant's IIN").inputValue()).toBe(APPLICANT.iin);
    expect(await page.locator('tereze-application-form input[name=documents]').first().isChecked()).toBe(true);

    // The session ends elsewhere; registering opens the login over the page, the form kept under it
    await endSessionElsewhere(harness, page);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const dialog = page.locator('dialog.session-dialog');
    await dialog.getByText('Your session has ended').waitFor();
    expect(await dialog.locator('input[name=username]').inputValue()).toBe('clerk');
    expect(await page.getByLabel("Applicant's full name").inputValue()).toBe(APPLICANT.name);
    await harness.screenshot(page, 'shell-1-session-ended-1366');
    // A wrong password says so in words and keeps the dialog
    await dialog.locator('input[name=password]').fill('wrong');
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await dialog.getByText('Wrong user name or password').waitFor();
    await dialog.locator('input[name=password]').fill('demo');
    await dialog.getByRole('button', { name: 'Log in' }).click();

    // The registration goes through with what was typed, and its draft is gone
    const receipt = page.locator('tereze-receipt-view');
    await receipt.waitFor();
    expect(await dialog.count()).toBe(0);
    await receipt.getByText(APPLICANT.name).first().waitFor();
    const clerk = await tokenOf(harness, 'clerk');
    const found = await callAs<{ applicant?: { name?: string } }[]>(harness, clerk, 'GET', `/api/applications?serviceCode=${SERVICE}`);
    expect(found.filter((a) => a.applicant?.name === APPLICANT.name)).toHaveLength(1);
    expect(await draftKeys(page)).toEqual([]);
    await harness.screenshot(page, 'shell-2-registered-after-login-1366');

    // Logging out leaves no applicant's data behind in the tab
    await page.getByRole('button', { name: 'Register another application' }).click();
    await page.getByLabel("Applicant's full name").fill('Someone Else');
    expect(await draftKeys(page)).toHaveLength(1);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await draftKeys(page)).toEqual([]);
  }, 120_000);

  it('should open the login in place on a phone too, in Russian, with nothing to scroll sideways', async () => {
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 375, height: 667 });
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.locator('tereze-application-form #service').selectOption(SERVICE);
    await page.locator('tereze-application-form #applicant-name').fill('Bolat Serikov');
    await page.locator('tereze-application-form #applicant-iin').fill('850202400457');
    await endSessionElsewhere(harness, page);
    await page.getByRole('button', { name: 'Зарегистрировать', exact: true }).click();
    const dialog = page.locator('dialog.session-dialog');
    await dialog.getByText('Сеанс завершён').waitFor();
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'shell-3-session-ended-375-ru');
    await dialog.locator('input[name=password]').fill('demo');
    await dialog.getByRole('button', { name: 'Войти' }).click();
    const receipt = page.locator('tereze-receipt-view');
    await receipt.waitFor({ timeout: 10_000 }).catch(async (error: Error) => {
      await harness.screenshot(page, 'shell-4-failed-375');
      throw new Error(`${error.message}; status: ${await page.locator('tereze-register-page p.status').textContent()}; dialog: ${await dialog.count()} ${await dialog.locator('[role=alert]').textContent().catch(() => '')}`);
    });
    await receipt.getByText('Bolat Serikov').first().waitFor();
    await harness.screenshot(page, 'shell-4-registered-375');
  }, 90_000);

  it('should let a supervisor open and complete the escalation of an overdue review from their page', async () => {
    const clerk = await tokenOf(harness, 'clerk');
    const started = await callAs<{ id: string }>(harness, clerk, 'POST', '/api/applications', { serviceCode: SERVICE, channel: 'centre', applicant: { name: 'Dana Omarova', iin: '880101300123' }, documents: ['id card'] });
    const [intake] = await callAs<Task[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`);
    await callAs(harness, clerk, 'POST', `/api/tasks/${intake!.id}/complete`, { outcome: 'complete' });
    // Two months on, the review is overdue and its escalation waits for the social-protection supervisors
    ahead = 60 * DAY;
    await harness.server.engine.runDueJobs();
    const escalation = (await harness.server.engine.tasks({ instanceId: started.id, state: 'open' })).find((t) => t.elementId === 'act_on_overdue_review');
    expect(escalation, 'the escalation task').toBeDefined();

    const page = await openAs(harness.browser, harness.url, 'social-supervisor', { width: 1366, height: 768 });
    const mine = page.locator('[data-list=escalations]');
    const item = mine.locator(`li[data-task="${escalation!.id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('Act on the overdue review');
    await harness.screenshot(page, 'shell-5-supervisor-escalations-1366');
    await item.getByRole('link', { name: /Open/ }).click();
    // The task page opens (it used to bounce back to the workload)
    await page.getByRole('heading', { name: 'Act on the overdue review' }).waitFor();
    expect(page.url()).toContain(`#/task/${encodeURIComponent(started.id)}/${encodeURIComponent(escalation!.id)}`);
    // The catalogue's escalation form (ps:form): what the supervisor did about it
    await page.locator('tereze-task-page').getByLabel('What was done about the overdue review').fill('Called the official; the review is done today');
    await page.locator('tereze-task-page').getByRole('button', { name: 'Submit' }).click();
    await page.locator('tereze-task-page p.status.done').waitFor();
    expect((await harness.server.engine.task(escalation!.id)).state).toBe('completed');
    expect((await harness.server.engine.task(escalation!.id)).completedBy).toBe('social-supervisor');
    // Their inbox lists their own escalations, not the whole agency's tasks
    await page.goto(`${harness.url}/#/inbox`);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await page.locator(`tereze-task-list li[data-task="${escalation!.id}"]`).count()).toBe(0);
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
  }, 90_000);
});
