import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { KK, englishOn, visibleText } from './foreignText.js';
import { callAs, openAs, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] language ${SKIP_REASON}`);

const htmlLang = (page: Page) => page.evaluate(() => (globalThis as any).document.documentElement.lang as string);

describe.skipIf(chromiumMissing)(chromiumMissing ? `the UI's language in Chromium (${SKIP_REASON})` : "the UI's language in Chromium", () => {
  let harness: DesignerHarness;

  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 180_000);
  afterAll(async () => {
    await harness?.dispose();
  });

  /** The clerk's register form filled for an applicant who speaks `language`; the caller presses the form's button (in the page's words). */
  async function fillRegistration(page: Page, a: { service: string; name: string; iin: string; language: string }): Promise<void> {
    const form = page.locator('tereze-application-form');
    await form.locator('#service').selectOption(a.service);
    await form.locator('#applicant-name').fill(a.name);
    await form.locator('#applicant-iin').fill(a.iin);
    await form.locator('#applicant-language').selectOption(a.language);
  }

  /** The counter's check of a registered application, by the API; returns its instance id. */
  async function passCounter(trackingNumber: string): Promise<string> {
    const clerk = await tokenOf(harness, 'clerk');
    const [app] = await callAs<{ id: string }[]>(harness, clerk, 'GET', `/api/applications?trackingNumber=${encodeURIComponent(trackingNumber)}`);
    const [check] = await callAs<{ id: string }[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${app!.id}`);
    await callAs(harness, clerk, 'POST', `/api/tasks/${check!.id}/claim`);
    await callAs(harness, clerk, 'POST', `/api/tasks/${check!.id}/complete`, { outcome: 'complete' });
    return app!.id;
  }

  it('should let a clerk switch to Kazakh, keep it through a reload and a new login, with no English on the inbox and register pages', async () => {
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    // The switcher offers the three languages, Kazakh first
    const switcher = page.locator('.app-header .lang button');
    expect(await switcher.allTextContents()).toEqual(['Қазақша', 'Русский', 'English']);

    // When the clerk switches to Kazakh
    await page.locator('.app-header button[data-lang=kk]').click();
    await expect.poll(() => htmlLang(page)).toBe('kk');
    await page.getByRole('heading', { name: 'Өтінішті тіркеу' }).waitFor();
    // Then the choice is on the user's record
    await expect.poll(async () => (await callAs<{ language?: string }>(harness, await tokenOf(harness, 'clerk'), 'GET', '/api/users/me')).language).toBe('kk');

    // And it survives a reload
    await page.reload();
    await page.getByRole('heading', { name: 'Өтінішті тіркеу' }).waitFor();
    expect(await htmlLang(page)).toBe('kk');
    // The register page: no string of the English catalogue
    await page.locator('tereze-application-form select').first().waitFor();
    expect(englishOn(await visibleText(page))).toEqual([]);
    await harness.screenshot(page, 'language-register-kk');
    // With a service chosen: its Kazakh name and term, and the standard's document checklist in Kazakh
    await page.locator('tereze-application-form select').first().selectOption('BIRTH-REG');
    await page.getByText('Баланың тууын мемлекеттік тіркеу').first().waitFor({ state: 'attached' });
    await page.locator('tereze-application-form label.choice', { hasText: 'туу туралы медициналық анықтама' }).waitFor();
    expect(englishOn(await visibleText(page))).toEqual([]);
    await harness.screenshot(page, 'language-register-service-kk');

    // The inbox: no string of the English catalogue either
    await page.goto(`${harness.url}/#/inbox`);
    await page.getByRole('heading', { name: 'Кіріс тапсырмалар' }).waitFor();
    await page.getByText(KK['inbox.intro']!).waitFor();
    expect(englishOn(await visibleText(page))).toEqual([]);
    await harness.screenshot(page, 'language-inbox-kk');
    await page.context().close();

    // A new login on another computer (an English browser, nothing in its storage) opens in Kazakh
    const elsewhere = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await expect.poll(() => htmlLang(elsewhere)).toBe('kk');
    await elsewhere.getByRole('heading', { name: 'Өтінішті тіркеу' }).waitFor();
    expect(await elsewhere.evaluate(() => (globalThis as any).localStorage.getItem('tereze.lang'))).toBe('kk');

    // And in Russian the same pages, for the screenshots
    await elsewhere.locator('.app-header button[data-lang=ru]').click();
    await expect.poll(() => htmlLang(elsewhere)).toBe('ru');
    await harness.screenshot(elsewhere, 'language-register-ru');
    await elsewhere.goto(`${harness.url}/#/inbox`);
    await elsewhere.getByRole('heading', { name: 'Входящие' }).waitFor();
    await harness.screenshot(elsewhere, 'language-inbox-ru');
    await elsewhere.context().close();
  }, 120_000);

  it("should default to the browser's language before anyone logs in", async () => {
    const context = await harness.browser.newContext({ locale: 'kk-KZ' });
    const page = await context.newPage();
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Кіру' }).waitFor();
    expect(await htmlLang(page)).toBe('kk');
    expect(englishOn(await visibleText(page))).toEqual([]);
    await harness.screenshot(page, 'language-login-kk');
    await context.close();
  }, 60_000);

  it("should show the modeler's palette, context pad and panel groups in Kazakh", async () => {
    const page = await harness.openDesigner();
    await page.locator('.app-header button[data-lang=kk]').click();
    await expect.poll(() => htmlLang(page)).toBe('kk');
    // bpmn-js draws its palette once: the modeler page opened again draws it in Kazakh
    await page.reload();
    const palette = page.locator('.djs-palette');
    await palette.locator('.entry[aria-label]').first().waitFor();
    // diagram-js gives a palette entry its words as aria-label (the tooltip a screen reader reads)
    const titles = await palette.locator('.entry[aria-label]').evaluateAll((entries) => entries.map((e: any) => e.getAttribute('aria-label') ?? ''));
    expect(titles).toEqual(expect.arrayContaining(['Тапсырма құру', 'Бастапқы оқиға құру', 'Соңғы оқиға құру', 'Шлюз құру', '«Қол» құралы']));
    expect(titles.filter((title) => /[a-z]{3,}/.test(title))).toEqual([]);

    // The properties panel's groups of the process
    const groups = page.locator('.bio-properties-panel-group-header-title');
    await groups.first().waitFor();
    const names = await groups.allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Жалпы', 'Құжаттама']));

    // A start event's context pad: append a task, in Kazakh
    // The reload opens the catalogue over the canvas: back to the diagram
    const home = page.locator('tereze-catalogue-home');
    if (await home.isVisible()) await home.getByRole('button', { name: KK['home.newDiagram']! }).click();
    const start = page.locator('.djs-shape[data-element-id="StartEvent_1"]');
    await start.waitFor();
    await start.click();
    const pad = page.locator('.djs-context-pad');
    await pad.locator('.entry').first().waitFor();
    const padTitles = await pad.locator('.entry').evaluateAll((entries) => entries.map((e: any) => e.getAttribute('title') ?? ''));
    expect(padTitles).toEqual(expect.arrayContaining(['Тапсырма қосу', 'Жою']));
    // The panel's header names the element's type, and the lint button counts in Kazakh
    expect(await page.locator('.bio-properties-panel-header-type').textContent()).toBe('Бастапқы оқиға');
    await expect.poll(() => page.locator('.bjsl-button').textContent()).toMatch(/\d+ қате, \d+ ескерту|Ескерту жоқ/);
    await harness.screenshot(page, 'language-modeler-kk');

    await page.locator('.app-header button[data-lang=ru]').click();
    await page.reload();
    await palette.locator('.entry[aria-label]').first().waitFor();
    expect(await palette.locator('.entry[aria-label="Создать задачу"]').count()).toBe(1);
    await harness.screenshot(page, 'language-modeler-ru');
    await page.context().close();
  }, 90_000);

  it('should give the applicant their receipt, the printed decision and its PDF in their language while the clerk works in Russian', async () => {
    // Given a clerk working in Russian
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await page.locator('.app-header button[data-lang=ru]').click();
    await expect.poll(() => htmlLang(page)).toBe('ru');
    // When they register an applicant who speaks Kazakh
    await fillRegistration(page, { service: 'LARGE-FAMILY', name: 'Айгерим Сапарова', iin: '900515401230', language: 'kk' });
    await page.getByRole('button', { name: 'Зарегистрировать', exact: true }).click();

    // Then the receipt speaks Kazakh, the page around it Russian
    const receipt = page.locator('tereze-receipt-view article[lang=kk]');
    await receipt.waitFor({ timeout: 15_000 });
    expect(await receipt.locator('#receipt-title').textContent()).toBe(KK['receipt.title']);
    expect(await receipt.textContent()).toContain(KK['receipt.deadline']!);
    expect(englishOn((await receipt.textContent())!)).toEqual([]);
    // Dates dd.mm.yyyy in Kazakh, whatever the browser's ICU data say of kk-KZ
    expect((await receipt.locator('[data-field=dueAt]').textContent())!.trim()).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    expect(await htmlLang(page)).toBe('ru');
    // The buttons beside it are the clerk's, in Russian
    await page.getByRole('button', { name: 'Распечатать расписку' }).waitFor();
    await harness.screenshot(page, 'language-receipt-kk-clerk-ru');

    // The clerk's inbox names the new task in Russian (the standard's translation of the model's task)
    const trackingNumber = (await receipt.locator('[data-field=trackingNumber]').textContent())!.trim();
    await page.goto(`${harness.url}/#/inbox`);
    await page.locator('tereze-task-list li', { hasText: trackingNumber }).getByText('Проверить полноту пакета документов').waitFor();

    // When the application is decided
    const appId = await passCounter(trackingNumber);
    const review = (await harness.server.engine.tasks({ instanceId: appId })).find((t) => t.elementId === 'review')!;
    await callAs(harness, await tokenOf(harness, review.assignee!), 'POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' });

    // Then the print page hands over the Kazakh PDF first, the others a click away
    await page.goto(`${harness.url}/#/print/${appId}`);
    const pdf = page.locator('tereze-decision-print-page [data-action=pdf]');
    await pdf.waitFor();
    expect(await pdf.getAttribute('data-lang')).toBe('kk');
    expect(await page.locator('tereze-decision-print-page [data-action=pdf-other]').evaluateAll((links) => links.map((l: any) => l.dataset.lang))).toEqual(['ru', 'en']);
    // and the document on the page, printed at the counter, is in Kazakh too
    const doc = page.locator('tereze-decision-print-page article[lang=kk]');
    expect(await doc.locator('h2').textContent()).toBe(KK['outcome.doc.approved']);
    expect(englishOn((await doc.textContent())!)).toEqual([]);
    const response = await page.request.get(`${harness.url}${(await pdf.getAttribute('href'))!}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toContain('-approved-kk.pdf');
    await harness.screenshot(page, 'language-print-kk-pdf-clerk-ru');
    await page.context().close();
  }, 90_000);

  it("should show a clerk working in Kazakh the task's form in Kazakh: its fixed texts and the standard's documents", async () => {
    const clerk = await tokenOf(harness, 'clerk');
    const started = await callAs<{ id: string }>(harness, clerk, 'POST', '/api/applications', {
      serviceCode: 'BIRTH-REG',
      channel: 'centre',
      applicant: { name: 'Айгерим Сапарова', iin: '900515401230', language: 'kk' },
      documents: ['medical certificate of birth'],
    });
    const [check] = await callAs<{ id: string }[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`);
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await page.locator('.app-header button[data-lang=kk]').click();
    await expect.poll(() => htmlLang(page)).toBe('kk');
    await page.goto(`${harness.url}/#/task/${encodeURIComponent(started.id)}/${encodeURIComponent(check!.id)}`);
    const task = page.locator('tereze-task-page');
    await task.getByRole('heading', { name: 'Құжаттар топтамасының толықтығын тексеру' }).waitFor();
    await task.getByText('Құжаттар топтамасы толық па?').waitFor();
    await task.getByText('туу туралы медициналық анықтама').first().waitFor();
    expect(englishOn(await visibleText(page))).toEqual([]);
    await harness.screenshot(page, 'language-task-form-kk');
    // and the case file's timeline names the steps in Kazakh (the standard's names of the model's elements)
    await page.goto(`${harness.url}/#/case/${encodeURIComponent(started.id)}`);
    const timeline = page.locator('tereze-case-timeline');
    await timeline.getByText('Құжаттар топтамасының толықтығын тексеру').first().waitFor();
    expect(await timeline.textContent()).not.toContain('Check the package is complete');
    await harness.screenshot(page, 'language-case-timeline-kk');
    await page.context().close();
  }, 60_000);

  it('should carry one application through three languages: registered in Kazakh, decided in Russian, tracked in Kazakh on a phone', async () => {
    // A clerk registers it in Kazakh, for an applicant who speaks Kazakh
    const clerkPage = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await clerkPage.locator('.app-header button[data-lang=kk]').click();
    await expect.poll(() => htmlLang(clerkPage)).toBe('kk');
    await fillRegistration(clerkPage, { service: 'LARGE-FAMILY', name: 'Бауыржан Омаров', iin: '850202400457', language: 'kk' });
    await clerkPage.locator('tereze-application-form input[name=documents]').first().check();
    expect(englishOn(await visibleText(clerkPage))).toEqual([]);
    await clerkPage.getByRole('button', { name: 'Тіркеу', exact: true }).click();
    const receipt = clerkPage.locator('tereze-receipt-view article[lang=kk]');
    await receipt.waitFor({ timeout: 15_000 });
    const trackingNumber = (await receipt.locator('[data-field=trackingNumber]').textContent())!.trim();
    await harness.screenshot(clerkPage, 'language-chain-1-registered-kk');
    await clerkPage.context().close();

    // The counter's check (by the API: not the subject here)
    const appId = await passCounter(trackingNumber);

    // The official drawn for it decides in Russian, from the inbox
    const review = (await harness.server.engine.tasks({ instanceId: appId })).find((t) => t.elementId === 'review')!;
    const official = await openAs(harness.browser, harness.url, review.assignee!, { width: 1366, height: 768 });
    await official.locator('.app-header button[data-lang=ru]').click();
    await expect.poll(() => htmlLang(official)).toBe('ru');
    await official.goto(`${harness.url}/#/inbox`);
    const row = official.locator('tereze-task-list li', { hasText: trackingNumber });
    await row.getByText('Принять решение о пособии многодетной семье').waitFor();
    await row.getByRole('link').first().click();
    const taskPage = official.locator('tereze-task-page');
    await taskPage.getByText('Решение', { exact: true }).first().waitFor();
    expect(englishOn(await visibleText(official), 'ru')).toEqual([]);
    await taskPage.getByLabel('Одобрить').check();
    await taskPage.getByRole('button', { name: 'Отправить' }).click();
    await taskPage.locator('p.status.done').waitFor();
    expect(await taskPage.locator('p.status.done').textContent()).toContain('Принять решение о пособии многодетной семье');
    // The PDF to hand over is offered in the applicant's language first
    await expect.poll(() => taskPage.locator('tereze-decision-summary a[data-action^=pdf-]').evaluateAll((links) => links.map((l: any) => l.dataset.action))).toEqual(['pdf-kk', 'pdf-ru', 'pdf-en']);
    await harness.screenshot(official, 'language-chain-2-decided-ru');
    await official.context().close();

    // The applicant tracks it in Kazakh on a phone (a Kazakh browser, nobody logged in)
    const phone = await harness.browser.newContext({ locale: 'kk-KZ', viewport: { width: 375, height: 667 } });
    const page = await phone.newPage();
    await page.goto(`${harness.url}/#/track/${trackingNumber}`);
    const result = page.locator('tereze-track-result');
    await result.locator('[data-field=status]').waitFor();
    expect(await htmlLang(page)).toBe('kk');
    await result.getByText('Көпбалалы отбасыларға жәрдемақы тағайындау').first().waitFor();
    // the next step named in Kazakh too (the standard's translation of the model's task)
    expect(await result.locator('[data-field=nextSteps]').textContent()).toBe('Шешім туралы хабарламаны беру');
    expect(englishOn(await visibleText(page))).toEqual([]);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'language-chain-3-tracked-kk-375');
    await phone.close();
  }, 120_000);
});
