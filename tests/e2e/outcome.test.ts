import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStandard } from '../../processes/standard.js';
import { readPdf } from '../support/pdfText.js';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] outcome ${SKIP_REASON}`);

interface Task { id: string; elementId: string; assignee?: string | null }

const standard = parseStandard(readFileSync(join(import.meta.dirname, '../../processes/LARGE-FAMILY/standard.json'), 'utf8'), 'LARGE-FAMILY');
const APPLICANT = { name: 'Айгерим Сапарова', iin: '900515401230', language: 'ru' };
const CENTRE = 'Public Service Centre No. 1, Astana, 10 Kenesary Street, Astana';
/** The same centre as the directory names it in Russian (processes/demo/organisation.json). */
const CENTRE_RU = 'Центр обслуживания населения № 1, Астана, ул. Кенесары, 10, Астана';
const groundRu = standard.translations.ru!.groundsForRefusal![0]!;
const articleRu = standard.refusalArticle!.ru;

describe.skipIf(chromiumMissing)(chromiumMissing ? `the outcome everywhere in Chromium (${SKIP_REASON})` : 'the outcome everywhere in Chromium', () => {
  let harness: DesignerHarness;
  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);
  afterAll(async () => {
    await harness?.dispose();
  });

  it('should carry a refusal to the hand-back, the printed refusal (view and PDF) and the public page, with its grounds', async () => {
    // Given an application taken in at astana-1 and refused by the official drawn for it, with grounds and a note
    const clerk = await tokenOf(harness, 'clerk');
    const started = await callAs<{ id: string; trackingNumber: string }>(harness, clerk, 'POST', '/api/applications', {
      serviceCode: 'LARGE-FAMILY',
      channel: 'centre',
      applicant: APPLICANT,
      documents: standard.requiredDocuments,
    });
    const [check] = await callAs<Task[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`);
    await callAs(harness, clerk, 'POST', `/api/tasks/${check!.id}/claim`);
    await callAs(harness, clerk, 'POST', `/api/tasks/${check!.id}/complete`, { outcome: 'complete' });
    const review = (await harness.server.engine.tasks({ instanceId: started.id })).find((t) => t.elementId === 'review')!;
    expect(review.assignee, 'drawn at random').toBeTruthy();
    const official = await tokenOf(harness, review.assignee!);
    await callAs(harness, official, 'POST', `/api/tasks/${review.id}/complete`, {
      outcome: 'refuse',
      variables: { refusalGrounds: standard.groundsForRefusal[0], decisionNote: 'Проверено по реестру' },
    });
    const handBack = (await harness.server.engine.tasks({ instanceId: started.id })).find((t) => t.elementId === 'hand_back')!;
    expect(handBack, 'the refusal is at the centre').toBeDefined();

    // When the clerk opens the hand-back, in Russian
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await page.locator('.app-header button[data-lang=ru]').click();
    await page.goto(`${harness.url}/#/task/${started.id}/${handBack.id}`);
    const summary = page.locator('tereze-task-page tereze-decision-summary');
    await summary.locator('[data-decision]').waitFor();

    // Then they see the decision, its grounds in the standard's Russian wording, the article, the note, where and until when
    expect(await summary.locator('[data-field=outcome]').textContent()).toBe('Отказано');
    expect(await summary.locator('[data-field=grounds] li').allTextContents()).toEqual([groundRu]);
    expect(await summary.locator('[data-field=article]').textContent()).toContain(articleRu);
    expect(await summary.locator('[data-field=note]').textContent()).toContain('Проверено по реестру');
    const collect = (await summary.locator('[data-field=collect]').textContent())!;
    expect(collect).toMatch(new RegExp(`^Готово к выдаче: ${CENTRE_RU.replace(/[.]/g, '\\.')}, до \\d{2}\\.\\d{2}\\.\\d{4}$`));
    await harness.screenshot(page, 'outcome-0-hand-back-ru-1366');
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await summary.scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'outcome-1-hand-back-ru-375');

    // And the print view shows the refusal as printed: grounds, article, applicant, tracking number, the centre
    await page.setViewportSize({ width: 1366, height: 768 });
    await summary.locator('[data-action=print-view]').click();
    const printed = page.locator('tereze-decision-print-page article[data-document=refused]');
    await printed.waitFor();
    expect(await printed.locator('h2').textContent()).toBe('Мотивированный отказ в оказании государственной услуги');
    const text = (await printed.textContent())!.replace(/\s+/g, ' ');
    for (const expected of [groundRu, articleRu, APPLICANT.name, APPLICANT.iin, started.trackingNumber, CENTRE_RU, standard.names.ru]) expect(text).toContain(expected);
    expect(text, 'the note is for the counter, not the paper').not.toContain('Проверено по реестру');
    await harness.screenshot(page, 'outcome-2-print-view-ru-1366');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('tereze-decision-print-page [data-action=print]').isVisible(), 'no buttons on paper').toBe(false);
    expect(await page.locator('.app-header').isVisible(), 'no app header on paper').toBe(false);
    await harness.screenshot(page, 'outcome-3-print-media-ru-1366');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'outcome-4-print-view-ru-375');

    // And the PDF it links to, opened with the clerk's session: parsed back, then rendered by Chromium's viewer
    const pdfHref = (await page.locator('tereze-decision-print-page [data-action=pdf]').getAttribute('href'))!;
    expect(pdfHref).toBe(`/api/applications/${started.id}/document.pdf?lang=ru`);
    const response = await page.request.get(`${harness.url}${pdfHref}`);
    expect(response.status()).toBe(200);
    const pdf = readPdf(Buffer.from(await response.body()));
    expect(pdf.pages).toBe(1);
    const pdfText = pdf.text.replace(/\s+/g, ' ');
    for (const expected of ['Мотивированный отказ в оказании государственной услуги', groundRu, 'статья 19-1', APPLICANT.name, started.trackingNumber, CENTRE_RU]) expect(pdfText).toContain(expected);
    const viewer = await page.context().newPage();
    await viewer.setViewportSize({ width: 1366, height: 768 });
    await viewer.goto(`${harness.url}${pdfHref}`);
    await viewer.waitForTimeout(2500); // the PDF viewer paints after load, with no event to wait on
    await harness.screenshot(viewer, 'outcome-5-pdf-ru-1366');
    await viewer.setViewportSize({ width: 375, height: 667 });
    await viewer.waitForTimeout(1500);
    await harness.screenshot(viewer, 'outcome-6-pdf-ru-375');
    await viewer.close();
    const issued = (await harness.server.engine.audit({ subject: started.id })).filter((e) => e.action === 'document.issued');
    expect(issued.map((e) => e.actor)).toEqual(['clerk', 'clerk']);

    // And the applicant's public page (no login) says refused, with the grounds and where to collect — no note, no name
    const context = await harness.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    const visitor = await context.newPage();
    await visitor.goto(`${harness.url}/#/track/${started.trackingNumber}`);
    const result = visitor.locator('tereze-track-result');
    await result.locator('[data-field=outcome]').waitFor();
    expect(await result.locator('[data-field=outcome]').textContent()).toBe('Отказано');
    expect(await result.locator('[data-field=grounds] li').allTextContents()).toEqual([groundRu]);
    expect(await result.locator('[data-field=article]').textContent()).toBe(articleRu);
    expect(await result.locator('[data-field=collect]').textContent()).toMatch(new RegExp(`^${CENTRE_RU.replace(/[.]/g, '\\.')}, до \\d{2}\\.\\d{2}\\.\\d{4}$`));
    const publicText = (await result.textContent())!;
    expect(publicText).not.toContain('Проверено по реестру');
    expect(publicText).not.toContain(APPLICANT.name);
    expect(publicText).not.toContain(review.assignee!);
    await harness.screenshot(visitor, 'outcome-7-track-ru-1366');
    await visitor.setViewportSize({ width: 375, height: 667 });
    expect(await visitor.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await result.locator('[data-field=collect]').scrollIntoViewIfNeeded();
    await harness.screenshot(visitor, 'outcome-8-track-ru-375');
    await context.close();
  }, 120_000);

  it('should print the refusal receipt of an incomplete package, and show the applicant which documents to bring', async () => {
    // Given a package refused at the counter for missing documents
    const clerk = await tokenOf(harness, 'clerk');
    const take = async (documents: readonly string[]) => {
      // An applicant who reads English: the printed documents are in their language
      const started = await callAs<{ id: string; trackingNumber: string }>(harness, clerk, 'POST', '/api/applications', { serviceCode: 'LARGE-FAMILY', channel: 'centre', applicant: { ...APPLICANT, language: 'en' }, documents });
      const [check] = await callAs<Task[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`);
      await callAs(harness, clerk, 'POST', `/api/tasks/${check!.id}/claim`);
      return { ...started, check: check! };
    };
    const incomplete = await take(standard.requiredDocuments.slice(0, 2));
    await callAs(harness, clerk, 'POST', `/api/tasks/${incomplete.check.id}/complete`, { outcome: 'incomplete', variables: { missingDocuments: standard.requiredDocuments.slice(2) } });

    // When the clerk opens its print view (English this time)
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    // The clerk chose Russian in the test before, and the choice is remembered per user
    await page.locator('.app-header button[data-lang=en]').click();
    await page.goto(`${harness.url}/#/print/${incomplete.id}`);
    const printed = page.locator('tereze-decision-print-page article[data-document=incomplete]');
    await printed.waitFor();

    // Then it is the receipt of refusal, naming the documents not handed in
    expect(await printed.locator('h2').textContent()).toBe('Receipt of refusal to accept the application: the package is incomplete');
    expect(await printed.locator('[data-field=grounds] li').allTextContents()).toEqual(['The package of documents required by the service standard is incomplete.']);
    expect(await printed.locator('[data-field=centre]').textContent(), 'the issuing centre, though nothing waits there').toBe(CENTRE);
    const text = (await printed.textContent())!;
    for (const missing of standard.requiredDocuments.slice(2)) expect(text).toContain(missing);
    await harness.screenshot(page, 'outcome-9-refusal-receipt-en-1366');
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(page, 'outcome-10-refusal-receipt-en-375');

    // And for a package the official asks more of, the public page lists what to bring
    const asked = await take(standard.requiredDocuments);
    await callAs(harness, clerk, 'POST', `/api/tasks/${asked.check.id}/complete`, { outcome: 'complete' });
    const review = (await harness.server.engine.tasks({ instanceId: asked.id })).find((t) => t.elementId === 'review')!;
    // One from the standard's list, one in the decision form's free text
    const wanted = [standard.requiredDocuments[2]!, 'certificate of the family composition'];
    await callAs(harness, await tokenOf(harness, review.assignee!), 'POST', `/api/tasks/${review.id}/complete`, { outcome: 'request documents', variables: { requestedDocuments: [wanted[0]], otherRequestedDocuments: wanted[1] } });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${harness.url}/#/track/${asked.trackingNumber}`);
    const result = page.locator('tereze-track-result');
    await result.locator('[data-field=requestedDocuments]').waitFor();
    expect(await result.locator('[data-field=status]').textContent()).toBe('Waiting for your documents');
    expect(await result.locator('[data-field=requestedDocuments] li').allTextContents()).toEqual(wanted);
    expect(await result.locator('[data-field=outcome]').count(), 'nothing decided yet').toBe(0);
    await harness.screenshot(page, 'outcome-11-track-documents-en-1366');
    await page.setViewportSize({ width: 375, height: 667 });
    await result.locator('[data-field=requestedDocuments]').scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'outcome-12-track-documents-en-375');

    // And the clerk reprints the receipt: the documents handed in, and those still to bring
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${harness.url}/#/print/${asked.id}`);
    const receipt = page.locator('tereze-decision-print-page tereze-receipt-view [data-receipt]');
    await receipt.waitFor();
    expect(await receipt.locator('[data-field=requestedDocuments] li').allTextContents()).toEqual(wanted);
    expect(await receipt.locator('[data-field=trackingNumber]').textContent()).toBe(asked.trackingNumber);
    expect(await receipt.textContent()).toContain(APPLICANT.name);
    await harness.screenshot(page, 'outcome-13-receipt-to-bring-en-1366');
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await receipt.locator('[data-field=requestedDocuments]').scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'outcome-14-receipt-to-bring-en-375');
  }, 90_000);
});
