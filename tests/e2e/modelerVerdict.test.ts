import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { MIWG_CORPUS as MIWG, miwgFiles, miwgSkipReason } from '../support/miwgCorpus.js';

const KK = JSON.parse(readFileSync(fileURLToPath(new URL('../../designer/src/i18n/catalogue/kk/problem.json', import.meta.url)), 'utf8')) as Record<string, string>;
const FIXTURE = readFileSync(fileURLToPath(new URL('./fixtures/two-user-tasks.bpmn', import.meta.url)), 'utf8');

if (chromiumMissing) console.warn(`[e2e] modeler verdict tests ${SKIP_REASON}`);

/** The page's modeler. */
function modelXml(page: Page): Promise<string> {
  return page.evaluate(async () => (await (globalThis as any).document.querySelector('tereze-modeler-page').modeler.saveXML({ format: true })).xml as string);
}

/** The errors the lint button counts ("3 errors, 1 warning", "No Issues"). */
async function canvasErrors(page: Page): Promise<number> {
  const text = (await page.locator('.bjsl-button').textContent()) ?? '';
  const match = /(\d+) errors?\b/.exec(text);
  if (match) return Number(match[1]);
  return /No Issues/.test(text) ? 0 : Number.NaN;
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `the modeler's verdict in Chromium (${SKIP_REASON})` : "the modeler's verdict in Chromium", () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  /** What a deploy of `xml` answers: the number of problems it refuses (0 when it deploys). */
  async function deployProblems(xml: string): Promise<{ elementId: string; message: string }[]> {
    const response = await harness.api('/api/definitions', { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
    if (response.status === 201 || response.status === 200) return [];
    expect(response.status).toBe(422);
    return ((await response.json()) as { errors: { elementId: string; message: string }[] }).errors;
  }

  it("should count on the canvas what a deploy refuses, as the deploy answers it (the compiler's problems, then the calendars'), each fixed in the panel", async () => {
    const page = await harness.openDesigner();
    // Given a model whose problems only the server sees: a calendar it does not have, a condition that is not FEEL
    const bad = FIXTURE.replace('calendar="agency"', 'calendar="moon"').replace(
      '<bpmn:sequenceFlow id="f3" sourceRef="hand_back" targetRef="end" />',
      '<bpmn:sequenceFlow id="f3" sourceRef="hand_back" targetRef="end"><bpmn:conditionExpression>income &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>',
    ).replace(/E2E-MODELER/g, 'E2E-VERDICT');
    await page.evaluate((text) => (globalThis as any).document.querySelector('tereze-modeler-page').importXml(text, 'verdict demo'), bad);

    // Then the lint button counts the deploy's problems: the compiler's first, as a deploy answers them
    const refused = await deployProblems(await modelXml(page));
    expect(refused).toEqual([expect.objectContaining({ elementId: 'f3', message: expect.stringContaining('is not valid FEEL') })]);
    await expect.poll(() => canvasErrors(page), { timeout: 10_000 }).toBe(1);

    // When the designer corrects the condition in the panel
    await page.evaluate(() => {
      const modeler = (globalThis as any).document.querySelector('tereze-modeler-page').modeler;
      modeler.get('selection').select(modeler.get('elementRegistry').get('f3'));
    });
    await page.locator('#bio-properties-panel-ps-condition').fill('income > 5');

    // Then the canvas shows what the deploy says next: the calendar the server does not have, on the task
    await expect.poll(async () => (await deployProblems(await modelXml(page))).map((p) => p.elementId)).toEqual(['review']);
    await expect.poll(() => canvasErrors(page), { timeout: 10_000 }).toBe(1);
    const overlay = page.locator('.djs-overlay-container [data-container-id="review"] .bjsl-overlay');
    await overlay.hover();
    await page.getByText("names calendar 'moon', which does not exist").first().waitFor();
    await harness.screenshot(page, 'modeler-verdict-server-problems');

    // When the designer names a calendar the server has
    await page.locator('.djs-element[data-element-id="review"]').click();
    await page.locator('#bio-properties-panel-ps-sla-calendar').fill('agency');

    // Then the canvas has no error, and a deploy takes the model
    await expect.poll(() => canvasErrors(page), { timeout: 10_000 }).toBe(0);
    expect(await deployProblems(await modelXml(page))).toEqual([]);
    await page.close();
  }, 60_000);

  it("should say the deploy's problems in Kazakh, its code's sentence before its detail (which element, which value)", async () => {
    const page = await harness.openDesigner();
    await page.locator('.app-header button[data-lang=kk]').click();
    await page.reload();
    await page.locator('.bjsl-button').waitFor();
    const bad = FIXTURE.replace(
      '<bpmn:sequenceFlow id="f3" sourceRef="hand_back" targetRef="end" />',
      '<bpmn:sequenceFlow id="f3" sourceRef="hand_back" targetRef="end"><bpmn:conditionExpression>income &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>',
    ).replace(/E2E-MODELER/g, 'E2E-VERDICT-KK');
    await page.evaluate((text) => (globalThis as any).document.querySelector('tereze-modeler-page').importXml(text, 'verdict kk'), bad);
    await expect.poll(() => page.locator('.bjsl-button').textContent(), { timeout: 10_000 }).toMatch(/^\s*1 қате/);
    const overlay = page.locator('.djs-overlay-container [data-container-id="f3"] .bjsl-overlay');
    await overlay.hover();
    await page.getByText(KK['problem.feel.invalid']!, { exact: false }).first().waitFor();
    // The detail too, from the key and values the deploy answers beside its English message
    const [refused] = await deployProblems(await modelXml(page));
    expect(refused).toMatchObject({ elementId: 'f3', code: 'feel.invalid', detail: { key: 'condition.not-feel', params: { id: 'f3', condition: 'income >' } } });
    await page.getByText("f3 ағынының 'income >' шарты дұрыс FEEL өрнегі емес", { exact: false }).first().waitFor();
    await harness.screenshot(page, 'modeler-verdict-kk');
    // Back to English for the tests after (the choice is kept per user)
    await page.locator('.app-header button[data-lang=en]').click();
    await page.close();
  }, 60_000);

  it.skipIf(miwgSkipReason !== undefined)(
    `should count on the canvas, for each of the 21 MIWG reference models, the problems its deploy answers${miwgSkipReason ? ` — skipped: ${miwgSkipReason}` : ''}`,
    async () => {
      const page = await harness.openDesigner();
      const fileInput = page.locator('tereze-modeler-toolbar input[type=file]');
      const seen: string[] = [];
      for (const name of miwgFiles) {
        await fileInput.setInputFiles(join(MIWG, name));
        await page.waitForFunction((n) => (globalThis as any).document.querySelector('tereze-modeler-page').lastImport?.name === n, name);
        const expected = (await deployProblems(await modelXml(page))).length;
        await expect.poll(() => canvasErrors(page), { timeout: 10_000, message: `${name}: the canvas's error count against the deploy's ${expected}` }).toBe(expected);
        seen.push(`${basename(name, '.bpmn')}=${expected}`);
      }
      console.info(`[e2e] MIWG verdicts (problems per model, canvas = deploy): ${seen.join(', ')}`);
      expect(seen).toHaveLength(21);
      await page.close();
    },
    180_000,
  );

  it('should offer only what the engine runs in the replace menu, and edit a multi-instance task with a group expression in the panel', async () => {
    const page = await harness.openDesigner();
    await page.evaluate((text) => (globalThis as any).document.querySelector('tereze-modeler-page').importXml(text, 'multi-instance demo'), FIXTURE.replace(/E2E-MODELER/g, 'E2E-CONCUR'));

    // Given the review task's replace menu
    await page.locator('.djs-element[data-element-id="review"]').click();
    await page.locator('.djs-context-pad [data-action="replace"]').click();
    const menu = page.locator('.djs-popup');
    await menu.locator('[data-id="replace-with-service-task"]').waitFor();
    // Then it offers the tasks that run and none that the engine refuses, and no standard loop
    expect(await menu.locator('[data-id="replace-with-script-task"], [data-id="replace-with-rule-task"], [data-id="replace-with-ad-hoc-subprocess"]').count()).toBe(0);
    expect(await menu.locator('[data-id="toggle-loop"]').count()).toBe(0);
    await harness.screenshot(page, 'modeler-replace-menu-runnable');

    // When the designer makes it parallel multi-instance over the departments
    await menu.locator('[data-id="toggle-parallel-mi"]').click();
    await page.keyboard.press('Escape');
    const group = page.locator('[data-group-id="group-multiInstance"]');
    await group.locator('.bio-properties-panel-group-header').first().click();
    await page.locator('#bio-properties-panel-ps-mi-collection').fill('= departments');
    await page.locator('#bio-properties-panel-ps-mi-elementVariable').fill('department');
    // and gives the group as an expression of the department
    await page.locator('#bio-properties-panel-ps-candidateGroup').selectOption('=');
    const expression = page.locator('input#bio-properties-panel-ps-candidateGroup');
    await expression.waitFor();
    await expression.fill('= "akimat-" + department');

    // Then the model holds the contract's attributes
    await expect.poll(async () => /<bpmn:userTask id="review"[^>]*>/.exec(await modelXml(page))?.[0] ?? '').toContain('ps:candidateGroup="= &#34;akimat-&#34; + department"');
    const xml = await modelXml(page);
    expect(xml).toMatch(/<bpmn:multiInstanceLoopCharacteristics [^>]*ps:collection="= departments"/);
    expect(xml).toMatch(/<bpmn:multiInstanceLoopCharacteristics [^>]*ps:elementVariable="department"/);
    // and the canvas's verdict is the deploy's (a deploy takes it)
    const problems = await deployProblems(xml);
    await expect.poll(() => canvasErrors(page), { timeout: 10_000 }).toBe(problems.length);
    expect(problems).toEqual([]);
    await harness.screenshot(page, 'modeler-multi-instance-panel');
    await page.close();
  }, 60_000);
});
