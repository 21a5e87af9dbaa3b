import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] supervisor ${SKIP_REASON}`);

interface Task { id: string; instanceId: string; elementId: string; assignee?: string | null; office?: string; trackingNumber: string }
interface Member { id: string; name: string; active: boolean; absentToday: boolean }

const DOCUMENTS = 4;

/** A child-care benefit registered at the counter and passed the completeness check: a back-office task drawn among social-benefits. */
async function backOfficeTask(harness: DesignerHarness, clerk: string, iin: string): Promise<Task> {
  const started = await callAs<{ id: string }>(harness, clerk, 'POST', '/api/applications', {
    serviceCode: 'CHILDCARE-BENEFIT',
    channel: 'centre',
    applicant: { name: 'Aizhan Seitkali', iin },
    documents: Array.from({ length: DOCUMENTS }, (_, i) => `document ${i + 1}`),
  });
  const [intake] = await callAs<Task[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`);
  expect(intake, 'the intake task').toBeDefined();
  await callAs(harness, clerk, 'POST', `/api/tasks/${intake!.id}/complete`, { outcome: 'complete' });
  const supervisor = await tokenOf(harness, 'social-supervisor');
  const tasks = await callAs<Task[]>(harness, supervisor, 'GET', `/api/tasks?instanceId=${started.id}`);
  const back = tasks.find((task) => task.office === 'back' && task.assignee);
  expect(back, 'a back-office task drawn for an official').toBeDefined();
  return back!;
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `supervisor pages in Chromium (${SKIP_REASON})` : 'supervisor pages in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('should show the workload per official, reassign a task with a reason and record an absence', async () => {
    const clerk = await tokenOf(harness, 'clerk');
    const task = await backOfficeTask(harness, clerk, '900515401230');
    const from = task.assignee!;
    const to = ['social-benefits-1', 'social-benefits-2'].find((id) => id !== from)!;
    // A third member of the group away from today
    const supervisor = await tokenOf(harness, 'social-supervisor');
    const away = ['social-benefits-3', 'social-benefits-4', 'social-benefits-5'].find((id) => id !== from)!;
    const today = new Date().toISOString().slice(0, 10);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await callAs(harness, supervisor, 'PUT', `/api/absences/${away}`, { from: today, to: inAWeek, reason: 'training' });
    const members = await callAs<Member[]>(harness, supervisor, 'GET', '/api/groups/social-benefits/members');
    const nameOf = (id: string) => members.find((m) => m.id === id)!.name;
    expect(members.find((m) => m.id === away)?.absentToday).toBe(true);

    // Given the social-protection supervisor on their landing page
    const page = await openAs(harness.browser, harness.url, 'social-supervisor');
    await page.getByRole('heading', { name: 'Workload and deadlines' }).waitFor();
    const workload = page.locator('tereze-workload-table');
    await workload.locator(`tr[data-official="${from}"]`).waitFor();
    // The workload names the official, sorts by name and filters
    await expect.poll(() => workload.locator(`tr[data-official="${from}"] th`).textContent()).toContain(nameOf(from));
    await workload.locator('button[data-sort=name]').click();
    expect(await workload.locator('th[aria-sort=ascending] button[data-sort=name]').count()).toBe(1);
    const filter = workload.getByLabel('Filter by name, id or group');
    await filter.fill('no such official');
    await expect.poll(() => workload.locator('tbody tr').count()).toBe(0);
    await filter.fill(nameOf(from).slice(0, 4).toUpperCase());
    await workload.locator(`tr[data-official="${from}"]`).waitFor();
    await filter.fill('');
    await page.screenshot({ path: '/tmp/shots-wt-home/workload-1366.png' });
    expect(await page.locator('tereze-supervised-tasks[data-list=overdue] [data-empty]').textContent()).toBe('No overdue task.');

    // When they reassign the task: the reason is required
    const row = page.locator(`tereze-supervised-tasks[data-list=open] tr[data-task="${task.id}"]`);
    await row.getByRole('button', { name: `Reassign the task ${task.trackingNumber}` }).click();
    const dialog = page.locator('tereze-reassign-dialog dialog');
    await dialog.waitFor();
    // A fresh random draw is the default; a named pick is the other, explicit choice
    expect(await page.locator('tereze-reassign-dialog #reassign-redraw').evaluate((el: any) => el === el.getRootNode().activeElement && el.checked)).toBe(true);
    expect(await dialog.getByLabel('To official').isVisible()).toBe(false);
    await dialog.getByLabel('Hand it to a named official: recorded and counted as a manual pick').check();
    // The group's members are offered, the assignee left out, the absent one marked, not selectable and not preselected
    await dialog.locator('[data-members]').getByText(`Members of social-benefits you oversee: ${members.length - 1}; absent today: 1.`, { exact: false }).waitFor();
    const select = dialog.getByLabel('To official');
    expect(await select.locator(`option[value="${from}"]`).count()).toBe(0);
    expect(await select.locator(`option[value="${away}"]`).textContent()).toBe(`${nameOf(away)} (${away}) — absent today`);
    expect(await select.locator(`option[value="${away}"]`).isDisabled()).toBe(true);
    expect(await select.locator(`option[value="${to}"]`).textContent()).toBe(`${nameOf(to)} (${to})`);
    const preselected = await select.inputValue();
    expect(preselected).not.toBe('');
    expect([from, away]).not.toContain(preselected);
    await harness.screenshot(page, 'supervisor-0-reassign-dialog');
    await select.selectOption(to);
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    await dialog.getByText('Give a reason').waitFor();
    await dialog.getByLabel('Reason').fill(`${from} is on sick leave`);
    await dialog.getByRole('button', { name: 'Reassign' }).click();

    // Then the task is the other official's, in the page and on the server
    await page.getByText(`Task ${task.trackingNumber} reassigned to ${to}`).waitFor();
    await expect.poll(() => row.locator('td[data-label="Assigned to"]').textContent()).toBe(to);
    const [after] = await callAs<Task[]>(harness, supervisor, 'GET', `/api/tasks?instanceId=${task.instanceId}&assignee=${to}`);
    expect(after?.id).toBe(task.id);

    // And a second move with the default: drawn again at random, never to the holder or the absent one
    await row.getByRole('button', { name: `Reassign the task ${task.trackingNumber}` }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Reason').fill('balance the queue');
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    const drawn = page.getByText(new RegExp(`^Task ${task.trackingNumber} drawn again: now with `));
    await drawn.waitFor();
    const redrawn = (await drawn.textContent())!.replace(/^.*now with /, '');
    expect([to, away]).not.toContain(redrawn);
    await expect.poll(() => row.locator('td[data-label="Assigned to"]').textContent()).toBe(redrawn);
    const moves = await callAs<{ data: { mode: string; to: string } }[]>(harness, await tokenOf(harness, 'auditor'), 'GET', `/api/audit?subject=${task.id}`);
    expect(moves.filter((e) => 'mode' in (e.data ?? {})).map((e) => e.data.mode)).toEqual(['pick', 'redraw']);

    // And an absence recorded for the official who took it shows in the workload and among the members absent today
    const absence = page.locator('tereze-absence-form');
    expect(await absence.locator('[data-members]').textContent()).toBe(`${members.length} officials in the groups you oversee; absent today: ${nameOf(away)}.`);
    expect(await absence.locator(`datalist option[value="${away}"]`).getAttribute('label')).toBe(`${nameOf(away)} (${away}) — absent today`);
    await absence.getByLabel('Official').fill(redrawn);
    await absence.getByLabel('From').fill(today);
    await absence.getByLabel('To (inclusive)').fill(inAWeek);
    await absence.getByLabel('Reason (optional)').fill('annual leave');
    await absence.getByRole('button', { name: 'Record the absence' }).click();
    await page.getByText(`Absence recorded for ${redrawn}`, { exact: true }).waitFor();
    // Away from today: their open file is drawn again among the eligible, and the page says how many moved
    await page.locator('tereze-supervision-page [data-redraw]').getByText('Their open files drawn again among the eligible: 1.').waitFor();
    await expect.poll(() => row.locator('td[data-label="Assigned to"]').textContent()).not.toBe(redrawn);
    const holder = (await row.locator('td[data-label="Assigned to"]').textContent())!;
    expect([redrawn, away]).not.toContain(holder);
    const last = (await callAs<{ action: string; data: { mode?: string; reason?: string; from?: string } }[]>(harness, await tokenOf(harness, 'auditor'), 'GET', `/api/audit?subject=${task.id}`)).filter((e) => e.action === 'task.reassign').at(-1);
    expect(last?.data).toMatchObject({ mode: 'redraw', from: redrawn, reason: `absence of ${redrawn}: annual leave` });
    const absences = await callAs<{ from: string; to: string; reason?: string }[]>(harness, supervisor, 'GET', `/api/absences/${redrawn}`);
    expect(absences).toEqual([expect.objectContaining({ from: today, to: inAWeek, reason: 'annual leave' })]);
    await expect.poll(() => absence.locator('[data-members]').textContent()).toMatch(new RegExp(`absent today: (${nameOf(away)}, ${nameOf(redrawn)}|${nameOf(redrawn)}, ${nameOf(away)})\\.$`));
    await harness.screenshot(page, 'supervisor-1-reassigned-absent');

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'supervisor-2-375');
  }, 90_000);
  it('should show the auditor the SLA dashboards with text equivalents and the audit chain intact', async () => {
    const clerk = await tokenOf(harness, 'clerk');
    await backOfficeTask(harness, clerk, '900515401230');

    // Given the auditor (the inspection: every row), landing on the dashboards
    const page = await openAs(harness.browser, harness.url, 'auditor');
    await page.getByRole('heading', { name: 'SLA compliance' }).waitFor();

    // Then the audit chain is checked on arrival and intact
    const chain = page.locator('tereze-audit-chain-panel [data-chain]');
    await expect.poll(() => chain.getAttribute('data-chain'), { timeout: 10_000 }).toBe('ok');
    expect(await chain.textContent()).toMatch(/The chain is intact: \d+ entries checked/);

    // And each dimension has a chart, the channel share names the centre with its count and share
    for (const by of ['agency', 'service', 'channel', 'official']) await page.locator(`tereze-rate-bars[data-by=${by}] figure`).waitFor();
    await page.locator('tereze-rate-bars[data-by=service] svg').waitFor();
    const share = page.locator('tereze-channel-share li[data-channel=centre]');
    await share.waitFor();
    expect(await share.textContent()).toMatch(/Public service centre: \d+ \(\d+(\.\d)? %\)/);
    // The bars' text equivalent: every number of the row in words
    const serviceRow = page.locator('tereze-rate-bars[data-by=service] details li[data-key=CHILDCARE-BENEFIT]');
    expect(await serviceRow.textContent()).toMatch(/Child-care benefit.*: (nothing completed yet|[\d.]+ % on time).*applications/);
    // And the overdue trend is the server's daily series: 30 Almaty days (the list newest first), today's with the application started and its intake completed
    const trend = page.locator('tereze-overdue-trend figure[data-days]');
    await trend.waitFor();
    expect(await trend.getAttribute('data-days')).toBe('30');
    expect(await trend.locator('figcaption').textContent()).toBe('Overdue trend, last 30 days');
    expect(await trend.textContent()).not.toMatch(/estimate|sketch/i);
    expect(await trend.locator('[data-totals]').textContent()).toMatch(/^In 30 days: \d+ tasks turned overdue, \d+ completed late; \d+ tasks completed, [1-9]\d* applications started\.$/);
    const days = trend.locator('details li[data-date]');
    expect(await days.count()).toBe(30);
    const almatyToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(await days.first().getAttribute('data-date')).toBe(almatyToday);
    expect(await days.first().textContent()).toMatch(new RegExp(`^${almatyToday}: \\d+ turned overdue, \\d+ completed late; [1-9]\\d* completed, [1-9]\\d* started$`));
    await trend.locator('svg').waitFor();
    await harness.screenshot(page, 'dashboards-1-auditor');
    await trend.locator('details summary').click();
    await trend.scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'dashboards-3-auditor-trend');

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'dashboards-2-auditor-375');
  }, 60_000);
});
