import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { openFromInbox } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] role flow ${SKIP_REASON}`);

const ORGANISATION = fileURLToPath(new URL('../../processes/demo/organisation.json', import.meta.url));
const users = (JSON.parse(readFileSync(ORGANISATION, 'utf8')) as { users: { id: string; name: string; groups: string[] }[] }).users;

// The demo `official` sits in social-benefits: a child-care benefit is drawn among its members.
const SERVICE = 'CHILDCARE-BENEFIT';
const APPLICANT = { name: 'Aizhan Seitkali', iin: '900515401230' };

async function openAs(browser: Browser, url: string, username: string | undefined, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error ${username ?? 'public'}]`, error.message));
  await page.goto(url);
  if (username) {
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator(`.app-header .user[data-user="${username}"]`).waitFor();
  }
  return page;
}

async function tokenOf(harness: DesignerHarness, username: string): Promise<string> {
  const response = await fetch(`${harness.server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  expect(response.status, `login as ${username}`).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function getAs<T>(harness: DesignerHarness, token: string, path: string): Promise<T> {
  const response = await fetch(harness.server.url + path, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

// Run in the page (the test's tsconfig has no DOM types, hence `any`).
/** Every text of the page, shadow roots included. */
function pageText(): string {
  const all: string[] = [];
  const walk = (root: any) => {
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    all.push((root.body ?? root).textContent ?? '');
  };
  walk((globalThis as any).document);
  return all.join(' ');
}

function scrollWidth(): number {
  return (globalThis as any).document.documentElement.scrollWidth;
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `role pages in Chromium (${SKIP_REASON})` : 'role pages in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('should take an application from the counter through a randomly drawn official to the hand-back and the public page', async () => {
    // Given the clerk at the counter
    const clerk = await openAs(harness.browser, harness.url, 'clerk');
    await clerk.getByRole('heading', { name: 'Register an application' }).waitFor();
    expect(await clerk.locator('tereze-login').count()).toBe(0);

    // When they register an application, an invalid IIN first
    await clerk.getByLabel('Service', { exact: true }).selectOption(SERVICE);
    await clerk.getByLabel("Applicant's full name").fill(APPLICANT.name);
    await clerk.getByLabel("Applicant's IIN").fill('900515401231');
    await clerk.getByText('check digit does not match').waitFor();
    const docs = clerk.locator('tereze-application-form input[name=documents]');
    await expect.poll(() => docs.count()).toBe(4);
    for (let i = 0; i < 4; i++) await docs.nth(i).check();
    await clerk.getByRole('button', { name: 'Register' }).click();
    await clerk.getByText('check digit does not match').waitFor();
    expect(await clerk.getByLabel("Applicant's IIN").evaluate((el: any) => el === el.getRootNode().activeElement)).toBe(true);
    await clerk.getByLabel("Applicant's IIN").fill(APPLICANT.iin);
    await clerk.getByRole('button', { name: 'Register' }).click();

    // Then the receipt shows the tracking number and the deadline
    const receipt = clerk.locator('tereze-receipt-view [data-receipt]');
    await receipt.waitFor();
    const trackingNumber = (await receipt.locator('[data-field=trackingNumber]').textContent())!.trim();
    expect(trackingNumber).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    expect((await receipt.locator('[data-field=dueAt]').textContent())!.trim()).toMatch(/\d{4}/);
    await clerk.getByRole('button', { name: 'Print the receipt' }).waitFor();
    await harness.screenshot(clerk, 'flow-1-clerk-receipt');
    // Printed, the receipt stands alone: no header, no buttons
    await clerk.emulateMedia({ media: 'print' });
    expect(await clerk.locator('.app-header').isVisible()).toBe(false);
    expect(await clerk.getByRole('button', { name: 'Print the receipt' }).isVisible()).toBe(false);
    await harness.screenshot(clerk, 'flow-1-clerk-receipt-print');
    await clerk.emulateMedia({ media: 'screen' });

    // And the clerk completes the completeness check from the inbox
    await openFromInbox(clerk, trackingNumber, 'check_completeness');
    await clerk.getByLabel('Complete: send it to the back office').check();
    await clerk.getByRole('button', { name: 'Submit' }).click();
    await clerk.getByText('Done:').waitFor();

    // The clerk keeps the inbox open: the hand-back must arrive live, without a reload
    await clerk.goto(`${harness.url}/#/inbox`);
    await clerk.locator('tereze-inbox-page .live[data-live="live"]').waitFor({ timeout: 10_000 });

    // Who did the random draw pick? A supervisor may know; the clerk may not.
    const supervisor = await tokenOf(harness, 'supervisor');
    const [application] = await getAs<{ id: string }[]>(harness, supervisor, `/api/applications?trackingNumber=${trackingNumber}`);
    expect(application).toBeDefined();
    const reviewTasks = await getAs<{ elementId: string; assignee?: string }[]>(harness, supervisor, `/api/tasks?instanceId=${application!.id}`);
    const assignee = reviewTasks.find((task) => task.elementId === 'review')?.assignee;
    expect(assignee, 'the review is drawn for someone').toBeTruthy();
    const official = users.find((user) => user.id === assignee)!;
    expect(official.groups).toContain('social-benefits');

    // The clerk's view of the file never names the official
    const clerkView = await getAs<unknown>(harness, await tokenOf(harness, 'clerk'), `/api/applications/${application!.id}`);
    expect(JSON.stringify(clerkView)).not.toContain(official.id);

    // When the drawn official opens the file from their inbox and approves it
    const officialPage = await openAs(harness.browser, harness.url, official.id);
    await officialPage.getByRole('heading', { name: 'Inbox' }).waitFor();
    await openFromInbox(officialPage, trackingNumber, 'review');
    // The review's form (its ps:form): a refusal shows the standard's grounds, an approval hides them
    await officialPage.getByLabel('Refuse', { exact: true }).check();
    const grounds = officialPage.getByText('Ground for refusal (from the standard)');
    await grounds.waitFor();
    await officialPage.getByLabel('Approve', { exact: true }).check();
    await expect.poll(() => grounds.count()).toBe(0);
    await officialPage.getByRole('button', { name: 'Submit' }).click();
    await officialPage.getByText('Done:').waitFor();
    await harness.screenshot(officialPage, 'flow-2-official-decided');

    // Then the hand-back appears in the clerk's open inbox (server-sent event), and they hand the result back, rated 5
    const handBack = clerk.locator('tereze-task-list li[data-element="hand_back"]', { hasText: trackingNumber });
    await handBack.waitFor({ timeout: 10_000 });
    await clerk.locator('tereze-inbox-page [role=status]', { hasText: 'Inbox updated' }).waitFor();
    await harness.screenshot(clerk, 'flow-3-clerk-inbox-live');
    await handBack.getByRole('link').click();
    await clerk.locator('tereze-task-page tereze-task-form .fjs-form').waitFor();
    await clerk.getByText('Decision: approved').waitFor();
    await clerk.getByLabel('Handed over to the applicant').check();
    await clerk.getByLabel('★★★★★ 5').check();
    await harness.screenshot(clerk, 'flow-4a-clerk-hand-back-form');
    await clerk.getByRole('button', { name: 'Submit' }).click();
    await clerk.getByText('Done:').waitFor();
    await harness.screenshot(clerk, 'flow-4-clerk-handed-back');

    // And the public page, without a login, on a phone, shows it completed and nobody's name
    const applicant = await openAs(harness.browser, `${harness.url}/#/track/${trackingNumber}`, undefined, { width: 375, height: 740 });
    const status = applicant.locator('tereze-track-result [data-field=status]');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('completed');
    expect((await status.textContent())!.trim()).toBe('Completed');
    const text = await applicant.evaluate(pageText);
    expect(text).toContain(trackingNumber);
    expect(text).not.toContain(official.id);
    expect(text).not.toContain(official.name);
    const width = await applicant.evaluate(scrollWidth);
    expect(width, 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
    await applicant.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(async () => (await status.textContent())!.trim()).toBe('Завершено');
    await harness.screenshot(applicant, 'flow-5-public-tracking');
  }, 120_000);

  it('should fit the registration form in 375 px, label every field and work from the keyboard', async () => {
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 375, height: 740 });
    await page.getByRole('heading', { name: 'Register an application' }).waitFor();
    expect(await page.evaluate(scrollWidth), 'no horizontal scroll').toBeLessThanOrEqual(375);

    // Every form control has a label (its accessible name), and focus is visible
    const unlabelled = await page.evaluate(() => {
      const form = (globalThis as any).document.querySelector('tereze-register-page').shadowRoot.querySelector('tereze-application-form').shadowRoot;
      return [...form.querySelectorAll('input, select')].filter((el: any) => !el.labels?.length && !el.getAttribute('aria-label')).map((el: any) => el.outerHTML as string);
    });
    expect(unlabelled).toEqual([]);
    await page.getByLabel('Service', { exact: true }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      let el = (globalThis as any).document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return { id: el?.id as string, outline: (globalThis as any).getComputedStyle(el).outlineStyle as string };
    });
    expect(focused).toEqual({ id: 'applicant-name', outline: 'solid' });

    // Keyboard only: pick a service, fill in, tick a document, submit with Enter
    await page.getByLabel('Service', { exact: true }).selectOption(SERVICE);
    await page.keyboard.type(APPLICANT.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(APPLICANT.iin);
    await page.getByLabel('application', { exact: true }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByLabel('application', { exact: true }).isChecked()).toBe(true);
    await harness.screenshot(page, 'flow-6-clerk-form-375');
    await page.getByRole('button', { name: 'Register' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('tereze-receipt-view [data-receipt]').waitFor();
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'flow-7-clerk-receipt-375');
  }, 60_000);
});
