/**
 * Every page of the app in Kazakh and in Russian, with real work on it (an application at the
 * counter, one in review, one decided), for the role that opens it: a screenshot of each
 * (`page-<route>-<lang>.png` in artifacts/e2e, 1366×768; the public tracking page at 375×667 too)
 * and no English left on it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, chromiumMissing, startDesignerHarness, type DesignerHarness } from './designerHarness.js';
import { KK, RU, englishOn, visibleText } from './foreignText.js';
import { callAs, openAs, tokenOf } from './rolePages.js';

if (chromiumMissing) console.warn(`[e2e] every page ${SKIP_REASON}`);

type Lang = 'kk' | 'ru';
const LANGS: readonly Lang[] = ['kk', 'ru'];
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 375, height: 667 };

interface Directory {
  users: { id: string; name: string }[];
  routing: { reason?: string }[];
}
const DIRECTORY = JSON.parse(readFileSync(new URL('../../processes/demo/organisation.json', import.meta.url), 'utf8')) as Directory;

/** The catalogue's process names, from each model's `<bpmn:process name>`. */
const PROCESSES = join(import.meta.dirname, '../../processes');
const MODEL_NAMES = readdirSync(PROCESSES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(PROCESSES, d.name)).filter((f) => f.endsWith('.bpmn')).map((f) => readFileSync(join(PROCESSES, d.name, f), 'utf8')))
  .flatMap((xml) => [...xml.matchAll(/<bpmn:process [^>]*name="([^"]+)"/g)].map((m) => m[1]!.replace(/&apos;/g, "'")));

/**
 * What may stay in Latin letters on a Kazakh or Russian page, each with why. Only runs of three
 * Latin words or more are looked at: an id (`mj-real-estate`), a code or a two-word name passes anyway.
 * Not here, since they carry their Kazakh and Russian (docs/i18n.md, "Data in three languages"):
 * the directory's centres, agencies and groups, the calendars' holidays and transfers, and the
 * form viewer's own words.
 */
const ALLOWED: readonly { readonly text: string; readonly why: string }[] = [
  // People's names are proper names, written as their owners write them (the demo's users are
  // "Demo clerk" and the like): no language's word for them but their own.
  ...DIRECTORY.users.map((user) => ({ text: user.name, why: "a person's name in the directory" })),
  // A routing decision's reason is the coordinator's free text, kept as typed with the decision
  // (the demo seeds the first decisions in English): the record of why, in its writer's words.
  ...DIRECTORY.routing.flatMap((r) => (r.reason ? [{ text: r.reason, why: "the coordinator's reason, as typed" }] : [])),
  // The designer's own words: a model's process name is what its designer typed, and the
  // modeler's catalogue lists the models by it (the service's name stands beside it, translated).
  ...MODEL_NAMES.map((text) => ({ text, why: 'a BPMN process name, as its designer wrote it' })),
  // @bpmn-io/properties-panel 3.55 titles a FEEL field's pop-up button with its own English:
  // bpmn-js-properties-panel's entries do not hand it the translate service.
  { text: 'Open pop-up editor', why: "the properties panel library's fallback, out of the app's reach" },
  // bpmn-js's watermark (its title): the bpmn.io licence has it shown as the library draws it.
  { text: 'Powered by bpmn.io', why: "bpmn-js's own watermark, kept as its licence asks" },
];

/** Three Latin words or more in a row: a sentence of English, wherever it comes from. */
const LATIN_RUN = /[A-Za-z][A-Za-z'’-]*(?:[ ,:;()/]+[A-Za-z][A-Za-z'’-]*){2,}/g;

/**
 * The allowed texts as patterns, the longest first (a holiday's name before the shorter name it
 * starts with); any white space may be none, as a chart's SVG label wraps a name without one.
 */
const ALLOWED_PATTERNS = ALLOWED.map((a) => a.text)
  .sort((a, b) => b.length - a.length)
  .map((text) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*'), 'g'));

/** The English on a page in `lang`: catalogue texts of English, and any other run of Latin words the allowed list does not name. */
function foreignOn(text: string, lang: Lang): string[] {
  const left = ALLOWED_PATTERNS.reduce((rest, pattern) => rest.replace(pattern, '\n'), text);
  return [...new Set([...englishOn(left, lang), ...(left.match(LATIN_RUN) ?? [])])];
}

interface Shot {
  /** The screenshot's name part: the route, with the role when another role's page has the same route. */
  readonly name: string;
  readonly hash: string | (() => string);
  /** What shows once the page has its data (a CSS selector; Playwright's pierces shadow roots). */
  readonly ready: string;
  /** bpmn-js draws its palette once: the page loaded afresh draws it in the new language. */
  readonly reload?: boolean;
  /** What to do on the page before the screenshot (a search typed, say). */
  readonly act?: (page: Page, lang: Lang) => Promise<void>;
}

describe.skipIf(chromiumMissing)(chromiumMissing ? `every page in Kazakh and Russian (${SKIP_REASON})` : 'every page in Kazakh and Russian', () => {
  let harness: DesignerHarness;
  /** At the counter's completeness check: the clerk's open task. */
  let counter: { id: string; taskId: string };
  /** Past the counter, in review by the demo official. */
  let review: { id: string; trackingNumber: string };
  /** Approved: its decision to print. */
  let decided: { id: string };
  /** Pages with an English fragment, by screenshot: empty when every page is translated. */
  const foreign: Record<string, string[]> = {};

  async function register(clerk: string, name: string, iin: string): Promise<{ id: string; trackingNumber: string; taskId: string }> {
    const started = await callAs<{ id: string; trackingNumber: string }>(harness, clerk, 'POST', '/api/applications', {
      serviceCode: 'LARGE-FAMILY',
      channel: 'centre',
      applicant: { name, iin, language: 'kk' },
      // The standard's wording: the page names it in its own language
      documents: ["applicant's identity document"],
    });
    const [check] = await callAs<{ id: string }[]>(harness, clerk, 'GET', `/api/tasks?instanceId=${started.id}`);
    return { id: started.id, trackingNumber: started.trackingNumber, taskId: check!.id };
  }

  async function passCounter(clerk: string, taskId: string): Promise<void> {
    await callAs(harness, clerk, 'POST', `/api/tasks/${taskId}/claim`);
    await callAs(harness, clerk, 'POST', `/api/tasks/${taskId}/complete`, { outcome: 'complete' });
  }

  beforeAll(async () => {
    harness = await startDesignerHarness();
    const engine = harness.server.engine;
    const clerk = await tokenOf(harness, 'clerk');
    counter = await register(clerk, 'Айгерим Сапарова', '900515401230');
    const second = await register(clerk, 'Бауыржан Омаров', '850202400457');
    await passCounter(clerk, second.taskId);
    const secondReview = (await engine.tasks({ instanceId: second.id })).find((t) => t.elementId === 'review')!;
    if (secondReview.assignee !== 'official') await engine.reassignTask(secondReview.id, { to: 'official', by: 'supervisor', reason: 'заявление рассматривает демо-специалист' });
    review = second;
    const third = await register(clerk, 'Динара Ахметова', '920303500789');
    await passCounter(clerk, third.taskId);
    const thirdReview = (await engine.tasks({ instanceId: third.id })).find((t) => t.elementId === 'review')!;
    await engine.completeTask(thirdReview.id, { by: thirdReview.assignee!, outcome: 'approve' });
    decided = third;
    // A new official with a temporary password: the change-password page is all they see.
    await callAs(harness, await tokenOf(harness, 'admin'), 'POST', '/api/admin/users', {
      id: 'new.official',
      name: 'Ерлан Жақсылықов',
      roles: ['official'],
      groups: ['social-benefits'],
      agency: 'social',
      password: 'temporary-pass-2026',
    });
  }, 180_000);

  afterAll(async () => {
    await harness?.dispose();
    // One line to read instead of a failure per page (the assertion is per role, below).
    if (Object.keys(foreign).length) console.warn('[e2e] every page: English found', foreign);
  });

  /** The page's requests answered and its text still for a moment: the data is on it. */
  async function settle(page: Page, inflight: () => number): Promise<void> {
    let last = '';
    await expect
      .poll(
        async () => {
          const text = await visibleText(page);
          const still = inflight() === 0 && text === last;
          last = text;
          return still;
        },
        { interval: 150, timeout: 10_000 },
      )
      .toBe(true);
  }

  /** Counts the page's requests in flight, for `settle`. */
  function countRequests(page: Page): () => number {
    const open = new Set<unknown>();
    // The live events' stream stays open for as long as the page: not a request to wait for.
    page.on('request', (request) => void (request.resourceType() === 'eventsource' || open.add(request)));
    page.on('requestfinished', (request) => void open.delete(request));
    page.on('requestfailed', (request) => void open.delete(request));
    return () => open.size;
  }

  async function switchTo(page: Page, lang: Lang): Promise<void> {
    await page.locator(`.app-header button[data-lang=${lang}]`).click();
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe(lang);
  }

  /** Opens each page in each language as `username`, screenshots it and notes its English. */
  async function visit(username: string, shots: readonly Shot[]): Promise<Record<string, string[]>> {
    const page = await openAs(harness.browser, harness.url, username, DESKTOP);
    const inflight = countRequests(page);
    const found: Record<string, string[]> = {};
    for (const lang of LANGS) {
      await switchTo(page, lang);
      for (const shot of shots) {
        await page.goto(`${harness.url}/#/${typeof shot.hash === 'string' ? shot.hash : shot.hash()}`);
        if (shot.reload) await page.reload();
        await page.locator(shot.ready).first().waitFor({ timeout: 15_000 });
        await shot.act?.(page, lang);
        await settle(page, inflight);
        const name = `page-${shot.name}-${lang}`;
        await harness.screenshot(page, name);
        const english = foreignOn(await visibleText(page), lang);
        if (english.length) found[name] = foreign[name] = english;
      }
    }
    await page.context().close();
    return found;
  }

  it("should show the clerk's pages without English: register, inbox, task, search, case file, print, home", async () => {
    const found = await visit('clerk', [
      { name: 'register', hash: 'register', ready: 'tereze-application-form select' },
      { name: 'inbox', hash: 'inbox', ready: 'tereze-task-list li' },
      { name: 'task', hash: () => `task/${counter.id}/${counter.taskId}`, ready: 'tereze-task-page form' },
      {
        name: 'search',
        hash: 'search',
        ready: 'tereze-search-page form',
        act: async (page) => {
          await page.locator('tereze-search-page input[type=radio][value=name]').check();
          await page.locator('tereze-search-page #search-text').fill('Айгерим');
          await page.locator('tereze-search-page button[type=submit]').click();
          await page.locator('tereze-search-page tereze-application-table tbody tr').first().waitFor();
        },
      },
      { name: 'case', hash: () => `case/${review.id}`, ready: 'tereze-case-timeline li' },
      { name: 'print', hash: () => `print/${decided.id}`, ready: 'tereze-decision-print-page article' },
      { name: 'home', hash: 'home', ready: 'tereze-placeholder-home h2' },
    ]);
    expect(found).toEqual({});
  }, 90_000);

  it("should show the official's inbox and agency desk without English", async () => {
    const found = await visit('official', [
      { name: 'inbox-official', hash: 'inbox', ready: 'tereze-task-list li' },
      { name: 'desk', hash: 'desk', ready: 'tereze-agency-desk-page tereze-application-form select' },
    ]);
    expect(found).toEqual({});
  }, 60_000);

  it("should show the supervisor's supervision, inbox and dashboards without English", async () => {
    const found = await visit('supervisor', [
      { name: 'supervision', hash: 'supervision', ready: 'tereze-workload-table tr[data-official]' },
      { name: 'inbox-supervisor', hash: 'inbox', ready: 'tereze-inbox-page h2' },
      { name: 'dashboards', hash: 'dashboards', ready: 'tereze-rate-bars[data-by="agency"] text[data-rate]' },
    ]);
    expect(found).toEqual({});
  }, 60_000);

  it("should show the coordinator's routing and calendars without English", async () => {
    const found = await visit('coordinator', [
      { name: 'routing', hash: 'routing', ready: 'tereze-routing-page [data-service]' },
      {
        name: 'calendars',
        hash: 'calendars',
        ready: 'tereze-calendar-page dd[data-day=mon]',
        // The yearly holidays open too: every one is read in the page's language
        act: async (page) => {
          await page.locator('tereze-calendar-view details summary').click();
          await page.locator('tereze-calendar-view details[open] li').first().waitFor();
        },
      },
    ]);
    expect(found).toEqual({});
  }, 60_000);

  it("should show the auditor's audit trail and integrity pages without English", async () => {
    const found = await visit('auditor', [
      { name: 'audit', hash: 'audit', ready: 'tereze-audit-entry-table tr[data-seq]' },
      { name: 'integrity', hash: 'integrity', ready: 'tereze-integrity-page h2' },
    ]);
    expect(found).toEqual({});
  }, 60_000);

  it("should show the operator's instances, an instance and notifications without English", async () => {
    const found = await visit('operator', [
      { name: 'instances', hash: 'instances', ready: 'tereze-instances-page tr[data-instance]' },
      { name: 'instance', hash: () => `instance/${review.id}`, ready: 'tereze-instance-page .djs-element' },
      { name: 'notifications', hash: 'notifications', ready: 'tereze-notifications-page h2' },
    ]);
    expect(found).toEqual({});
  }, 60_000);

  it("should show the administrator's page without English", async () => {
    const found = await visit('admin', [{ name: 'admin', hash: 'admin', ready: 'tereze-users-table tr[data-user="official"]' }]);
    expect(found).toEqual({});
  }, 60_000);

  it("should show the designer's modeler without English", async () => {
    const found = await visit('designer', [
      // The catalogue of models opens over the canvas…
      { name: 'modeler', hash: 'modeler', reload: true, ready: 'tereze-catalogue-home tbody tr' },
      {
        // …and a new diagram shows the palette, the canvas and the process's properties panel
        name: 'modeler-canvas',
        hash: 'modeler',
        reload: true,
        ready: '.djs-palette .entry',
        act: async (page, lang) => {
          await page.locator('tereze-catalogue-home').getByRole('button', { name: (lang === 'kk' ? KK : RU)['home.newDiagram']! }).click();
          await page.locator('.djs-shape[data-element-id="StartEvent_1"]').waitFor();
          await page.locator('.bio-properties-panel-header-type').waitFor();
        },
      },
    ]);
    expect(found).toEqual({});
  }, 60_000);

  it('should show the login, the change of a temporary password and the public tracking page (desktop and phone) without English', async () => {
    const found: Record<string, string[]> = {};
    const note = async (page: Page, name: string, lang: Lang) => {
      await harness.screenshot(page, name);
      const english = foreignOn(await visibleText(page), lang);
      if (english.length) found[name] = foreign[name] = english;
    };
    for (const lang of LANGS) {
      // A browser in the language, nobody logged in
      const context = await harness.browser.newContext({ viewport: DESKTOP, locale: lang === 'kk' ? 'kk-KZ' : 'ru-RU' });
      const page = await context.newPage();
      await page.goto(harness.url);
      await page.locator('tereze-login input[name=username]').waitFor();
      await note(page, `page-login-${lang}`, lang);

      await page.goto(`${harness.url}/#/track/${review.trackingNumber}`);
      await page.locator('tereze-track-result [data-field=status]').waitFor();
      await note(page, `page-track-${lang}`, lang);
      await page.setViewportSize(PHONE);
      await note(page, `page-track-${lang}-375`, lang);
      expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.setViewportSize(DESKTOP);

      // The new official's first login: only the change of the temporary password
      await page.goto(harness.url);
      await page.locator('tereze-login input[name=username]').fill('new.official');
      await page.locator('tereze-login input[name=password]').fill('temporary-pass-2026');
      await page.locator('tereze-login button[type=submit]').click();
      await page.locator('tereze-change-password form').waitFor();
      await note(page, `page-change-password-${lang}`, lang);
      await context.close();
    }
    expect(found).toEqual({});
  }, 60_000);
});
