import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationOutcome, issueRefusal, issueResult } from '../../../engine/index.js';
import { loadOrganisation, seedOrganisation } from '../../../processes/demo/seedOrganisation.js';
import { loadCatalogue } from '../../../processes/standard.js';
import { openHarness, path, type Harness } from '../../support/harness.js';
import { approveToHandBack, complete, intake, taskAt } from '../../processes/scenario.js';

const catalogue = loadCatalogue();
const org = loadOrganisation();
const astana = org.centres.find((c) => c.id === 'astana-1')!;

describe('the decision handlers', () => {
  const input = (variables: Record<string, unknown>) => ({ instanceId: 'i', trackingNumber: 't', elementId: 'issue_refusal', variables, now: new Date('2026-03-05T06:00:00Z') });

  it('should record an approval with its issue time', () => {
    expect(issueResult({ ...input({}), elementId: 'issue_result' })).toEqual({ decision: 'approved', decidedAt: '2026-03-05T06:00:00.000Z', issue_resultAt: '2026-03-05T06:00:00.000Z' });
  });

  it("should take the official's grounds, one string or a list", () => {
    expect(issueRefusal(input({ outcome: 'refuse', refusalGrounds: 'false information' }))).toMatchObject({ decision: 'refused', decisionGrounds: ['false information'] });
    expect(issueRefusal(input({ outcome: 'refuse', refusalGrounds: ['a', ' b ', '', 3] }))).toMatchObject({ decisionGrounds: ['a', 'b'] });
    expect(issueRefusal(input({ outcome: 'refuse', refusalGrounds: 'a' }))).not.toHaveProperty('decisionReason');
  });

  it('should name the reason when no official gave grounds: the counter, or the documents never came', () => {
    expect(issueRefusal(input({ outcome: 'incomplete' }))).toMatchObject({ decision: 'refused', decisionGrounds: [], decisionReason: 'incomplete' });
    expect(issueRefusal(input({ outcome: 'request documents' }))).toMatchObject({ decisionGrounds: [], decisionReason: 'documentsNotBrought' });
  });
});

describe('applicationOutcome over the catalogue', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
    await seedOrganisation(h.engine, { ...org, routing: [] });
    for (const entry of catalogue) await h.engine.deploy(entry.xml);
  });
  afterAll(() => h.dispose());

  const start = (entry: (typeof catalogue)[number], documents = entry.standard.requiredDocuments) =>
    h.engine.start(entry.standard.processKey, { channel: 'centre', centre: 'astana-1', variables: { documents } });

  it.each(catalogue.map((e) => [e.code, e] as const))('%s: should be undecided in review, approved at the hand-back with where and until when', async (_code, entry) => {
    const { id } = await start(entry);
    await intake(h.engine, id, entry);
    expect((await h.engine.outcome(id)).outcome).toBeUndefined();
    await approveToHandBack(h.engine, id, entry);
    const handBack = await taskAt(h.engine, id, 'hand_back');
    const outcome = await h.engine.outcome(id);
    expect(outcome.outcome).toBe('approved');
    expect(outcome.grounds).toEqual([]);
    expect(outcome.decidedAt).toBe(h.clock.now().toISOString());
    // The model's own timer (P30D on not_collected): the last day is the 29th after the hand-back began.
    const timer = /id="not_collected"[\s\S]*?<bpmn:timeDuration[^>]*>(P\d+D)</.exec(entry.xml)![1]!;
    const days = Number(timer.slice(1, -1));
    const lastDay = new Date(Date.parse(handBack.createdAt) + (days - 1) * 86_400_000);
    expect(outcome.collect).toEqual({
      where: astana.name,
      address: astana.address,
      // The centre's words in Kazakh and Russian, for each screen to say it in its reader's
      translations: astana.translations,
      archiveAt: new Date(Date.parse(handBack.createdAt) + days * 86_400_000).toISOString(),
      until: lastDay.toISOString().slice(0, 10),
    });
    await complete(h.engine, id, 'hand_back', 'handed over', { rating: 5 });
    const done = await h.engine.outcome(id);
    expect(done.outcome).toBe('approved');
    expect(done.collect, 'nothing waits at the centre once handed over').toBeUndefined();
  });

  it.each(catalogue.map((e) => [e.code, e] as const))("%s: should carry the official's grounds and the article to the hand-back", async (_code, entry) => {
    const { id } = await start(entry);
    await intake(h.engine, id, entry);
    const ground = entry.standard.groundsForRefusal.at(-1)!;
    await complete(h.engine, id, 'review', 'refuse', { refusalGrounds: ground, decisionNote: 'checked with the register' });
    await taskAt(h.engine, id, 'hand_back');
    const article = entry.standard.refusalArticle?.en;
    const outcome = await h.engine.outcome(id, article ? { article } : {});
    expect(outcome).toMatchObject({ outcome: 'refused', grounds: [ground], note: 'checked with the register', collect: { where: astana.name } });
    expect(outcome.article).toBe(article);
    expect(article, 'every catalogue standard names its article').toMatch(/Article 19-1/);
    expect(outcome.reason).toBeUndefined();
  });

  it.each(catalogue.map((e) => [e.code, e] as const))('%s: should refuse an incomplete package at the counter, listing what was not handed in', async (_code, entry) => {
    const [first, ...rest] = entry.standard.requiredDocuments;
    const { id } = await start(entry, [first!]);
    await complete(h.engine, id, 'check_completeness', 'incomplete', { missingDocuments: rest });
    expect((await path(h.engine, id)).at(-1)).toBe('refused_incomplete');
    const outcome = await h.engine.outcome(id, { requiredDocuments: entry.standard.requiredDocuments });
    expect(outcome).toMatchObject({ outcome: 'refused', grounds: [], reason: 'incomplete', missingDocuments: rest });
    expect(outcome.collect).toBeUndefined();
  });

  it('should list the documents asked for while the case waits, and refuse when they never come', async () => {
    const entry = catalogue.find((e) => e.code === 'LARGE-FAMILY')!;
    const { id } = await start(entry);
    await intake(h.engine, id, entry);
    const asked = [entry.standard.requiredDocuments[2]!, 'certificate of the family composition'];
    // One from the standard's list, one written in free text (the decision form's two fields).
    await complete(h.engine, id, 'review', 'request documents', { requestedDocuments: [asked[0]], otherRequestedDocuments: asked[1] });
    expect(await h.engine.outcome(id)).toMatchObject({ outcome: undefined, requestedDocuments: asked });
    // The receipt reprinted at the counter: what was handed in, and what is still to bring.
    expect(await h.engine.receipt(id)).toMatchObject({ documents: entry.standard.requiredDocuments, requestedDocuments: asked });
    h.clock.advance(`P${entry.standard.documentsPauseDays}D`);
    await h.engine.runDueJobs();
    const outcome = await h.engine.outcome(id);
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'documentsNotBrought', grounds: [] });
    expect(outcome.requestedDocuments, 'no longer waiting').toBeUndefined();
    expect(await h.engine.receipt(id)).not.toHaveProperty('requestedDocuments');
  });

  it("should read a withdrawal as 'withdrawn', with nothing to collect", () => {
    const outcome = applicationOutcome({ variables: { decision: 'withdrawn', decidedAt: '2026-03-03T05:00:00.000Z' }, tokens: [], centre: 'astana-1' });
    expect(outcome).toEqual({ outcome: 'withdrawn', grounds: [], decidedAt: '2026-03-03T05:00:00.000Z' });
  });

  it('should show the public page the outcome with grounds, where to collect — and no note', async () => {
    const entry = catalogue.find((e) => e.code === 'BIRTH-REG')!;
    const { id, trackingNumber } = await start(entry);
    await intake(h.engine, id, entry);
    await complete(h.engine, id, 'review', 'refuse', { refusalGrounds: entry.standard.groundsForRefusal[1], decisionNote: 'Asked Ms Petrova' });
    const view = await h.engine.track(trackingNumber, { article: entry.standard.refusalArticle!.en });
    expect(view).toMatchObject({ status: 'ready for collection', outcome: 'refused', grounds: [entry.standard.groundsForRefusal[1]], article: entry.standard.refusalArticle!.en });
    expect(view.collect).toMatchObject({ where: astana.name, address: astana.address });
    expect(view.collect!.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(view)).not.toContain('Petrova');
    expect(JSON.stringify(view)).not.toContain('archiveAt');
  });
});
