import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/two-user-tasks.bpmn', import.meta.url));
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-wt-home';
const KEY = 'E2E-HOME';

/** v1: the two-task fixture under its own key. */
const V1 = readFileSync(FIXTURE, 'utf8').replaceAll('E2E-MODELER', KEY);
/** v2: "Review" renamed, and a "Sign" task added between "Hand back" and the end. */
const V2 = V1.replace('name="Review"', 'name="Check documents"')
  .replace('<bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>', '<bpmn:userTask id="sign" name="Sign" ps:office="back" ps:candidateGroup="mj-registration" ps:assignment="random"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask><bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>')
  .replace('<bpmn:sequenceFlow id="f3" sourceRef="hand_back" targetRef="end" />', '<bpmn:sequenceFlow id="f3" sourceRef="hand_back" targetRef="sign" /><bpmn:sequenceFlow id="f4" sourceRef="sign" targetRef="end" />')
  .replace('<dc:Bounds x="490" y="100" width="36" height="36" />', '<dc:Bounds x="640" y="100" width="36" height="36" />')
  .replace(
    '<bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="440" y="118" /><di:waypoint x="490" y="118" /></bpmndi:BPMNEdge>',
    '<bpmndi:BPMNShape id="sign_di" bpmnElement="sign"><dc:Bounds x="490" y="78" width="100" height="80" /></bpmndi:BPMNShape><bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="440" y="118" /><di:waypoint x="490" y="118" /></bpmndi:BPMNEdge><bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="590" y="118" /><di:waypoint x="640" y="118" /></bpmndi:BPMNEdge>',
  );

if (chromiumMissing) console.warn(`[e2e] designer home tests ${SKIP_REASON}`);

function modelXml(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const view = (globalThis as any).document.querySelector('tereze-modeler-page');
    return (await view.modeler.saveXML({ format: false })).xml as string;
  });
}
const processTag = (xml: string) => /<bpmn:process [^>]*>/.exec(xml)?.[0] ?? '';

describe.skipIf(chromiumMissing)(chromiumMissing ? `designer home in Chromium (${SKIP_REASON})` : 'designer home in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
    mkdirSync(SHOTS, { recursive: true });
    for (const xml of [V1, V2]) {
      const deployed = await harness.api('/api/definitions', { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
      expect(deployed.status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('should list the catalogue, open v2 with the change from v1 marked, clear a Public service field, and confirm a deploy with its summary', async () => {
    const page = await harness.openDesigner();
    await page.setViewportSize({ width: 1366, height: 768 });

    // Given the designer's home: each process with its service and versions, instead of a blank diagram
    const home = page.locator('tereze-catalogue-home');
    const row = home.locator(`tr[data-key="${KEY}"]`);
    await row.waitFor();
    expect(await row.locator('td.service').textContent()).toContain(KEY);
    const birth = home.locator('tr[data-key="birth_reg"] td.service');
    expect(await birth.textContent(), 'a catalogue service by its full name').toMatch(/birth/i);
    expect(await row.locator('button[data-action=open-version]').allTextContents()).toEqual(['v2', 'v1']);
    await page.screenshot({ path: `${SHOTS}/home-1366.png` });
    await page.setViewportSize({ width: 375, height: 667 });
    await page.screenshot({ path: `${SHOTS}/home-375.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });

    // When the designer opens v2
    await row.locator('button[data-action=open-version][data-version="2"]').click();
    await home.waitFor({ state: 'hidden' });

    // Then the added task is marked green, the renamed one amber, and the list names them
    await page.locator('.djs-element.ps-diff-added[data-element-id="sign"]').waitFor();
    expect(await page.locator('.djs-element.ps-diff-changed[data-element-id="review"]').count()).toBe(1);
    expect(await page.locator('.djs-element.ps-diff-changed[data-element-id="hand_back"], .djs-element.ps-diff-added[data-element-id="hand_back"]').count(), 'an untouched task stays unmarked').toBe(0);
    const changes = page.locator('tereze-version-changes');
    expect(await changes.locator('h2').textContent()).toMatch(/^v2 against v1/);
    expect(await changes.locator('li[data-kind=added][data-element-id="sign"]').textContent()).toContain('Sign');
    expect(await changes.locator('li[data-kind=changed][data-element-id="review"]').textContent()).toMatch(/Check documents \(name\)/);
    const colour = await page.locator('.djs-element.ps-diff-added[data-element-id="sign"] .djs-visual > rect').first().evaluate((el: any) => (globalThis as any).getComputedStyle(el).stroke as string);
    expect(colour).toBe('rgb(26, 127, 55)');
    await page.screenshot({ path: `${SHOTS}/home-v2-diff-1366.png` });

    // When the designer clears the process' agency in the Public service group (it threw `reading 'trim'` before)
    await page.locator('.modeler-canvas').click({ position: { x: 700, y: 500 } });
    const agency = page.locator('#bio-properties-panel-ps-agency');
    await expect.poll(() => agency.inputValue()).toBe('mj');
    await agency.fill('');
    await agency.blur();
    // Then the attribute is gone from the model, and the field stays empty
    await expect.poll(async () => processTag(await modelXml(page))).not.toContain('ps:agency');
    expect(await agency.inputValue()).toBe('');
    await agency.fill('mj');
    await expect.poll(async () => processTag(await modelXml(page))).toContain('ps:agency="mj"');

    // When the designer changes the review's SLA and deploys
    await page.locator('.djs-element[data-element-id="review"]').click();
    const duration = page.locator('#bio-properties-panel-ps-sla-duration');
    await expect.poll(() => duration.inputValue()).toBe('5');
    await duration.fill('6');
    await page.locator('tereze-modeler-toolbar button[data-action=deploy]').click();

    // Then a confirmation lists what changes from v2 before anything is deployed
    const dialog = page.locator('tereze-deploy-confirm dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toContain(`Deploy ${KEY} as v3?`);
    expect(await dialog.locator('.summary').textContent()).toMatch(/^0 added, 1 changed, 0 removed/);
    expect(await dialog.locator('li[data-kind=changed][data-element-id="review"]').textContent()).toContain('ps:sla');
    await page.screenshot({ path: `${SHOTS}/deploy-confirm-1366.png` });
    await page.setViewportSize({ width: 375, height: 667 });
    await page.screenshot({ path: `${SHOTS}/deploy-confirm-375.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    expect((await (await harness.api(`/api/definitions/${KEY}`)).json()) as unknown[]).toHaveLength(2);

    // When confirmed, v3 is deployed
    await dialog.locator('button[data-action=confirm-deploy]').click();
    await page.locator('.status[data-kind=ok]', { hasText: `Deployed ${KEY} as version 3` }).waitFor();
    expect((await (await harness.api(`/api/definitions/${KEY}`)).json()) as unknown[]).toHaveLength(3);
    await page.close();
  }, 120_000);

  it('should ask before New discards unsaved edits, and keep them when the designer says no', async () => {
    const page = await harness.openDesigner();
    const home = page.locator('tereze-catalogue-home');
    await home.locator(`tr[data-key="${KEY}"] button[data-action=open-version][data-version="1"]`).click();
    await page.locator('.djs-element[data-element-id="review"]').click();
    // The toolbar's selects follow the version opened from the home (not the latest, not empty)
    const toolbar = page.locator('tereze-modeler-toolbar');
    await expect.poll(() => toolbar.locator('select[name=definition]').inputValue()).toBe(KEY);
    await expect.poll(() => toolbar.locator('select[name=version]').inputValue()).toBe('1');
    const duration = page.locator('#bio-properties-panel-ps-sla-duration');
    await expect.poll(() => duration.inputValue()).toBe('5');
    await duration.fill('9');
    await expect.poll(async () => /duration="9"/.test(await modelXml(page))).toBe(true);

    // When New is pressed and the designer declines to discard
    const asked: string[] = [];
    page.once('dialog', (d) => (asked.push(d.message()), void d.dismiss()));
    await page.locator('tereze-modeler-toolbar button[data-action=new]').click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/unsaved edits/);
    // Then the edit is still there
    expect(await modelXml(page)).toContain('duration="9"');

    // When the designer accepts, the new diagram replaces it
    page.once('dialog', (d) => void d.accept());
    await page.locator('tereze-modeler-toolbar button[data-action=new]').click();
    await expect.poll(async () => (await modelXml(page)).includes('duration="9"')).toBe(false);
    await page.close();
  }, 60_000);
});
