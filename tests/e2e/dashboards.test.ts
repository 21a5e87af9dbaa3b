import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../engine/index.js';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] dashboards ${SKIP_REASON}`);

const SHOTS = '/tmp/shots-wt-audit';
const DAY = 86_400_000;

interface Task { id: string; elementId: string }

describe.skipIf(chromiumMissing)(chromiumMissing ? `dashboards in Chromium (${SKIP_REASON})` : 'dashboards in Chromium', () => {
  let harness: DesignerHarness;
  /** The server's clock runs this far ahead of the wall clock: a month on, the open work is past its deadline. */
  let ahead = 0;
  const clock: Clock = { now: () => new Date(Date.now() + ahead) };

  beforeAll(async () => {
    harness = await startDesignerHarness({ clock });
    const clerk = await tokenOf(harness, 'clerk');
    const ids: string[] = [];
    for (const iin of ['900515401230', '880101300123', '850202400456', '920303500789']) {
      const started = await callAs<{ id: string }>(harness, clerk, 'POST', '/api/applications', {
        serviceCode: 'CHILDCARE-BENEFIT',
        channel: 'centre',
        applicant: { name: 'Aizhan Seitkali', iin },
        documents: ['id card'],
      });
      ids.push(started.id);
    }
    // One completeness check done at once (on time); three left open…
    const [first] = await callAs<Task[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${ids[0]}`);
    await callAs(harness, clerk, 'POST', `/api/tasks/${first!.id}/complete`, { outcome: 'complete' });
    // …and a month later they are all past their 15-minute deadline.
    ahead = 30 * DAY;
  }, 180_000);
  afterAll(async () => {
    await harness?.dispose();
  });

  it('should show the on-time rate below 100 % while open work is overdue, with names instead of ids', async () => {
    const page = await openAs(harness.browser, harness.url, 'auditor', { width: 1366, height: 768 });
    const dash = page.locator('tereze-dashboards-page');
    const agency = dash.locator('tereze-rate-bars[data-by="agency"]');
    const rate = agency.locator('text[data-rate="social"]');
    await rate.waitFor();
    await page.screenshot({ path: `${SHOTS}/dashboards-1366.png`, fullPage: true });
    // One check on time, the next ones open past the deadline: nowhere near 100 %.
    const shown = Number((await rate.textContent())!.replace(/[^\d.]/g, ''));
    expect(shown).toBeLessThan(100);
    expect(shown).toBeGreaterThan(0);
    expect(await agency.locator('li[data-key="social"]').first().textContent()).toMatch(/\d+ overdue/);

    // Names, not ids: the service's full name, the official's name from the directory.
    const serviceLabel = await dash.locator('tereze-rate-bars[data-by="service"] text[data-label]').first().getAttribute('data-label');
    expect(serviceLabel).not.toBe('CHILDCARE-BENEFIT');
    expect(serviceLabel!.length).toBeGreaterThan(20);
    const officialLabels = await dash.locator('tereze-rate-bars[data-by="official"] text[data-label]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-label')));
    expect(officialLabels).toContain('Demo clerk');
    expect(officialLabels).not.toContain('clerk');

    // The filters apply: the centre channel keeps these applications.
    await dash.locator('select#channel').selectOption('centre');
    await dash.getByRole('button', { name: 'Apply' }).click();
    await rate.waitFor();
    // The per-centre report downloads as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), dash.locator('button[data-export="centres"]').click()]);
    expect(download.suggestedFilename()).toBe('sla-by-centre.csv');

    // The heatmap drills down: the three open checks, each by its tracking number, overdue.
    const waiting = dash.locator('tereze-waiting-work');
    await waiting.locator('select#waiting-service').selectOption('childcare_benefit');
    const step = waiting.locator('tr[data-element="check_completeness"]');
    await step.waitFor();
    expect((await step.locator('td').first().textContent())!.trim()).toBe('Check the package is complete'); // the step by name
    expect((await step.locator('td').nth(1).textContent())!.trim()).toBe('3');
    await step.locator('button[data-drill]').click();
    const behind = waiting.locator('li[data-application]');
    await expect.poll(async () => behind.count()).toBe(3);
    for (const link of await behind.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(link).toMatch(/^#\/track\/\d{4}-\d{4}-\d{4}$/);
    expect(await behind.first().textContent()).toContain('overdue');
    await waiting.screenshot({ path: `${SHOTS}/dashboards-waiting.png` });

    await page.setViewportSize({ width: 375, height: 667 });
    await page.screenshot({ path: `${SHOTS}/dashboards-375.png`, fullPage: true });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await page.context().close();
  }, 120_000);
});
