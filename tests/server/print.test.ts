import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStandard } from '../../processes/standard.js';
import { readPdf } from '../support/pdfText.js';
import { startTestServer, type TestServer } from './testServer.js';

const CATALOGUE = resolve(import.meta.dirname, '../../processes');
const standard = parseStandard(readFileSync(join(CATALOGUE, 'LARGE-FAMILY', 'standard.json'), 'utf8'), 'LARGE-FAMILY');
const APPLICANT = { name: 'Айгерим Сапарова', iin: '900101400123' };

describe('the decision: GET /api/applications/:id/outcome and the printed document', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      catalogue: (dir) => {
        cpSync(join(CATALOGUE, 'LARGE-FAMILY'), join(dir, 'LARGE-FAMILY'), { recursive: true });
        cpSync(join(CATALOGUE, 'standard.ts'), join(dir, 'standard.ts'));
      },
    });
  }, 60_000);
  afterAll(() => server.dispose());

  /** Taken in by the demo clerk at astana-1 over the API; the back office's review as the drawn official. */
  const application = async (decide?: { outcome: string; variables?: Record<string, unknown> }, applicant: Record<string, string> = APPLICANT) => {
    const started = await server.api('/api/applications', {
      method: 'POST',
      as: 'clerk',
      json: { serviceCode: 'LARGE-FAMILY', channel: 'centre', applicant, documents: standard.requiredDocuments },
    });
    expect(started.status).toBe(201);
    const { id, trackingNumber } = (await started.json()) as { id: string; trackingNumber: string };
    const [check] = await server.engine.tasks({ instanceId: id });
    expect((await server.api(`/api/tasks/${check!.id}/complete`, { method: 'POST', as: 'clerk', json: { outcome: 'complete' } })).status).toBe(200);
    if (decide) {
      const [review] = await server.engine.tasks({ instanceId: id });
      expect(review).toMatchObject({ elementId: 'review', assignee: 'official' });
      const done = await server.api(`/api/tasks/${review!.id}/complete`, { method: 'POST', as: 'official', json: decide });
      expect(done.status, await done.clone().text()).toBe(200);
    }
    return { id, trackingNumber };
  };

  it('should give the hand-back the refusal with its grounds, the note and where to collect', async () => {
    const { id } = await application({ outcome: 'refuse', variables: { refusalGrounds: standard.groundsForRefusal[1], decisionNote: 'Registry shows two children' } });
    const response = await server.api(`/api/applications/${id}/outcome`, { as: 'clerk' });
    expect(response.status).toBe(200);
    const outcome = (await response.json()) as Record<string, unknown>;
    expect(outcome).toMatchObject({
      outcome: 'refused',
      grounds: [standard.groundsForRefusal[1]],
      article: standard.refusalArticle!.en,
      note: 'Registry shows two children',
      collect: { where: 'Public Service Centre No. 1, Astana' },
    });
    expect(String((outcome['collect'] as { until: string }).until)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('should print the refusal in Russian with the grounds, the article, the applicant and the centre, and no official', async () => {
    const { id, trackingNumber } = await application({ outcome: 'refuse', variables: { refusalGrounds: standard.groundsForRefusal[0] } });
    const response = await server.api(`/api/applications/${id}/document.pdf?lang=ru`, { as: 'clerk' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`${trackingNumber}-refused-ru.pdf`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const pdf = readPdf(bytes);
    expect(pdf.pages).toBe(1);
    expect(pdf.fonts.some((f) => f.endsWith('+DejaVuSans'))).toBe(true);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(pdf.title).toContain('Мотивированный отказ');
    expect(text).toContain('Мотивированный отказ в оказании государственной услуги');
    expect(text).toContain(standard.names.ru);
    expect(text).toContain(standard.translations.ru!.groundsForRefusal![0]);
    expect(text).toContain('статья 19-1 Закона Республики Казахстан «О государственных услугах»');
    expect(text).toContain(APPLICANT.name);
    expect(text).toContain(APPLICANT.iin);
    expect(text).toContain(trackingNumber);
    // The centre as the directory names it in Russian
    expect(text).toContain('Центр обслуживания населения № 1, Астана, ул. Кенесары, 10, Астана');
    expect(text).toMatch(/до \d{1,2} [а-я]+ \d{4}/);
    // The applicant must not learn who reviewed the file.
    expect(text).not.toContain('Demo official');
    expect(text).not.toContain('official');

    // Audited as a document issued: who, which application, and the exact bytes handed out.
    const trail = await server.engine.audit({ subject: id });
    const issued = trail.filter((e) => e.action === 'document.issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ actor: 'clerk', data: { kind: 'refused', language: 'ru', trackingNumber, sha256: createHash('sha256').update(bytes).digest('hex') } });
  });

  it("should print in the applicant's language by default: a Kazakh refusal with the grounds and article in Kazakh", async () => {
    const { id, trackingNumber } = await application({ outcome: 'refuse', variables: { refusalGrounds: standard.groundsForRefusal[0] } }, { ...APPLICANT, language: 'kk' });
    const response = await server.api(`/api/applications/${id}/document.pdf`, { as: 'clerk' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`${trackingNumber}-refused-kk.pdf`);
    const text = readPdf(Buffer.from(await response.arrayBuffer())).text.replace(/\s+/g, ' ');
    expect(text).toContain('Мемлекеттік қызмет көрсетуден дәлелді бас тарту');
    expect(text).toContain(standard.names.kk);
    expect(text).toContain(standard.translations.kk!.groundsForRefusal![0]);
    expect(text).toContain(standard.refusalArticle!.kk);
    expect(text).toContain('ЖСН');
    expect(text).toContain('№ 1 халыққа қызмет көрсету орталығы, Астана, Кенесары көшесі, 10, Астана');
    // Kazakh letters print (DejaVu Sans): ә, қ, ө, ұ, і in the texts above
    expect(text).toMatch(/[әқөұі]/);
    // Asked for, another language still prints
    expect((await server.api(`/api/applications/${id}/document.pdf?lang=ru`, { as: 'clerk' })).headers.get('content-disposition')).toContain('-refused-ru.pdf');
    const issued = (await server.engine.audit({ subject: id })).filter((e) => e.action === 'document.issued').map((e) => (e.data as { language: string }).language);
    expect(issued).toEqual(['kk', 'ru']);
  });

  it('should print an approval in English, with where and until when to collect it', async () => {
    const { id } = await application({ outcome: 'approve' });
    const response = await server.api(`/api/applications/${id}/document.pdf?lang=en`, { as: 'supervisor' });
    expect(response.status).toBe(200);
    const text = readPdf(Buffer.from(await response.arrayBuffer())).text.replace(/\s+/g, ' ');
    expect(text).toContain('Notice of the decision: the service is granted');
    expect(text).toContain('Approved: the result is issued to the applicant.');
    expect(text).toMatch(/Collect the result at Public Service Centre No\. 1, Astana, 10 Kenesary Street, Astana, until \d{1,2} [A-Z][a-z]+ \d{4} inclusive\./);
    expect(text).not.toContain('Grounds for the refusal');
  });

  it('should print the receipt of a refusal at the counter with the documents not handed in', async () => {
    const started = await server.api('/api/applications', {
      method: 'POST',
      as: 'clerk',
      json: { serviceCode: 'LARGE-FAMILY', channel: 'centre', applicant: APPLICANT, documents: standard.requiredDocuments.slice(0, 2) },
    });
    const { id } = (await started.json()) as { id: string };
    const [check] = await server.engine.tasks({ instanceId: id });
    await server.api(`/api/tasks/${check!.id}/complete`, { method: 'POST', as: 'clerk', json: { outcome: 'incomplete', variables: { missingDocuments: standard.requiredDocuments.slice(2) } } });
    const text = readPdf(Buffer.from(await (await server.api(`/api/applications/${id}/document.pdf?lang=en`, { as: 'clerk' })).arrayBuffer())).text.replace(/\s+/g, ' ');
    expect(text).toContain('Receipt of refusal to accept the application: the package is incomplete');
    expect(text).toContain('Documents not handed in');
    for (const missing of standard.requiredDocuments.slice(2)) expect(text, text).toContain(missing);
  });

  it('should refuse a document while nothing is decided, and a language it does not have', async () => {
    const { id } = await application();
    const undecided = await server.api(`/api/applications/${id}/document.pdf`, { as: 'clerk' });
    expect(undecided.status).toBe(409);
    expect(((await undecided.json()) as { error: { code: string } }).error.code).toBe('no_decision');
    expect((await server.engine.audit({ subject: id })).some((e) => e.action === 'document.issued'), 'nothing issued, nothing audited').toBe(false);
    const kk = await server.api(`/api/applications/${id}/document.pdf?lang=xx`, { as: 'clerk' });
    expect(kk.status).toBe(400);
    expect(((await kk.json()) as { error: { message: string } }).error.message).toContain('query.lang');
  });

  it("should keep the document to those who may see the application: not another centre's clerk, not another agency", async () => {
    const { id } = await application({ outcome: 'approve' });
    for (const caller of ['clerk-almaty', 'official-mj', 'supervisor-mj', 'designer']) {
      expect((await server.api(`/api/applications/${id}/document.pdf`, { as: caller })).status, caller).toBe(403);
      expect((await server.api(`/api/applications/${id}/outcome`, { as: caller })).status, caller).toBe(403);
    }
    expect((await fetch(`${server.url}/api/applications/${id}/document.pdf`)).status).toBe(401);
    expect((await server.engine.audit({ subject: id })).some((e) => e.action === 'document.issued')).toBe(false);
    expect((await server.api(`/api/applications/${id}/document.pdf`, { as: 'auditor' })).status).toBe(200);
  });

  it("should say where to collect at the centre's address as the administrator keeps it", async () => {
    const put = (json: unknown) => server.api('/api/admin/centres/astana-1', { method: 'PUT', as: 'admin', json });
    expect((await put({ name: 'Public Service Centre No. 1, Astana', city: 'Astana', address: '7 Dostyk Street, Astana' })).status).toBe(200);
    expect((await put({ name: 'Public Service Centre No. 1, Astana', city: 'Astana' })).status, 'a rename without an address keeps it').toBe(200);
    const onGroup = await server.api('/api/admin/groups/centre-clerks', { method: 'PUT', as: 'admin', json: { name: 'Clerks', address: 'somewhere' } });
    expect(await onGroup.json()).toMatchObject({ error: { message: 'body.address: only a centre has an address' } });
    const { id } = await application({ outcome: 'approve' });
    const outcome = (await (await server.api(`/api/applications/${id}/outcome`, { as: 'clerk' })).json()) as { collect: { address: string } };
    expect(outcome.collect.address).toBe('7 Dostyk Street, Astana');
    await put({ name: 'Public Service Centre No. 1, Astana', city: 'Astana', address: '10 Kenesary Street, Astana' });
  });

  it('should show the public page the refusal and its grounds, never the note', async () => {
    const { trackingNumber } = await application({ outcome: 'refuse', variables: { refusalGrounds: standard.groundsForRefusal[0], decisionNote: 'Called Ms Petrova' } });
    const response = await fetch(`${server.url}/api/track/${trackingNumber}`);
    const view = (await response.json()) as Record<string, unknown>;
    expect(view).toMatchObject({ status: 'ready for collection', outcome: 'refused', grounds: [standard.groundsForRefusal[0]], article: standard.refusalArticle!.en });
    expect(view['collect']).toMatchObject({ where: 'Public Service Centre No. 1, Astana', address: '10 Kenesary Street, Astana' });
    expect(JSON.stringify(view)).not.toMatch(/Petrova|official|archiveAt/);
  });
});
