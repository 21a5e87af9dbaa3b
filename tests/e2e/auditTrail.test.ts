import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExport, type AuditEntry } from '../../engine/index.js';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] audit trail ${SKIP_REASON}`);

const SHOTS = '/tmp/shots-wt-audit';

describe.skipIf(chromiumMissing)(chromiumMissing ? `the auditor's trail in Chromium (${SKIP_REASON})` : "the auditor's trail in Chromium", () => {
  let harness: DesignerHarness;
  beforeAll(async () => {
    harness = await startDesignerHarness();
    const clerk = await tokenOf(harness, 'clerk');
    for (const iin of ['900515401230', '880101300123']) {
      await callAs(harness, clerk, 'POST', '/api/applications', { serviceCode: 'CHILDCARE-BENEFIT', channel: 'centre', applicant: { name: 'Aizhan Seitkali', iin }, documents: ['id card'] });
    }
  }, 180_000);
  afterAll(async () => {
    await harness?.dispose();
  });

  it('should filter the trail by action, page it, and export JSON whose hashes and links verify', async () => {
    const page = await openAs(harness.browser, harness.url, 'auditor', { width: 1366, height: 768 });
    await page.goto(`${harness.url}/#/audit`);
    const trail = page.locator('tereze-audit-trail-page');
    await trail.getByRole('heading', { name: 'Audit trail' }).waitFor();
    // The chain check beside the table.
    await trail.locator('tereze-audit-chain-panel [data-chain="ok"]').waitFor();
    await trail.locator('tereze-audit-entry-table tr[data-seq]').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/audit-1366.png` });

    // Given the filter by action
    await trail.getByLabel('Action (e.g. task.complete, or task)').fill('instance.start');
    await trail.getByRole('button', { name: 'Show', exact: true }).click();
    const rows = trail.locator('tereze-audit-entry-table tbody tr');
    await expect.poll(async () => rows.count()).toBe(2);
    expect(await rows.locator('td[data-action]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-action')))).toEqual(['instance.start', 'instance.start']);
    // Each entry shows its hash shortened, the full one on hover (title), and what it links to.
    const hash = rows.first().locator('code[data-hash]');
    expect((await hash.textContent())!.trim()).toMatch(/^[0-9a-f]{10}…$/);
    expect(await hash.getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);
    expect(await rows.first().locator('code[data-prev]').getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);

    // When the auditor exports the selection as JSON
    const [download] = await Promise.all([page.waitForEvent('download'), trail.locator('button[data-export="json"]').click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { count: number; entries: AuditEntry[] };
    // Then the test recomputes every hash of the export
    expect(exported.count).toBe(2);
    expect(exported.entries.map((e) => e.action)).toEqual(['instance.start', 'instance.start']);
    expect(verifyExport(exported.entries)).toMatchObject({ ok: true, checked: 2 });

    // And a contiguous range (the whole trail, no filter) verifies link by link
    await trail.getByLabel('Action (e.g. task.complete, or task)').fill('');
    await trail.getByRole('button', { name: 'Show', exact: true }).click();
    const [whole] = await Promise.all([page.waitForEvent('download'), trail.locator('button[data-export="json"]').click()]);
    const all = JSON.parse(readFileSync((await whole.path())!, 'utf8')) as { entries: AuditEntry[] };
    expect(all.entries[0]!.seq).toBe(1);
    const check = verifyExport(all.entries);
    expect(check).toMatchObject({ ok: true, checked: all.entries.length, links: all.entries.length });
    // …and a tampered copy does not.
    const forged = all.entries.map((e, i) => (i === 1 ? { ...e, subject: 'someone else' } : e));
    expect(verifyExport(forged).ok).toBe(false);

    // Paging: a trail of more than one page shows the next one, starting after the last seq.
    const before = Number(await rows.last().getAttribute('data-seq'));
    const next = trail.locator('button[data-page="next"]');
    if (await next.isEnabled()) {
      await next.click();
      await expect.poll(async () => Number(await rows.first().getAttribute('data-seq'))).toBeGreaterThan(before);
    }

    await page.setViewportSize({ width: 375, height: 667 });
    await page.screenshot({ path: `${SHOTS}/audit-375.png`, fullPage: false });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await page.context().close();
  }, 120_000);
});
