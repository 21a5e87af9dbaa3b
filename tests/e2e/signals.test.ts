import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { openAs } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] signals ${SKIP_REASON}`);

const XML = readFileSync(new URL('../engine/runtime/Signal.bpmn', import.meta.url), 'utf8');

describe.skipIf(chromiumMissing)(chromiumMissing ? `signal broadcast in Chromium (${SKIP_REASON})` : 'signal broadcast in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
    const deployed = await harness.api('/api/definitions', { method: 'POST', body: XML, headers: { 'Content-Type': 'application/xml' } });
    expect(deployed.status, await deployed.clone().text()).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('should let an operator broadcast "the registry is back" to every waiting application, after confirming', async () => {
    const engine = harness.server.engine;
    const first = await engine.start('signal_catch');
    const second = await engine.start('signal_catch');

    const page = await openAs(harness.browser, harness.url, 'operator', { width: 1366, height: 768 });
    const form = page.locator('tereze-signal-broadcast');
    await form.getByRole('heading', { name: 'Broadcast a signal' }).waitFor();
    // Nothing named: said in words, nothing sent.
    await form.getByRole('button', { name: 'Broadcast…' }).click();
    expect(await form.locator('[data-problem]').textContent()).toBe('Name the signal.');

    await form.getByLabel('Signal name').fill('registryRestored');
    await form.getByRole('button', { name: 'Broadcast…' }).click();
    await form.getByRole('alertdialog').waitFor();
    // Not yet sent: the confirmation comes first.
    expect((await engine.instance(first.id)).tokens.map((t) => t.elementId)).toEqual(['registry_back']);
    await form.getByRole('button', { name: 'Broadcast now' }).click();
    await expect.poll(() => form.locator('[data-answer]').textContent()).toBe("'registryRestored' reached 2 running application(s) and started 0.");
    for (const { id } of [first, second]) expect((await engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['check']);
    const audit = (await engine.audit()).filter((a) => a.action === 'signal.broadcast');
    expect(audit.at(-1)).toMatchObject({ actor: 'operator', data: { signalName: 'registryRestored' } });
    await page.close();
  });
});
