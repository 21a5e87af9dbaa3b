import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, tokenOf } from './rolePages.js';
import { MIWG_CORPUS as MIWG, miwgFiles, miwgSkipReason } from '../support/miwgCorpus.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/two-user-tasks.bpmn', import.meta.url));

if (chromiumMissing) console.warn(`[e2e] modeler tests ${SKIP_REASON}`);

/** The modeler's XML right now, from the page (the test runs in Node; the page has the DOM). */
function modelXml(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const view = (globalThis as any).document.querySelector('tereze-modeler-page');
    return (await view.modeler.saveXML({ format: false })).xml as string;
  });
}

function userTaskXml(xml: string, id: string): string {
  return new RegExp(`<bpmn:userTask id="${id}"[\\s\\S]*?</bpmn:userTask>`).exec(xml)?.[0] ?? '';
}

function candidateGroup(xml: string, taskId: string): string | undefined {
  return /\bps:candidateGroup="([^"]*)"/.exec(/<bpmn:userTask [^>]*>/.exec(userTaskXml(xml, taskId))?.[0] ?? '')?.[1];
}

function slaDuration(xml: string, taskId: string): string | undefined {
  return /<ps:sla\b[^>]*\bduration="([^"]*)"/.exec(userTaskXml(xml, taskId))?.[1];
}

/** Deploy asks first (with what changes from the deployed version): press Deploy, then confirm. */
async function deployConfirmed(page: Page): Promise<void> {
  await page.locator('tereze-modeler-toolbar button[data-action=deploy]').click();
  await page.locator('tereze-deploy-confirm dialog[open] button[data-action=confirm-deploy]').click();
}

async function selectedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const view = (globalThis as any).document.querySelector('tereze-modeler-page');
    return view.modeler.get('selection').get().map((element: { id: string }) => element.id) as string[];
  });
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `designer modeler in Chromium (${SKIP_REASON})` : 'designer modeler in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  /** A deployed process with two user tasks, the first with an SLA: from the catalogue, else the fixture. */
  async function processToEdit(): Promise<{ key: string; version: number; slaTask: string; otherTask: string; duration: string }> {
    const list = (await (await harness.api('/api/definitions')).json()) as { key: string; version: number }[];
    for (const { key, version } of list) {
      const xml = await (await harness.api(`/api/definitions/${encodeURIComponent(key)}/xml`)).text();
      const tasks = [...xml.matchAll(/<bpmn:userTask id="([^"]+)"/g)].map((m) => m[1] as string);
      const slaTask = tasks.find((id) => slaDuration(xml, id));
      const otherTask = tasks.find((id) => id !== slaTask);
      if (slaTask && otherTask) return { key, version, slaTask, otherTask, duration: slaDuration(xml, slaTask) as string };
    }
    const deployed = await harness.api('/api/definitions', { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: readFileSync(FIXTURE, 'utf8') });
    expect(deployed.status).toBe(201);
    const { key, version } = (await deployed.json()) as { key: string; version: number };
    return { key, version, slaTask: 'review', otherTask: 'hand_back', duration: '5' };
  }

  it('should open a deployed process, change an SLA in the panel, deploy it, mark a bad element and undo', async () => {
    const target = await processToEdit();
    const newDuration = String(Number(target.duration) + 7);
    const page = await harness.openDesigner();

    // Given the deployed process opened in the modeler
    await page.locator('select[name=definition]').selectOption(target.key);
    await page.locator(`select[name=version] option[value="${target.version}"]`).waitFor({ state: 'attached' });
    await page.locator('button[data-action=open-definition]').click();
    await page.locator('.status', { hasText: `Opened ${target.key}` }).waitFor();

    // When the designer changes the SLA of a user task in the Public service group
    await page.locator(`.djs-element[data-element-id="${target.slaTask}"]`).click();
    const group = page.locator('[data-group-id="group-public-service"]');
    await expect.poll(() => group.locator('.bio-properties-panel-group-header-title').textContent()).toBe('Public service');
    const duration = page.locator('#bio-properties-panel-ps-sla-duration');
    await expect.poll(() => duration.inputValue()).toBe(target.duration);
    await duration.fill(newDuration);
    await expect.poll(async () => slaDuration(await modelXml(page), target.slaTask)).toBe(newDuration);

    // and deploys
    await deployConfirmed(page);
    const answered = page.locator('.status[data-kind=ok], .status[data-kind=error]');
    await answered.waitFor();
    const status = (await answered.textContent()) ?? '';
    expect(status).toMatch(/^Deployed /);
    const version = Number(/as version (\d+)/.exec(status)?.[1]);

    // Then the server holds a new version carrying the new duration
    expect(version).toBeGreaterThan(target.version);
    const versions = (await (await harness.api(`/api/definitions/${encodeURIComponent(target.key)}`)).json()) as { version: number }[];
    expect(versions[0]?.version).toBe(version);
    const storedXml = await (await harness.api(`/api/definitions/${encodeURIComponent(target.key)}/xml?version=${version}`)).text();
    expect(slaDuration(storedXml, target.slaTask)).toBe(newDuration);

    // When another task gets a duration the engine refuses, and the designer deploys again
    await page.locator(`.djs-element[data-element-id="${target.otherTask}"]`).click();
    await duration.fill('soon');
    await expect.poll(async () => slaDuration(await modelXml(page), target.otherTask)).toBe('soon');
    await deployConfirmed(page);
    await page.locator('.status[data-kind=error]').waitFor();

    // Then that element is marked, with the server's message as the badge's tooltip
    await expect.poll(() => page.locator(`.djs-element.ps-deploy-error[data-element-id="${target.otherTask}"]`).count()).toBe(1);
    const badge = page.locator(`.ps-error-badge[data-element-id="${target.otherTask}"]`);
    await badge.waitFor({ state: 'visible' });
    expect(await badge.getAttribute('title')).toMatch(/duration 'soon'/);
    // and clicking the problem in the list selects the element
    await page.locator('.modeler-canvas').click({ position: { x: 5, y: 5 } });
    await page.locator(`tereze-deploy-problems li.problem[data-element-id="${target.otherTask}"]`).click();
    expect(await selectedIds(page)).toEqual([target.otherTask]);
    await harness.screenshot(page, 'modeler-deploy-problem');

    // When the designer presses Ctrl+Z twice on the canvas
    await page.locator('.modeler-canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => slaDuration(await modelXml(page), target.otherTask)).not.toBe('soon');
    await page.keyboard.press('Control+z');

    // Then the SLA edit is undone too
    await expect.poll(async () => slaDuration(await modelXml(page), target.slaTask)).toBe(target.duration);
    await page.locator(`.djs-element[data-element-id="${target.slaTask}"]`).click();
    await expect.poll(() => duration.inputValue()).toBe(target.duration);
    await harness.screenshot(page, 'modeler-after-undo');
    await page.close();
  }, 90_000);

  it.skipIf(miwgSkipReason !== undefined)(`should import all 21 MIWG reference models without an error${miwgSkipReason ? ` — skipped: ${miwgSkipReason}` : ''}`, async () => {
    const files = miwgFiles;
    expect(files).toHaveLength(21);
    const page = await harness.openDesigner();
    const fileInput = page.locator('tereze-modeler-toolbar input[type=file]');
    const results: { name: string; warnings: number; error?: string; elements: number }[] = [];
    for (const name of files) {
      await fileInput.setInputFiles(join(MIWG, name));
      await page.waitForFunction((n) => (globalThis as any).document.querySelector('tereze-modeler-page').lastImport?.name === n, name);
      results.push(
        await page.evaluate(() => {
          const view = (globalThis as any).document.querySelector('tereze-modeler-page');
          return { ...view.lastImport, elements: view.modeler.get('elementRegistry').getAll().length };
        }),
      );
    }
    console.info(`[e2e] MIWG imports: ${results.map((r) => `${basename(r.name, '.bpmn')}=${r.elements} elements/${r.warnings} warnings`).join(', ')}`);
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results.every((r) => r.elements > 1)).toBe(true);
    await harness.screenshot(page, 'modeler-miwg-last');
    await page.close();
  }, 90_000);
  it('should mark a back-office user task without a candidate group with the deploy check\'s lint rule before deploying', async () => {
    const page = await harness.openDesigner();
    const xml = readFileSync(fileURLToPath(new URL('./fixtures/back-office-without-group.bpmn', import.meta.url)), 'utf8');
    await page.evaluate((text) => (globalThis as any).document.querySelector('tereze-modeler-page').importXml(text, 'lint demo'), xml);
    // bpmn-js-bpmnlint puts an overlay on the element, its messages from engine/model/lint/ruleSet.ts
    const overlay = page.locator('.djs-overlay-container [data-container-id="review"] .bjsl-overlay');
    await overlay.waitFor({ timeout: 10_000 });
    const badge = overlay.locator('.bjsl-icon-error').first();
    const colour = await badge.evaluate((el: any) => (globalThis as any).getComputedStyle(el).backgroundColor as string);
    expect(colour, 'the marker is visible (the colour variables are defined)').not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    await overlay.hover();
    await page.getByText('a back-office task needs a ps:candidateGroup').first().waitFor();
    await harness.screenshot(page, 'modeler-lint-marker');
    await page.close();
  }, 60_000);
  it('should pick a candidate group from the server in the panel, keep an unknown one, undo, and deploy it', async () => {
    const groups = (await (await harness.api('/api/groups')).json()) as { id: string; members: number; agencies: string[] }[];
    const picked = groups.find((g) => g.id === 'social-benefits') ?? groups.find((g) => g.id !== 'mj-registration');
    expect(picked, 'GET /api/groups lists groups').toBeDefined();
    const xml = readFileSync(FIXTURE, 'utf8').replaceAll('E2E-MODELER', 'E2E-GROUPS').replace('ps:candidateGroup="centre-clerks"', 'ps:candidateGroup="no-such-group"');
    const page = await harness.openDesigner();
    await page.evaluate((text) => (globalThis as any).document.querySelector('tereze-modeler-page').importXml(text, 'groups demo'), xml);
    const select = page.locator('select#bio-properties-panel-ps-candidateGroup');

    // Given a task naming a group the server does not know: offered as unknown, and kept
    await page.locator('.djs-element[data-element-id="hand_back"]').click();
    await select.waitFor();
    expect(await select.inputValue()).toBe('no-such-group');
    expect(await select.locator('option:checked').textContent()).toBe('no-such-group — unknown group');
    expect(candidateGroup(await modelXml(page), 'hand_back')).toBe('no-such-group');

    // When the designer picks a group for the review task from the server's list
    await page.locator('.djs-element[data-element-id="review"]').click();
    await expect.poll(() => select.inputValue()).toBe('mj-registration');
    const label = `${picked!.id} — ${picked!.members} members, `;
    expect(await select.locator(`option[value="${picked!.id}"]`).textContent()).toContain(label);
    await select.selectOption(picked!.id);
    await expect.poll(async () => candidateGroup(await modelXml(page), 'review')).toBe(picked!.id);
    await harness.screenshot(page, 'modeler-group-picker');

    // Then Undo takes it back and Redo puts it again (one command on the stack)
    await page.locator('tereze-modeler-toolbar button[data-action=undo]').click();
    await expect.poll(async () => candidateGroup(await modelXml(page), 'review')).toBe('mj-registration');
    await page.locator('tereze-modeler-toolbar button[data-action=redo]').click();
    await expect.poll(async () => candidateGroup(await modelXml(page), 'review')).toBe(picked!.id);

    // When it is deployed, the stored XML carries the picked group (and the unknown one as written)
    await deployConfirmed(page);
    const answered = page.locator('.status[data-kind=ok], .status[data-kind=error]');
    await answered.waitFor();
    const status = (await answered.textContent()) ?? '';
    expect(status).toMatch(/^Deployed E2E-GROUPS as version \d+/);
    const version = Number(/as version (\d+)/.exec(status)?.[1]);
    const stored = await (await harness.api(`/api/definitions/E2E-GROUPS/xml?version=${version}`)).text();
    expect(candidateGroup(stored, 'review')).toBe(picked!.id);
    expect(candidateGroup(stored, 'hand_back')).toBe('no-such-group');
    await page.close();
  }, 60_000);
  it('should show a started application waiting at its user task as "1" active in the live overlay, and remove it when off', async () => {
    // Given an application registered by a clerk, waiting at the intake task
    const clerk = await tokenOf(harness, 'clerk');
    const started = await callAs<{ id: string }>(harness, clerk, 'POST', '/api/applications', {
      serviceCode: 'CHILDCARE-BENEFIT',
      channel: 'centre',
      applicant: { name: 'Aizhan Seitkali', iin: '900515401230' },
      documents: ['document 1', 'document 2', 'document 3', 'document 4'],
    });
    const [task] = await callAs<{ key: string; elementId: string }[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`);
    expect(task, 'the intake task').toBeDefined();
    const { key, elementId } = task!;

    // When the designer opens that process and turns the live overlay on
    const page = await harness.openDesigner();
    await page.locator('select[name=definition]').selectOption(key);
    await page.locator('select[name=version] option').first().waitFor({ state: 'attached' });
    await page.locator('button[data-action=open-definition]').click();
    await page.locator('.status', { hasText: `Opened ${key}` }).waitFor();
    const toggle = page.locator('tereze-modeler-toolbar button[data-action=live-overlay]');
    expect(await toggle.textContent()).toBe('Live overlay');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    // Then the task's element carries "1" active, in words for assistive technology too
    const badge = page.locator(`.djs-overlay-container .ps-heat[data-element-id="${elementId}"]`);
    await badge.waitFor();
    expect(await badge.locator('.ps-heat-active').textContent()).toBe('1');
    expect(await badge.getAttribute('data-state')).toBe('active');
    expect(await badge.getAttribute('aria-label')).toBe('1 active, 0 at risk, 0 overdue');
    await page.locator('.status', { hasText: /Live overlay: \d+ elements with work/ }).waitFor();
    await harness.screenshot(page, 'modeler-live-overlay');

    // When the clerk completes the intake, the overlay follows (task event or the 10 s refresh)
    await callAs(harness, clerk, 'POST', `/api/tasks/${(await callAs<{ id: string }[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`))[0]!.id}/complete`, { outcome: 'complete' });
    await badge.waitFor({ state: 'detached', timeout: 15_000 });

    // And turning it off removes every badge
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('.ps-heat').count()).toBe(0);
    await page.close();
  }, 60_000);

  it("should keep Deploy on the toolbar's first row at 1280 and 1400 px, and say the toolbar, status and Public service panel in Russian after a switch", async () => {
    // Given the deployed process with the longest name opened (the widest toolbar)
    const definitions = (await (await harness.api('/api/definitions')).json()) as { key: string; name?: string }[];
    const widest = [...definitions].sort((a, b) => (b.name ?? b.key).length - (a.name ?? a.key).length)[0]!;
    const page = await harness.openDesigner();
    await page.locator('select[name=definition]').selectOption(widest.key);
    await page.locator('select[name=version] option').first().waitFor({ state: 'attached' });
    await page.locator('button[data-action=open-definition]').click();
    await page.locator('.status', { hasText: `Opened ${widest.key} v` }).waitFor();
    await page.locator('[data-group-id="group-public-service"]').waitFor();

    const box = async (action: string) => (await page.locator(`tereze-modeler-toolbar button[data-action=${action}]`).boundingBox())!;
    const firstRow = async (width: number) => {
      const [first, overlay, deploy] = [await box('new'), await box('live-overlay'), await box('deploy')];
      expect(Math.abs(deploy.y - first.y), `Deploy on the first row at ${width} px`).toBeLessThanOrEqual(2);
      expect(deploy.x + deploy.width, 'Deploy inside the window').toBeLessThanOrEqual(width);
      expect(overlay.x + overlay.width, 'the overlay toggle before Deploy').toBeLessThan(deploy.x);
    };
    // Then Deploy stays at the end of the first row at 1400 and 1280 px
    for (const width of [1400, 1280]) {
      await page.setViewportSize({ width, height: 860 });
      await firstRow(width);
      await harness.screenshot(page, `modeler-toolbar-${width}`);
    }

    // When the designer switches to Russian
    await page.getByRole('button', { name: 'Русский' }).click();
    // Then the toolbar, the status line and the Public service group follow, without a reload
    const toolbar = page.locator('tereze-modeler-toolbar');
    await expect.poll(() => toolbar.locator('button[data-action=deploy]').textContent()).toBe('Развернуть');
    expect(await toolbar.locator('button[data-action=live-overlay]').textContent()).toBe('Живая карта');
    expect(await toolbar.locator('button[data-action=undo]').getAttribute('title')).toBe('Отменить (Ctrl+Z)');
    expect(await toolbar.locator('select[name=definition]').getAttribute('aria-label')).toBe('Развёрнутый процесс');
    expect(await page.locator('.status').textContent()).toMatch(new RegExp(`^Открыто: ${widest.key} в\\. \\d+$`));
    const group = page.locator('[data-group-id="group-public-service"]');
    await expect.poll(() => group.locator('.bio-properties-panel-group-header-title').textContent()).toBe('Государственная услуга');
    expect(await page.locator('label[for="bio-properties-panel-ps-serviceCode"]').textContent()).toBe('Код услуги');
    // And Deploy is still on the first row with the longer Russian labels
    await firstRow(1280);
    await harness.screenshot(page, 'modeler-toolbar-1280-ru');

    // And back to English
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => toolbar.locator('button[data-action=deploy]').textContent()).toBe('Deploy');
    await expect.poll(() => group.locator('.bio-properties-panel-group-header-title').textContent()).toBe('Public service');
    expect(await page.locator('.status').textContent()).toMatch(new RegExp(`^Opened ${widest.key} v\\d+$`));
    await page.close();
  }, 60_000);
});
