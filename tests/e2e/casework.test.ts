import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { callAs, openAs, openFromInbox, scrollWidth, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] casework ${SKIP_REASON}`);

const APPLICANT = { name: 'Dana Omarova', iin: '900515401230' };
const REQUESTED = ['Copy of the identity document', 'Power of attorney'];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(chromiumMissing)(chromiumMissing ? `casework screens in Chromium (${SKIP_REASON})` : 'casework screens in Chromium', () => {
  let harness: DesignerHarness;
  beforeAll(async () => {
    harness = await startDesignerHarness();
  }, 120_000);
  afterAll(async () => {
    await harness?.dispose();
  });

  /** An application for a certificate of no criminal record, past the counter, at the records check which asks for documents. */
  async function waitingForDocuments(): Promise<{ id: string; trackingNumber: string; official: string }> {
    const engine = harness.server.engine;
    const clerk = await tokenOf(harness, 'astana-1-clerk-1');
    const started = await callAs<{ id: string; trackingNumber: string }>(harness, clerk, 'POST', '/api/applications', {
      serviceCode: 'NO-CRIMINAL-RECORD', channel: 'centre', applicant: APPLICANT, documents: ['Identity document'],
    });
    const [check] = await engine.tasks({ instanceId: started.id });
    await engine.completeTask(check!.id, { by: 'astana-1-clerk-1', outcome: 'complete' });
    const [review] = await engine.tasks({ instanceId: started.id });
    expect(review?.elementId).toBe('review');
    await engine.completeTask(review!.id, { by: review!.assignee!, outcome: 'request documents', variables: { requestedDocuments: ['application stating the purpose'], otherRequestedDocuments: REQUESTED.join('\n') } });
    return { ...started, official: review!.assignee! };
  }

  it('should let the clerk record the documents brought, resuming the case with its term restarted and the tracking page updated', async () => {
    const app = await waitingForDocuments();
    expect((await harness.server.engine.track(app.trackingNumber)).status).toBe('waiting for your documents');
    const paused = await harness.server.engine.instance(app.id);
    expect(paused.slaPausedAt).toBeDefined();

    // The clerk finds the file by its tracking number from the navigation
    const page = await openAs(harness.browser, harness.url, 'astana-1-clerk-1', { width: 1366, height: 768 });
    await page.getByRole('link', { name: 'Search' }).click();
    const search = page.locator('tereze-search-page');
    await search.getByLabel('Search for').fill(app.trackingNumber);
    await search.getByRole('button', { name: 'Search' }).click();
    await search.getByRole('link', { name: `Open the case file ${app.trackingNumber}` }).click();
    const casePage = page.locator('tereze-case-page');
    await casePage.locator('[data-field="status"]', { hasText: "Waiting for the applicant's documents" }).waitFor();
    for (const name of REQUESTED) expect(await casePage.getByText(name).first().isVisible()).toBe(true);
    expect(await casePage.locator('[data-field="dueAt"]').textContent()).toContain('paused since');

    // A scan of the power of attorney goes in first
    await casePage.locator('tereze-attachments-panel input[type=file]').setInputFiles({ name: 'power-of-attorney.png', mimeType: 'image/png', buffer: PNG });
    await casePage.getByText('power-of-attorney.png attached.').waitFor();
    await casePage.getByRole('link', { name: 'power-of-attorney.png' }).waitFor();
    // A PNG named .pdf is refused in words, nothing stored
    await casePage.locator('tereze-attachments-panel input[type=file]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: PNG });
    await casePage.locator('tereze-attachments-panel [data-problem]', { hasText: "Refused: the file's name or type does not match its content, which is a PNG." }).waitFor();
    expect((await harness.server.engine.attachments(app.id)).map((a) => a.fileName)).toEqual(['power-of-attorney.png']);
    await harness.screenshot(page, 'casework-1-waiting-1366');

    // The documents: one ticked off, one named by hand
    const form = casePage.locator('tereze-documents-brought-form');
    await form.getByLabel('Copy of the identity document').uncheck();
    await form.getByLabel('application stating the purpose').uncheck();
    await form.getByLabel('Other documents brought').fill('Copy of the identity document (notarised)');
    await form.getByRole('button', { name: 'Record the documents and resume the case' }).click();
    await casePage.getByText('Documents recorded: the case is back with the agency and its term restarted.').waitFor();
    await casePage.locator('[data-field="status"]', { hasText: 'In progress' }).waitFor();
    expect(await casePage.locator('[data-field="brought"]').textContent()).toContain('Power of attorney, Copy of the identity document (notarised)');
    expect(await page.evaluate(scrollWidth)).toBeLessThanOrEqual(1366);
    await harness.screenshot(page, 'casework-2-resumed-1366');

    const resumed = await harness.server.engine.instance(app.id);
    expect(resumed.slaPausedAt).toBeUndefined();
    expect(resumed.variables['broughtDocuments']).toEqual(['Power of attorney', 'Copy of the identity document (notarised)']);
    // The 5-working-day term counts again from the arrival: a week or more from now, before the pause's fallback.
    expect(Date.parse(resumed.dueAt!) - Date.now()).toBeGreaterThan(5 * 86_400_000);
    expect(Date.parse(resumed.dueAt!)).toBeLessThan(Date.parse(paused.dueAt!));
    const tracking = await harness.server.engine.track(app.trackingNumber);
    expect(tracking).toMatchObject({ status: 'in progress', dueAt: resumed.dueAt });
    await page.context().close();
  });

  it('should let the clerk attach a scan at intake, from the receipt', async () => {
    const page = await openAs(harness.browser, harness.url, 'clerk', { width: 1366, height: 768 });
    await page.getByRole('heading', { name: 'Register an application' }).waitFor();
    await page.getByLabel('Service', { exact: true }).selectOption('CHILDCARE-BENEFIT');
    await page.getByLabel("Applicant's full name").fill(APPLICANT.name);
    await page.getByLabel("Applicant's IIN").fill(APPLICANT.iin);
    await page.locator('tereze-application-form input[name=documents]').first().check();
    await page.getByRole('button', { name: 'Register' }).click();
    const trackingNumber = (await page.locator('tereze-receipt-view [data-receipt] [data-field=trackingNumber]').textContent())!.trim();
    await page.getByRole('link', { name: 'Attach scans' }).click();
    const casePage = page.locator('tereze-case-page');
    await casePage.locator('[data-field="trackingNumber"]', { hasText: trackingNumber }).waitFor();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await casePage.locator('tereze-attachments-panel input[type=file]').setInputFiles({ name: 'birth-certificate.pdf', mimeType: 'application/pdf', buffer: pdf });
    await casePage.getByRole('link', { name: 'birth-certificate.pdf' }).waitFor();
    const id = (await harness.server.engine.instanceByTrackingNumber(trackingNumber)).id;
    expect((await harness.server.engine.attachments(id)).map((a) => [a.fileName, a.by])).toEqual([['birth-certificate.pdf', 'clerk']]);
    await harness.screenshot(page, 'casework-0-intake-scan-1366');
    await page.context().close();
  });

  it('should let the official extend the deadline from the task page, and the counter withdraw the application after a confirmation', async () => {
    const app = await waitingForDocuments();
    const clerk = await tokenOf(harness, 'astana-1-clerk-1');
    await callAs(harness, clerk, 'POST', `/api/applications/${app.id}/documents`, { documents: REQUESTED });
    const [review] = await harness.server.engine.tasks({ instanceId: app.id });
    const before = (await harness.server.engine.instance(app.id)).dueAt!;

    // The official, on a phone, opens the file from the review task and extends by 5 days
    const phone = await openAs(harness.browser, harness.url, review!.assignee!, { width: 375, height: 667 });
    await harness.server.engine.addAttachment(app.id, { by: 'astana-1-clerk-1', fileName: 'power-of-attorney.png', content: PNG });
    await phone.goto(`${harness.url}/#/task/${app.id}/${review!.id}`);
    // The scans are shown with the application on the task page
    await phone.locator('tereze-task-page tereze-attachments-panel').getByRole('link', { name: 'power-of-attorney.png' }).waitFor();
    await harness.screenshot(phone, 'casework-3a-task-375');
    await phone.locator('tereze-task-page [data-case-link]').click();
    const casePage = phone.locator('tereze-case-page');
    const extension = casePage.locator('tereze-extension-form');
    await extension.getByRole('button', { name: 'Extend' }).click();
    await extension.getByText('A whole number from 1 to 15').waitFor();
    await extension.getByLabel('Calendar days').fill('5');
    await extension.getByLabel('Reason').fill('The records office of another region has not answered yet');
    await extension.getByRole('button', { name: 'Extend' }).click();
    await casePage.getByText('Deadline extended: now', { exact: false }).waitFor();
    const extended = await harness.server.engine.instance(app.id);
    expect(Date.parse(extended.dueAt!) - Date.parse(before)).toBeGreaterThanOrEqual(5 * 86_400_000);
    expect(await phone.evaluate(scrollWidth)).toBeLessThanOrEqual(375);
    await harness.screenshot(phone, 'casework-3-extended-375');
    await phone.context().close();

    // The clerk records the withdrawal: a reason, then a confirmation
    const page = await openAs(harness.browser, harness.url, 'astana-1-clerk-1', { width: 375, height: 667 });
    await page.evaluate(() => (globalThis as any).localStorage.setItem('tereze.lang', 'ru'));
    await page.goto(`${harness.url}/#/case/${app.id}`);
    await page.reload();
    const withdrawal = page.locator('tereze-case-page tereze-withdrawal-form');
    await withdrawal.getByRole('button', { name: 'Отозвать заявление…' }).click();
    await withdrawal.getByText('Укажите причину').waitFor();
    await withdrawal.getByLabel('Причина').fill('Заявитель получил справку через портал');
    await withdrawal.getByRole('button', { name: 'Отозвать заявление…' }).click();
    await withdrawal.getByRole('button', { name: 'Да, отозвать' }).waitFor();
    await harness.screenshot(page, 'casework-4-withdraw-confirm-375-ru');
    expect((await harness.server.engine.instance(app.id)).state).toBe('active');
    await withdrawal.getByRole('button', { name: 'Да, отозвать' }).click();
    await page.locator('tereze-case-page [data-field="status"]', { hasText: 'Отозвано заявителем' }).waitFor();
    await harness.screenshot(page, 'casework-5-withdrawn-375-ru');

    const ended = await harness.server.engine.instance(app.id);
    expect(ended).toMatchObject({ state: 'terminated', variables: { decision: 'withdrawn', withdrawalReason: 'Заявитель получил справку через портал' } });
    expect(await harness.server.engine.tasks({ instanceId: app.id })).toEqual([]);
    const audit = (await harness.server.engine.audit({ subject: app.id })).map((a) => `${a.actor} ${a.action}`);
    expect(audit).toEqual(expect.arrayContaining(['astana-1-clerk-1 documents.brought', `${review!.assignee} deadline.extend`, 'astana-1-clerk-1 application.withdraw']));
    await page.context().close();
  });

  it("should let the agency desk record the documents brought for its own application and hand the result back there", async () => {
    const engine = harness.server.engine;
    // Taken in at the registry office's desk (BIRTH-REG is under alternative access in the demo policy)
    const desk = 'rags-registration-5';
    const started = await callAs<{ id: string; trackingNumber: string }>(harness, await tokenOf(harness, desk), 'POST', '/api/applications', {
      serviceCode: 'BIRTH-REG', channel: 'agency', applicant: APPLICANT, documents: ['medical certificate of birth'],
    });
    const [intake] = await engine.tasks({ instanceId: started.id });
    expect(intake?.elementId).toBe('agency_intake');
    await engine.completeTask(intake!.id, { by: desk, outcome: 'complete' });
    const [review] = await engine.tasks({ instanceId: started.id });
    await engine.completeTask(review!.id, { by: review!.assignee!, outcome: 'request documents', variables: { requestedDocuments: ["parents' identity documents"] } });

    // The desk official finds the file and records what the applicant brought: the desk is its counter
    const page = await openAs(harness.browser, harness.url, desk, { width: 1366, height: 768 });
    await page.goto(`${harness.url}/#/case/${started.id}`);
    const casePage = page.locator('tereze-case-page');
    await casePage.locator('[data-field="status"]', { hasText: "Waiting for the applicant's documents" }).waitFor();
    const form = casePage.locator('tereze-documents-brought-form');
    await form.getByRole('button', { name: 'Record the documents and resume the case' }).click();
    await casePage.getByText('Documents recorded: the case is back with the agency and its term restarted.').waitFor();
    expect((await engine.instance(started.id)).variables['broughtDocuments']).toEqual(["parents' identity documents"]);

    // Back with the registry office, approved
    const again = (await engine.tasks({ instanceId: started.id })).find((t) => t.elementId === 'review')!;
    await engine.completeTask(again.id, { by: again.assignee!, outcome: 'approve' });

    // The hand-back waits in the desk's inbox, and the desk hands the certificate over
    await openFromInbox(page, started.trackingNumber, 'hand_back');
    await page.getByText('Decision: approved').waitFor();
    // In the desk's queue, and the desk official takes it as a clerk takes a centre's
    const bar = page.locator('tereze-task-claim-bar');
    await bar.locator('[data-holder="queue"]', { hasText: 'Waiting in the group queue' }).waitFor();
    await bar.getByRole('button', { name: 'Take this task' }).click();
    await bar.locator('[data-holder="me"]').waitFor();
    await page.getByLabel('Handed over to the applicant').check();
    await page.getByLabel('The applicant declined to rate the service').check();
    await harness.screenshot(page, 'casework-desk-hand-back-1366');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Done:').waitFor();
    expect((await engine.instance(started.id)).state).toBe('completed');
    const clerkInbox = await callAs<{ elementId: string }[]>(harness, await tokenOf(harness, 'astana-1-clerk-1'), 'GET', '/api/tasks');
    expect(clerkInbox.some((t) => t.elementId === 'hand_back' && JSON.stringify(t).includes(started.id))).toBe(false);
    await page.context().close();
  });
});
