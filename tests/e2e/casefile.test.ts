import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] case file ${SKIP_REASON}`);

interface Task { id: string; instanceId: string; elementId: string; assignee?: string | null; office?: string; trackingNumber: string }

const claimFixture = readFileSync(new URL('./fixtures/back-office-claim.bpmn', import.meta.url), 'utf8');

/** Registered at the counter by the demo clerk and past the completeness check: the back-office task drawn for someone. */
async function pastIntake(harness: DesignerHarness, serviceCode: string, applicant: { name: string; iin: string }) {
  const clerk = await tokenOf(harness, 'clerk');
  const started = await callAs<{ id: string; trackingNumber: string }>(harness, clerk, 'POST', '/api/applications', { serviceCode, channel: 'centre', applicant, documents: ['application form'] });
  const [intake] = await callAs<Task[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`);
  await callAs(harness, clerk, 'POST', `/api/tasks/${intake!.id}/complete`, { outcome: 'complete' });
  return started;
}

async function backTask(harness: DesignerHarness, instanceId: string, elementId: string): Promise<Task> {
  const auditor = await tokenOf(harness, 'supervisor');
  const tasks = await callAs<Task[]>(harness, auditor, 'GET', `/api/tasks?instanceId=${instanceId}`);
  const task = tasks.find((t) => t.elementId === elementId);
  expect(task, elementId).toBeDefined();
  return task!;
}

async function phone(page: Page, harness: DesignerHarness, name: string) {
  await page.setViewportSize({ width: 375, height: 667 });
  expect(await page.evaluate(scrollWidth), `${name}: no sideways scrolling on a phone`).toBeLessThanOrEqual(375);
  await harness.screenshot(page, `${name}-375`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `case file in Chromium (${SKIP_REASON})` : 'case file in Chromium', () => {
  let harness: DesignerHarness;
  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);
  afterAll(async () => {
    await harness?.dispose();
  });

  it('should let a clerk find a file by tracking number and IIN, open it and write a comment the official reads on the timeline', async () => {
    const applicant = { name: 'Aizhan Seitkali', iin: '900515401230' };
    const app = await pastIntake(harness, 'CHILDCARE-BENEFIT', applicant);
    const review = await backTask(harness, app.id, 'review');

    // Given the clerk on the search page
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await page.getByRole('link', { name: 'Search' }).click();
    const search = page.locator('tereze-search-page');
    await search.getByRole('heading', { name: 'Find an application' }).waitFor();
    // A wrong tracking number is named before anything is asked
    await search.getByLabel('Search for').fill('1234-5678-9012');
    await search.getByRole('button', { name: 'Search' }).click();
    await search.getByText('This is not a tracking number').waitFor();
    // When they search by the tracking number from the receipt
    await search.getByLabel('Search for').fill(app.trackingNumber);
    await search.getByRole('button', { name: 'Search' }).click();
    await search.locator(`tr[data-application="${app.id}"]`).waitFor();
    // And by the applicant's IIN
    await search.getByLabel("Applicant's IIN").check();
    await search.getByLabel('Search for').fill(applicant.iin);
    await search.getByRole('button', { name: 'Search' }).click();
    await search.locator(`tr[data-application="${app.id}"]`).waitFor();
    expect(await search.locator('tbody tr').count()).toBe(1);
    await harness.screenshot(page, 'casefile-0-search-1366');
    await phone(page, harness, 'casefile-0-search');
    // In Russian on a phone: the words change, the results stay
    await page.locator('.app-header button[data-lang=ru]').click();
    await search.getByRole('heading', { name: 'Поиск заявления' }).waitFor();
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'casefile-0-search-ru-375');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.app-header button[data-lang=en]').click();

    // Then the case file opens with its timeline, the back office named only as a side
    await search.getByRole('link', { name: `Open the case file ${app.trackingNumber}` }).click();
    const casePage = page.locator('tereze-case-page');
    await casePage.getByRole('heading', { name: `Case file ${app.trackingNumber}` }).waitFor();
    const timeline = casePage.locator('tereze-case-timeline');
    await timeline.locator('li[data-kind=received]').waitFor();
    await expect.poll(() => timeline.locator('li[data-kind=assigned] .what').textContent()).toContain('Drawn for the back office');
    expect(await timeline.textContent()).not.toContain(review.assignee!);

    // When the clerk writes a comment
    await casePage.getByLabel('Comment between the counter and the back office').fill('The applicant will bring the original birth certificate on Monday.');
    await casePage.getByRole('button', { name: 'Add the comment' }).click();
    await casePage.getByText('Comment added to the timeline.').waitFor();
    await timeline.locator('li[data-kind=comment]').getByText('The applicant will bring the original birth certificate on Monday.').waitFor();
    // The applicant's other files, on request
    await casePage.getByRole('button', { name: "Show the applicant's applications" }).click();
    await casePage.locator(`tereze-application-table tr[data-application="${app.id}"]`).getByText('this one').waitFor();
    await harness.screenshot(page, 'casefile-1-case-clerk-1366');
    await phone(page, harness, 'casefile-1-case-clerk');
    await page.context().close();

    // Then the official it was drawn for reads it on the timeline, from "the centre", without the clerk's name
    const official = await openAs(harness.browser, harness.url, review.assignee!, { width: 1366, height: 768 });
    await official.goto(`${harness.url}/#/case/${encodeURIComponent(app.id)}`);
    const seen = official.locator('tereze-case-page tereze-case-timeline li[data-kind=comment]');
    await seen.getByText('The applicant will bring the original birth certificate on Monday.').waitFor();
    expect(await seen.locator('.what').textContent()).toBe('Comment from the centre');
    await harness.screenshot(official, 'casefile-2-case-official-1366');
    // In Russian too
    await official.locator('.app-header button[data-lang=ru]').click();
    await official.locator('tereze-case-page').getByRole('heading', { name: `Дело ${app.trackingNumber}` }).waitFor();
    expect(await seen.locator('.what').textContent()).toBe('Комментарий (центр)');
    await harness.screenshot(official, 'casefile-2-case-official-ru-1366');
    await official.locator('.app-header button[data-lang=en]').click();
    await official.context().close();

    // And the IIN look-up is in the audit trail
    const trail = await callAs<{ action: string; actor: string }[]>(harness, await tokenOf(harness, 'auditor'), 'GET', `/api/audit?subject=${encodeURIComponent(`applicant:${applicant.iin}`)}`);
    expect(trail.filter((e) => e.action === 'applicant.lookup').map((e) => e.actor)).toEqual(['clerk', 'clerk']);
  }, 120_000);

  it('should let an official take a task from the group queue and give it back', async () => {
    expect((await harness.api('/api/definitions', { method: 'POST', body: claimFixture, headers: { 'Content-Type': 'application/xml' } })).status).toBeLessThan(300);
    const clerk = await tokenOf(harness, 'clerk');
    const started = await callAs<{ id: string; trackingNumber: string }>(harness, clerk, 'POST', '/api/applications', { serviceCode: 'E2E-CLAIM', channel: 'centre', applicant: { name: 'Erlan Tokayev', iin: '920404600111' } });
    const task = await backTask(harness, started.id, 'review_from_queue');
    expect(task.assignee).toBeNull();

    // Given the official on the task, waiting in the group queue
    const page = await openAs(harness.browser, harness.url, 'official', { width: 1366, height: 768 });
    await page.goto(`${harness.url}/#/task/${encodeURIComponent(started.id)}/${encodeURIComponent(task.id)}`);
    const bar = page.locator('tereze-task-page tereze-task-claim-bar');
    await bar.getByText('Waiting in the group queue').waitFor();
    // When they take it
    await bar.getByRole('button', { name: 'Take this task' }).click();
    await bar.getByText('Assigned to you').waitFor();
    await bar.getByText('You took the task.').waitFor();
    expect((await backTask(harness, started.id, 'review_from_queue')).assignee).toBe('official');
    await harness.screenshot(page, 'casefile-3-claimed-1366');
    await phone(page, harness, 'casefile-3-claimed');
    // And give it back
    await bar.getByRole('button', { name: 'Give back to the queue' }).click();
    await bar.getByText('Waiting in the group queue').waitFor();
    await bar.getByText('The task is back in the group queue.').waitFor();
    expect((await backTask(harness, started.id, 'review_from_queue')).assignee).toBeNull();
    // Then the case file says so
    await page.locator('tereze-task-page [data-case-link]').click();
    const timeline = page.locator('tereze-case-page tereze-case-timeline');
    await timeline.locator('li[data-kind=unclaim]').waitFor();
    expect(await timeline.locator('li[data-kind=claim] .what').textContent()).toBe('Taken by Demo official: Review from the queue');
    await page.context().close();
  }, 90_000);

  it('should show the second reviewer the first decision and who took it', async () => {
    const app = await pastIntake(harness, 'COMPANY-REG', { name: 'Kairat Sadykov', iin: '940606800333' });
    const review = await backTask(harness, app.id, 'review');
    const first = await tokenOf(harness, review.assignee!);
    await callAs(harness, first, 'POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve', variables: { decisionNote: 'Founding documents in order; the charter matches the register.' } });
    const second = await backTask(harness, app.id, 'second_review');
    expect(second.assignee).not.toBe(review.assignee);

    const page = await openAs(harness.browser, harness.url, second.assignee!, { width: 1366, height: 768 });
    await page.goto(`${harness.url}/#/task/${encodeURIComponent(app.id)}/${encodeURIComponent(second.id)}`);
    const earlier = page.locator('tereze-task-page tereze-earlier-decision');
    await earlier.getByRole('heading', { name: 'The first decision' }).waitFor();
    expect(await earlier.locator('[data-outcome]').textContent()).toBe('approve');
    await earlier.getByText('Founding documents in order; the charter matches the register.').waitFor();
    expect(await earlier.locator('[data-decided-by]').getAttribute('data-decided-by')).toBe(review.assignee);
    await harness.screenshot(page, 'casefile-4-second-review-1366');
    await phone(page, harness, 'casefile-4-second-review');
    await page.context().close();
  }, 90_000);
});
