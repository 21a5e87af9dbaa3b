import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAMED, seedGamedOfficial } from '../../processes/demo/seedGamedOfficial.js';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { openAs, scrollWidth } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] integrity ${SKIP_REASON}`);

describe.skipIf(chromiumMissing)(chromiumMissing ? `assignment integrity in Chromium (${SKIP_REASON})` : 'assignment integrity in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
    // The demo seed's gamed official, played through the server's own engine (real clock)
    await seedGamedOfficial(harness.server.engine, { fairFiles: 10 });
  }, 180_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it("should let the auditor find the gamed official's flags and the audit entries behind them", async () => {
    // Given the auditor, logged in
    const page = await openAs(harness.browser, harness.url, 'auditor', { width: 1280, height: 1400 });

    // When they open the assignment-integrity page from the navigation
    await page.getByRole('link', { name: 'Assignment integrity' }).click();
    await page.getByRole('heading', { name: 'Assignment integrity' }).waitFor();

    // Then the supervisor's named picks to Serik Nurpeisov are flagged, in words, with names
    const picks = page.locator(`tereze-flag-list li[data-kind=picks][data-official="${GAMED.official}"]`);
    await picks.waitFor();
    const sentence = await picks.locator('p').textContent();
    expect(sentence).toContain('Azamat Nurpeisov (mj-supervisor) handed 5 files in mj-registration to Serik Nurpeisov (mj-registration-3) by named pick');
    expect(sentence).toMatch(/unlikely by chance \(p [=<] 0\.00\d+\)/);
    // …and so are the files the late absences steered to him
    const steered = page.locator(`tereze-flag-list li[data-kind=absencePattern][data-official="${GAMED.official}"]`);
    expect(await steered.locator('p').textContent()).toContain('Serik Nurpeisov (mj-registration-3) won 6 draws in mj-registration while colleagues had been marked absent at short notice (by Azamat Nurpeisov (mj-supervisor))');
    // The draws themselves read as chance would have them, with the group's officials by name
    const draws = page.locator('tereze-draw-tables section[data-group="mj-registration"]');
    // (the fair draws use the server's cryptographic source: the verdict itself is chance's to give)
    expect(await draws.locator('p[data-verdict]').textContent()).toMatch(/^mj-registration: \d+ draws — .+\.$/);
    expect(await draws.locator(`tr[data-official="${GAMED.official}"] th`).textContent()).toBe('Serik Nurpeisov (mj-registration-3)');
    // The late absences: three mornings, four colleagues marked absent each time, by the supervisor
    const late = page.locator('tereze-integrity-tables[section=absences] table[data-table=late-absences] tbody tr');
    expect(await late.count()).toBe(3);
    expect(await late.first().locator('th div').count()).toBe(4);
    expect(await late.first().locator('td').first().textContent()).toBe('Azamat Nurpeisov (mj-supervisor)');
    expect(await late.first().locator('td').nth(3).textContent()).toMatch(/^\d+ min$/);

    // When they open the evidence of the picks flag: the reassignments themselves, inline
    await picks.getByRole('button', { name: 'Show the 5 audit entries' }).click();
    const rows = picks.locator('table[data-evidence] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    for (const text of await rows.allTextContents()) {
      expect(text).toContain('task.reassign');
      expect(text).toContain('→ Serik Nurpeisov (mj-registration-3) (pick): knows these cases');
    }
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(1280);
    const shot = await harness.screenshot(page, 'integrity-0-auditor');
    copyFileSync(shot, '/tmp/integrity-auditor.png');
    await page.setViewportSize({ width: 1280, height: 2600 });
    await page.screenshot({ path: '/tmp/integrity-auditor-full.png' });
    await page.setViewportSize({ width: 1280, height: 1400 });

    // And in Russian the page speaks Russian
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Честность распределения' }).waitFor();
    expect(await picks.locator('p').textContent()).toContain('случайно маловероятно');
    copyFileSync(await harness.screenshot(page, 'integrity-1-auditor-ru'), '/tmp/integrity-auditor-ru.png');
    await page.context().close();
  });

  it('should not show the page to an official', async () => {
    const page = await openAs(harness.browser, harness.url, GAMED.official);
    expect(await page.getByRole('link', { name: 'Assignment integrity' }).count()).toBe(0);
    await page.goto(`${harness.url}/#/integrity`);
    await page.waitForTimeout(300);
    expect(await page.locator('tereze-integrity-page').count()).toBe(0);
    await page.context().close();
  });
});
