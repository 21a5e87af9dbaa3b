import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] coordinator ${SKIP_REASON}`);

// Large-family allowance: social protection (the demo `official`'s agency), an `agency` start
// channel, and alternative access in the demo organisation.
const SERVICE = 'LARGE-FAMILY';
const APPLICANT = { name: 'Gulmira Bekova', iin: '900515401230' };
const REASON = 'Decree 12/2025: large-family allowances only through the centres';
/** Birth registration's agency, as the demo directory names it. */
const RAGS = 'Registry office (civil registration)';

describe.skipIf(chromiumMissing)(chromiumMissing ? `coordinator pages in Chromium (${SKIP_REASON})` : 'coordinator pages in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('should switch a service to single access, after which the agency desk refuses it naming the service and channel', async () => {
    const coordinatorToken = await tokenOf(harness, 'coordinator');
    const before = await callAs<{ serviceCode: string; mode: string }[]>(harness, coordinatorToken, 'GET', '/api/routing');
    expect(before.find((d) => d.serviceCode === SERVICE)?.mode).toBe('alternative');

    // Given the official's agency desk takes the service in under alternative access
    const official = await openAs(harness.browser, harness.url, 'official');
    await official.goto(`${harness.url}/#/desk`);
    await fillDeskForm(official);
    await official.getByText('Registered: tracking number').waitFor();
    // The receipt to print replaces the form (a second click cannot register the applicant twice)
    const receipt = official.locator('tereze-agency-desk-page tereze-receipt-view');
    await receipt.waitFor();
    expect(await official.locator('tereze-agency-desk-page tereze-application-form').count()).toBe(0);
    await receipt.getByText(APPLICANT.name).first().waitFor();
    await harness.screenshot(official, 'coordinator-0-agency-desk-receipt');
    await official.getByRole('button', { name: 'Register another application' }).click();
    // …and the next form is empty
    await official.getByLabel("Applicant's full name").waitFor();
    expect(await official.getByLabel("Applicant's full name").inputValue()).toBe('');

    // When the coordinator (landing on the routing console) switches it to single access
    const coordinator = await openAs(harness.browser, harness.url, 'coordinator');
    await coordinator.getByRole('heading', { name: 'Access by service' }).waitFor();
    const row = coordinator.locator(`tereze-routing-table tr[data-service="${SERVICE}"]`);
    await expect.poll(() => row.locator('[data-mode]').textContent()).toBe('Alternative access');
    await row.locator('button[data-action=switch]').click();
    const form = coordinator.locator('tereze-routing-switch-form');
    expect(await form.getByLabel('Single access').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Switch access' }).click();
    await form.getByText('Give a reason for the switch').waitFor();
    expect(await form.getByLabel('Reason').evaluate((el: any) => el === el.getRootNode().activeElement)).toBe(true);
    await form.getByLabel('Reason').fill(REASON);
    await form.getByRole('button', { name: 'Switch access' }).click();

    // Then the decision is in force and in the history, with its reason
    const status = coordinator.locator('tereze-routing-page p[role=status]');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/\S/);
    expect(await status.textContent()).toMatch(/: Single access$/);
    await expect.poll(() => row.locator('[data-mode]').textContent()).toBe('Single access');
    const history = coordinator.locator('tereze-routing-history');
    await history.getByText(REASON).waitFor();
    expect(await history.locator('tr[data-version]').count()).toBeGreaterThanOrEqual(2);
    await harness.screenshot(coordinator, 'coordinator-1-routing-switched');

    // And the official's form, opened before the switch, is refused with the service and channel named
    await fillDeskForm(official);
    const refusal = official.locator('tereze-agency-desk-page [data-refusal]');
    await refusal.getByText('Refused:').waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain(SERVICE);
    expect(text).toContain("'agency'");
    expect(text).toContain('single access');
    expect(text).toContain('Allowance for large families is under single access');
    await harness.screenshot(official, 'coordinator-2-agency-desk-refused');
    // Opened now, the desk no longer offers the service: it is listed as closed, with the reason
    await official.reload();
    const closed = official.locator('tereze-agency-desk-page [data-closed]');
    await closed.locator(`li[data-service="${SERVICE}"]`).waitFor();
    expect(await closed.textContent()).toContain(REASON);
    expect(await official.locator(`tereze-application-form option[value="${SERVICE}"]`).count()).toBe(0);
    await harness.screenshot(official, 'coordinator-2b-agency-desk-closed');

    // The console at 375 px: no sideways scrolling
    await coordinator.setViewportSize({ width: 375, height: 800 });
    expect(await coordinator.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(coordinator, 'coordinator-3-routing-375');
  }, 90_000);

  it("should show each service's channel share, on-time rate and waiting work beside its switch, and no switch without an agency desk", async () => {
    const token = await tokenOf(harness, 'coordinator');
    const facts = await callAs<{ serviceCode: string; channelShare: Record<string, number>; waiting: number; total: number; hasAgencyChannel: boolean }[]>(harness, token, 'GET', '/api/routing/facts');
    const birth = facts.find((f) => f.serviceCode === 'BIRTH-REG');
    expect(birth?.hasAgencyChannel).toBe(true);
    expect(facts.find((f) => f.serviceCode === 'CHILDCARE-BENEFIT')?.hasAgencyChannel).toBe(false);

    const coordinator = await openAs(harness.browser, harness.url, 'coordinator', { width: 1366, height: 768 });
    await coordinator.getByRole('heading', { name: 'Access by service' }).waitFor();
    // Given the birth registration row: its facts beside the switch, as the server counts them
    const row = coordinator.locator('tereze-routing-table tr[data-service="BIRTH-REG"]');
    await expect.poll(() => row.locator('td.facts .waiting').textContent()).toBe(`${birth!.waiting} waiting`);
    const share = (await row.locator('td.facts .share').textContent()) ?? '';
    if (birth!.total) for (const [channel, part] of Object.entries(birth!.channelShare)) expect(share).toContain(`${channel} ${Math.round(part * 100)} %`);
    else expect(share).toBe('no applications yet');
    expect(await row.locator('td.facts .on-time').textContent()).toMatch(/^on time/);
    // The agency by its name in the directory, not its code
    expect((await row.locator('td[data-label="Agency"]').textContent())?.trim()).toBe(RAGS);
    expect(await row.locator('button[data-action=switch]').count()).toBe(1);
    // And a service whose standard has no agency desk offers no switch, only its history
    const childcare = coordinator.locator('tereze-routing-table tr[data-service="CHILDCARE-BENEFIT"]');
    expect(await childcare.locator('button[data-action=switch]').count()).toBe(0);
    expect(await childcare.locator('button[data-action=history]').count()).toBe(1);
    await coordinator.screenshot({ path: '/tmp/shots-wt-home/routing-facts-1366.png', fullPage: true });

    // When the coordinator opens the switch, the facts stand above the decision history too
    await row.locator('button[data-action=switch]').click();
    await expect.poll(() => coordinator.locator('tereze-routing-history .facts-now').textContent()).toMatch(/^Now: .* · on time.* · \d+ waiting$/);
    await coordinator.screenshot({ path: '/tmp/shots-wt-home/routing-switch-facts-1366.png' });
    await coordinator.setViewportSize({ width: 375, height: 667 });
    expect(await coordinator.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await coordinator.screenshot({ path: '/tmp/shots-wt-home/routing-facts-375.png' });
  }, 60_000);

  it('should add a transfer and a one-off day off to a calendar with reasons, list the versions, and remove one', async () => {
    const coordinator = await openAs(harness.browser, harness.url, 'coordinator');
    await coordinator.goto(`${harness.url}/#/calendars`);
    const view = coordinator.locator('tereze-calendar-view');
    await view.getByText('Opening hours').waitFor();
    await coordinator.getByLabel('Calendar', { exact: true }).selectOption('agency');
    await view.locator('dd[data-day=mon]').getByText(/\d{2}:\d{2}/).waitFor();
    // Calendars by name, not by id
    await expect.poll(() => coordinator.locator('#calendar-id option[value=agency]').textContent()).toBe("Agencies' calendar (back office)");
    expect(await coordinator.locator('#calendar-id option[value=centre]').textContent()).toBe("Public service centres' calendar");

    const form = coordinator.locator('tereze-calendar-exception-form');
    await form.getByLabel('Transfer: a day off is worked (e.g. a Saturday)').check();
    await form.getByRole('textbox', { name: 'Date' }).fill('2031-07-05');
    await form.getByLabel('Name or note').fill('Saturday worked for Friday 11 July');
    await form.getByRole('button', { name: 'Add and save' }).click();
    await form.getByText('Give a reason for the change').waitFor();
    await form.getByLabel('Reason for the change').fill('Government decree on the 2031 transfers');
    await form.getByRole('button', { name: 'Add and save' }).click();
    await coordinator.getByText(/Saved: version \d+/).waitFor();
    await view.locator('li[data-transfer="2031-07-05"]').getByText('worked').waitFor();

    await form.getByLabel('One-off day off (a holiday on this date only)').check();
    await form.getByRole('textbox', { name: 'Date' }).fill('2031-03-28');
    await form.getByLabel('Name or note').fill('Kurban Ait');
    await form.getByLabel('Reason for the change').fill('Kurban Ait 2031 announced');
    await form.getByRole('button', { name: 'Add and save' }).click();
    await view.locator('li[data-one-off="2031-03-28"]').waitFor();
    const versions = coordinator.locator('tereze-calendar-versions');
    await versions.getByText('Kurban Ait 2031 announced').waitFor();
    await versions.getByText('Government decree on the 2031 transfers').waitFor();
    await harness.screenshot(coordinator, 'coordinator-4-calendar');

    await view.getByRole('button', { name: 'Remove 2031-07-05' }).click();
    await coordinator.getByLabel('Reason for removing 2031-07-05').fill('Decree withdrawn');
    await coordinator.locator('tereze-calendar-page form.panel').getByRole('button', { name: 'Remove' }).click();
    await versions.getByText('Decree withdrawn').waitFor();
    expect(await view.locator('li[data-transfer="2031-07-05"]').count()).toBe(0);

    const token = await tokenOf(harness, 'coordinator');
    type Named = { date: string; name: string; names?: Record<string, string> };
    const calendar = await callAs<{ holidays: { month: number; day: number; names?: Record<string, string> }[]; oneOff: Named[]; transfers: { date: string; notes?: Record<string, string> }[] }>(
      harness,
      token,
      'GET',
      '/api/calendars/agency',
    );
    expect(calendar.oneOff.map((d) => d.date)).toContain('2031-03-28');
    expect(calendar.transfers.map((d) => d.date)).not.toContain('2031-07-05');
    // Three edits later, what the editor did not touch keeps its Kazakh and Russian
    expect(calendar.holidays.find((h) => h.month === 12 && h.day === 16)?.names).toEqual({ kk: 'Тәуелсіздік күні', ru: 'День Независимости' });
    expect(calendar.oneOff.find((d) => d.date === '2026-05-27')?.names?.kk).toBe('Құрбан айт (бірінші күні)');
    expect(calendar.transfers.find((d) => d.date === '2025-01-05')?.notes?.ru).toBe('рабочий день вместо пятницы 3 января 2025 года');
    expect(calendar.oneOff.find((d) => d.date === '2031-03-28')).toEqual({ date: '2031-03-28', name: 'Kurban Ait' });
    // And the page says them in Kazakh
    await coordinator.locator('.app-header button[data-lang=kk]').click();
    await view.locator('li[data-one-off="2026-05-27"]').getByText('Құрбан айт (бірінші күні)').waitFor();
    await view.locator('li[data-transfer="2025-01-05"]').getByText(/3 қаңтардың/).waitFor();
    await coordinator.locator('.app-header button[data-lang=en]').click();

    await coordinator.setViewportSize({ width: 375, height: 800 });
    expect(await coordinator.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(coordinator, 'coordinator-5-calendar-375');
  }, 90_000);

  it('should edit a calendar\'s opening hours with a reason, refusing a malformed interval, as a new version', async () => {
    const coordinator = await openAs(harness.browser, harness.url, 'coordinator', { width: 1366, height: 768 });
    await coordinator.goto(`${harness.url}/#/calendars`);
    await coordinator.getByLabel('Calendar', { exact: true }).selectOption('centre');
    const view = coordinator.locator('tereze-calendar-view');
    const hours = coordinator.locator('tereze-opening-hours-form');
    const saturday = hours.getByLabel('Saturday');
    await saturday.waitFor();
    const token = await tokenOf(harness, 'coordinator');
    const before = await callAs<{ version: number }[]>(harness, token, 'GET', '/api/calendars/centre/versions');

    // When the coordinator types a malformed interval, the field says so and nothing is saved
    await saturday.fill('10-14');
    await hours.getByLabel('Reason for the change').fill('Saturday service from March');
    await hours.getByRole('button', { name: 'Save opening hours' }).click();
    await hours.getByText('Not a time interval (from–to, 24-hour): 10-14').waitFor();

    // When the hours are right, they are saved as a new version with the reason
    await saturday.fill('10:00–14:00');
    await hours.getByRole('button', { name: 'Save opening hours' }).click();
    await coordinator.getByText(/Saved: version \d+/).waitFor();
    await expect.poll(() => view.locator('dd[data-day=sat]').textContent()).toBe('10:00–14:00');
    await coordinator.locator('tereze-calendar-versions').getByText('Saturday service from March').waitFor();
    const calendar = await callAs<{ week: Record<string, { from: string; to: string }[]> }>(harness, token, 'GET', '/api/calendars/centre');
    expect(calendar.week.sat).toEqual([{ from: '10:00', to: '14:00' }]);
    expect((await callAs<unknown[]>(harness, token, 'GET', '/api/calendars/centre/versions')).length).toBe(before.length + 1);
    await coordinator.screenshot({ path: '/tmp/shots-wt-home/calendar-hours-1366.png', fullPage: true });
  }, 60_000);

  it("should show a calendar's month with its holidays and where a sample application's deadline falls, as the server counts it", async () => {
    const token = await tokenOf(harness, 'coordinator');
    const expected = await callAs<{ sample: { dueDate: string } }>(harness, token, 'GET', '/api/calendars/agency/month?month=2026-03&receivedAt=2026-03-20T05:00:00Z&duration=2&unit=workingDays');
    const coordinator = await openAs(harness.browser, harness.url, 'coordinator', { width: 1366, height: 768 });
    await coordinator.goto(`${harness.url}/#/calendars`);
    await coordinator.getByLabel('Calendar', { exact: true }).selectOption('agency');
    const month = coordinator.locator('tereze-calendar-month');
    await month.locator('.grid').waitFor();

    // When the coordinator asks for March 2026 with an application received on Friday 20 March at 10:00, due in 2 working days
    await month.getByLabel('Month', { exact: true }).fill('2026-03');
    await month.getByLabel('Sample application received (Astana time)').fill('2026-03-20T10:00');
    await month.getByLabel('Term').fill('2');
    await month.getByLabel('Unit').selectOption('workingDays');
    await month.getByRole('button', { name: 'Show' }).click();

    // Then the deadline is the server's, marked on its day, and Nauryz is a closed holiday
    await month.getByText(`The sample application is due on ${expected.sample.dueDate}`).waitFor();
    expect(await month.locator('.day[data-due]').getAttribute('data-date')).toBe(expected.sample.dueDate);
    expect(await month.locator('.day[data-received]').getAttribute('data-date')).toBe('2026-03-20');
    const nauryz = month.locator('.day[data-date="2026-03-23"]');
    expect(await nauryz.getAttribute('data-working')).toBe('false');
    expect(await nauryz.getAttribute('data-holiday')).not.toBeNull();
    expect(await month.locator('.day[data-date="2026-03-01"]').getAttribute('data-working')).toBe('false');
    await month.screenshot({ path: '/tmp/shots-wt-home/calendar-month-1366.png' });
    await coordinator.setViewportSize({ width: 375, height: 667 });
    expect(await coordinator.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await month.screenshot({ path: '/tmp/shots-wt-home/calendar-month-375.png' });
  }, 60_000);
});

async function fillDeskForm(page: import('playwright-core').Page) {
  await page.getByRole('heading', { name: 'Agency desk: register an application' }).waitFor();
  await page.getByLabel('Service', { exact: true }).selectOption(SERVICE);
  await page.getByLabel("Applicant's full name").fill(APPLICANT.name);
  await page.getByLabel("Applicant's IIN").fill(APPLICANT.iin);
  expect(await page.locator('tereze-application-form input[name=channel]').count()).toBe(1);
  expect(await page.getByLabel("Agency's own desk").isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Register' }).click();
}
