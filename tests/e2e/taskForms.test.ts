import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] task forms ${SKIP_REASON}`);

/** A service a designer models from scratch: one counter task, which gets its form in the modeler. */
const NOTICE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs_notice" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="decision_notice" name="Decision notice" isExecutable="true" ps:serviceCode="NOTICE-E2E">
    <bpmn:startEvent id="start" name="Applied at a centre" ps:channel="centre"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="prepare_notice" name="Prepare the decision notice" ps:office="front" ps:candidateGroup="centre-clerks" ps:assignment="claim"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end" name="Notice prepared"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="prepare_notice" />
    <bpmn:sequenceFlow id="f2" sourceRef="prepare_notice" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="decision_notice">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="160" y="140" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="prepare_notice_di" bpmnElement="prepare_notice"><dc:Bounds x="260" y="118" width="120" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="450" y="140" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="196" y="158" /><di:waypoint x="260" y="158" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="380" y="158" /><di:waypoint x="450" y="158" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

function modelXml(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const view = (globalThis as any).document.querySelector('tereze-modeler-page');
    return (await view.modeler.saveXML({ format: false })).xml as string;
  });
}

/** Drags with the mouse, in steps (the form editor's drag and drop follows mouse moves). */
async function drag(page: Page, from: string, to: string): Promise<void> {
  const source = (await page.locator(from).first().boundingBox())!;
  const target = (await page.locator(to).first().boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2 + 10, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + 40, { steps: 15 });
  await page.mouse.move(target.x + target.width / 2, target.y + 50, { steps: 5 });
  await page.mouse.up();
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `task forms in Chromium (${SKIP_REASON})` : 'task forms in Chromium', () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('should let a designer give a new task a form in the form editor, deploy it, and a clerk complete the task with it', async () => {
    // Given a designer with a new service whose counter task has no form yet
    const page = await harness.openDesigner();
    await page.locator('tereze-catalogue-home button[data-action=home-new]').click();
    await page.locator('tereze-catalogue-home').waitFor({ state: 'hidden' });
    await page.evaluate(async (xml) => {
      const view = (globalThis as any).document.querySelector('tereze-modeler-page');
      await view.modeler.importXML(xml);
    }, NOTICE);
    await page.locator('.djs-element[data-element-id="prepare_notice"]').click();
    const group = page.locator('[data-group-id="group-task-form"]');
    await group.locator('.bio-properties-panel-group-header').click();
    await group.getByText('No form: the task gets a plain Complete button').waitFor();

    // When they open the form editor and drop a text field on the form, labelled, keyed and required
    await group.getByRole('button', { name: 'Edit the form' }).click();
    const dialog = page.locator('dialog.tereze-form-editor[open]');
    await dialog.locator('.fjs-palette-field[data-field-type="textfield"]').waitFor({ timeout: 20_000 });
    await drag(page, 'dialog.tereze-form-editor .fjs-palette-field[data-field-type="textfield"]', 'dialog.tereze-form-editor .fjs-form-container');
    // The dropped field is selected, its properties in the editor's panel
    const panel = dialog.locator('.fjs-properties-container');
    await panel.locator('.bio-properties-panel-header-type', { hasText: /text field/i }).waitFor();
    const general = panel.locator('[data-group-id="group-general"]');
    if (!(await general.locator('input[name=key]').isVisible())) await general.locator('.bio-properties-panel-group-header').click();
    // The label is a templating (CodeMirror) editor; the key a plain input
    await panel.locator('[data-entry-id="label"] [contenteditable="true"]').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Notice number');
    // The label editor commits on a debounce: the field on the form shows the label once it is in the schema
    await dialog.locator('.fjs-form-container .fjs-form-field-label', { hasText: 'Notice number' }).waitFor();
    await panel.locator('input[name=key]').fill('noticeNumber');
    await panel.locator('[data-group-id="group-validation"] .bio-properties-panel-group-header').click();
    await panel.locator('input[name=required]').check();
    await harness.screenshot(page, 'task-forms-1-form-editor');
    await dialog.getByRole('button', { name: 'Apply to the task' }).click();

    // Then the task carries the form in its ps:form, undoably
    const formOf = async () => /<ps:form>([\s\S]*?)<\/ps:form>/.exec(await modelXml(page))?.[1] ?? '';
    await expect.poll(formOf).toContain('"key":"noticeNumber"');
    expect(await formOf()).toContain('Notice number');
    expect(await formOf()).toContain('"required":true');
    await group.getByText('1 fields').waitFor();

    // When they deploy it
    await page.locator('tereze-modeler-toolbar button[data-action=deploy]').click();
    await page.locator('tereze-deploy-confirm dialog[open] button[data-action=confirm-deploy]').click();
    await expect.poll(async () => (await page.locator('.status[data-kind=ok], .status[data-kind=error]').first().textContent()) ?? '', { timeout: 20_000 }).toMatch(/^Deployed /);
    await page.close();

    // Then a clerk's application waits at the task, and its page shows that form
    const clerkToken = await tokenOf(harness, 'clerk');
    const started = await callAs<{ id: string; trackingNumber: string }>(harness, clerkToken, 'POST', '/api/applications', { serviceCode: 'NOTICE-E2E', channel: 'centre', applicant: { name: 'Aizhan Seitkali', iin: '900515401230' } });
    const [task] = await callAs<{ id: string; elementId: string }[]>(harness, clerkToken, 'GET', `/api/tasks?instanceId=${started.id}`);
    expect(task?.elementId).toBe('prepare_notice');
    const clerk = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await clerk.goto(`${harness.url}/#/task/${started.id}/${task!.id}`);
    const field = clerk.getByLabel('Notice number');
    await field.waitFor();

    // And submitting it empty is refused at the field
    await clerk.getByRole('button', { name: 'Submit' }).click();
    await clerk.getByText('Field is required.').waitFor();
    expect((await callAs<{ state: string }>(harness, clerkToken, 'GET', `/api/applications/${started.id}`)).state).toBe('active');
    await harness.screenshot(clerk, 'task-forms-2-clerk-required-1366');

    // And filled, it completes the task with the form's variable
    await field.fill('N-2026-0042');
    await clerk.getByRole('button', { name: 'Submit' }).click();
    await clerk.getByText('Done:').waitFor();
    const done = await callAs<{ state: string; variables: Record<string, unknown> }>(harness, clerkToken, 'GET', `/api/applications/${started.id}`);
    expect(done).toMatchObject({ state: 'completed', variables: { noticeNumber: 'N-2026-0042' } });
  }, 150_000);

  it("should give the official the catalogue's decision form: a refusal needs a ground from the standard", async () => {
    // Given a child-care benefit past the counter, drawn for an official
    const clerkToken = await tokenOf(harness, 'clerk');
    const started = await callAs<{ id: string }>(harness, clerkToken, 'POST', '/api/applications', {
      serviceCode: 'CHILDCARE-BENEFIT',
      channel: 'centre',
      applicant: { name: 'Aizhan Seitkali', iin: '900515401230' },
      documents: ['application'],
    });
    const [check] = await callAs<{ id: string }[]>(harness, clerkToken, 'GET', `/api/tasks?instanceId=${started.id}`);
    await callAs(harness, clerkToken, 'POST', `/api/tasks/${check!.id}/complete`, { outcome: 'complete' });
    const supervisor = await tokenOf(harness, 'supervisor');
    const [review] = await callAs<{ id: string; elementId: string; assignee: string }[]>(harness, supervisor, 'GET', `/api/tasks?instanceId=${started.id}`);
    expect(review?.elementId).toBe('review');

    // Looked at on a phone first (in Russian too), then decided at the desk
    for (const viewport of [{ width: 375, height: 667 }, { width: 1366, height: 768 }]) {
      const official = await openAs(harness.browser, harness.url, review!.assignee, viewport);
      // The language is remembered per user: back to English after the Russian look on the phone
      await official.locator('.app-header button[data-lang=en]').click();
      await official.goto(`${harness.url}/#/task/${started.id}/${review!.id}`);
      await official.getByLabel('Refuse', { exact: true }).waitFor();
      expect(await official.evaluate(scrollWidth), 'no horizontal scroll').toBeLessThanOrEqual(viewport.width);
      await official.getByLabel('Refuse', { exact: true }).check();
      await official.getByText('Ground for refusal (from the standard)').waitFor();
      await official.getByRole('button', { name: 'Submit' }).click();
      await official.getByText('Field is required.').first().waitFor();
      await harness.screenshot(official, `task-forms-3-official-refusal-${viewport.width}`);
      if (viewport.width === 375) {
        await official.getByRole('button', { name: 'Русский' }).click();
        await official.getByText('Основание для отказа (из стандарта)').waitFor();
        // The viewer's own words in Russian too: its validation message and the select's prompt
        await official.getByRole('button', { name: 'Отправить' }).click();
        await official.getByText('Обязательное поле.').first().waitFor();
        await official.getByText('Выберите…').first().waitFor();
        expect(await official.locator('tereze-task-form').innerText()).not.toMatch(/Field is required|\bSelect\b/);
        await harness.screenshot(official, 'task-forms-4-official-refusal-ru-375');
        await official.getByRole('button', { name: 'Қазақша' }).click();
        await official.getByRole('button', { name: 'Жіберу' }).click();
        await official.getByText('Міндетті өріс.').first().waitFor();
        await official.getByText('Таңдаңыз…').first().waitFor();
        await harness.screenshot(official, 'task-forms-5-official-refusal-kk-375');
        await official.close();
        continue;
      }
      // When the official picks a ground from the standard's list and submits
      await official.locator('tereze-task-form .fjs-form-field-select .fjs-input-group').click();
      await official.locator('tereze-task-form .fjs-dropdownlist-item').first().click();
      await official.getByRole('button', { name: 'Submit' }).click();
      await official.getByText('Done:').waitFor();
      await official.close();
    }

    // Then the refusal carries its ground, and the application went the refusal's way
    const view = await callAs<{ variables: Record<string, unknown> }>(harness, supervisor, 'GET', `/api/applications/${started.id}`);
    expect(view.variables).toMatchObject({ outcome: 'refuse', refusalGrounds: expect.any(String) });
    const [handBack] = await callAs<{ elementId: string }[]>(harness, supervisor, 'GET', `/api/tasks?instanceId=${started.id}`);
    expect(handBack?.elementId).toBe('hand_back');
  }, 150_000);
});
