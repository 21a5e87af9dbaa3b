import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { openAs, scrollWidth } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] operator ${SKIP_REASON}`);

const XML = readFileSync(new URL('./fixtures/operator-registry.bpmn', import.meta.url), 'utf8');
/** Screens for a person to look at (not committed). */
const SHOTS = '/tmp/shots-wt-ops';

describe.skipIf(chromiumMissing)(chromiumMissing ? `operator pages in Chromium (${SKIP_REASON})` : 'operator pages in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
    // The registry refuses a record without its id: the service task becomes an incident.
    harness.server.engine.registerHandler('e2eRegistry', ({ variables }) => {
      if (typeof variables['registryId'] !== 'string' || !variables['registryId']) throw new Error('registry refused the record: registryId is missing');
      return { recorded: true };
    });
    const deployed = await harness.api('/api/definitions', { method: 'POST', body: XML, headers: { 'Content-Type': 'application/xml' } });
    expect(deployed.status, await deployed.clone().text()).toBeLessThan(300);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('should let an operator find an incident, fix the variable, retry, and the instance goes on', async () => {
    const engine = harness.server.engine;
    const healthy = await engine.start('e2e_registry', { by: 'clerk', variables: { applicantName: 'Aliya', registryId: 'R-1' } });
    const { id, state, trackingNumber } = await engine.start('e2e_registry', { by: 'clerk', variables: { applicantName: 'Dana', registryId: '' } });
    expect(state).toBe('incident');
    expect(healthy.state).toBe('active');

    // The operator lands on the instance list and filters by incident
    const page = await openAs(harness.browser, harness.url, 'operator', { width: 1366, height: 768 });
    const list = page.locator('tereze-instances-page');
    await list.getByRole('heading', { name: 'Instances and incidents' }).waitFor();
    await list.getByLabel('Process key').fill('e2e_registry');
    await list.getByLabel('Only with an incident').check();
    await list.getByRole('button', { name: 'Show' }).click();
    await list.locator(`tr[data-instance="${id}"]`).waitFor();
    // The unfiltered list (the healthy one too) may still stand until the filtered answer arrives
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    await expect.poll(() => list.locator('[data-count="incident"]').textContent()).toContain('1');
    expect(await list.locator(`tr[data-instance="${id}"] .badge`).getAttribute('data-state')).toBe('incident');
    await page.screenshot({ path: `${SHOTS}/instances-1366.png` });

    // …opens it: the failing element is marked in red with its error
    await list.getByRole('link', { name: trackingNumber }).click();
    const view = page.locator('tereze-instance-page');
    await view.locator('.op-diagram .djs-element.op-incident[data-element-id="register"]').waitFor();
    expect(await view.locator('.op-diagram .op-incident-note').textContent()).toContain('registryId is missing');
    expect(await view.locator('.op-diagram .djs-element.op-token[data-element-id="register"]').count()).toBe(1);
    expect(await view.locator('.op-diagram .djs-element.op-taken[data-element-id="f1"]').count()).toBe(1);
    // The diagram fits its box: every shape inside it
    const box = (await view.locator('.op-diagram').boundingBox())!;
    for (const element of ['start', 'register', 'review', 'done']) {
      const shape = (await view.locator(`.op-diagram .djs-element[data-element-id="${element}"]`).boundingBox())!;
      expect(shape.x >= box.x && shape.x + shape.width <= box.x + box.width && shape.y >= box.y && shape.y + shape.height <= box.y + box.height, element).toBe(true);
    }
    expect(await view.locator('tr[data-action="instance.start"]').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/instance-1366.png`, fullPage: true });

    // A retry without a reason is refused in the page, nothing sent
    await view.getByRole('button', { name: 'Retry with these variables' }).click();
    await expect.poll(() => view.locator('.op-status').textContent()).toContain('Give a reason first');
    expect((await engine.instance(id)).state).toBe('incident');

    // …edits the variable, gives a reason and retries
    const variables = view.getByLabel('Variables');
    const edited = JSON.parse(await variables.inputValue()) as Record<string, unknown>;
    await variables.fill(JSON.stringify({ ...edited, registryId: 'R-77' }, null, 2));
    await view.getByLabel('Reason (required for every action)').fill('registry id from the paper file');
    await view.getByRole('button', { name: 'Retry with these variables' }).click();
    await expect.poll(() => view.locator('.op-status').textContent()).toContain('Retried');

    // The instance goes on (the API says so), and the page shows it at the review
    const after = await engine.instance(id);
    expect(after).toMatchObject({ state: 'active', incidents: [], variables: { registryId: 'R-77', recorded: true } });
    expect(after.tokens.map((t) => t.elementId)).toEqual(['review']);
    const retry = (await engine.audit({ subject: id })).find((a) => a.action === 'incident.retry');
    expect(retry).toMatchObject({ actor: 'operator', data: { reason: 'registry id from the paper file', variables: ['registryId'] } });
    await view.locator('.op-diagram .djs-element.op-token[data-element-id="review"]').waitFor();
    expect(await view.locator('.op-diagram .op-incident').count()).toBe(0);
    await view.locator('tr[data-action="incident.retry"]').waitFor();
    await page.screenshot({ path: `${SHOTS}/instance-after-retry-1366.png`, fullPage: true });

    // On a phone the page has no sideways scroll
    await page.setViewportSize({ width: 375, height: 667 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SHOTS}/instance-375.png`, fullPage: true });
    await page.goto(`${harness.url}/#/instances`);
    await list.locator('tbody tr').first().waitFor();
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SHOTS}/instances-375.png`, fullPage: true });
    await page.context().close();
  }, 120_000);
});
