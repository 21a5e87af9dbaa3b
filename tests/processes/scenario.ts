import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/index.js';
import { loadOrganisation, seedOrganisation } from '../../processes/demo/seedOrganisation.js';
import { loadCatalogue, type CatalogueEntry } from '../../processes/standard.js';
import { openHarness, path, type Harness } from '../support/harness.js';

/** Deadlines worked out by hand from the standard (the test file shows the counting). */
export interface ExpectedDeadlines {
  /** When the application arrives (the scenario's clock). */
  readonly receivedAt: string;
  /** The applicant's deadline: `start().dueAt`. */
  readonly applicant: string;
  /** The first back-office task's `dueAt` (the review, or the land agency's check). */
  readonly backOffice: string;
  /** Its id, when not `review`. */
  readonly backOfficeTask?: string;
  /** Groups a FEEL `ps:candidateGroup` names (the akimat's departments of LAND-USE-CHANGE): their members are seeded too. */
  readonly groupsByExpression?: readonly string[];
}

const catalogue = loadCatalogue();
const org = loadOrganisation();

export const entryOf = (code: string): CatalogueEntry => catalogue.find((c) => c.code === code)!;

/** The open task of an instance at an element. */
export async function taskAt(engine: Engine, instanceId: string, elementId: string) {
  const task = (await engine.tasks({ instanceId })).find((t) => t.elementId === elementId);
  if (!task) throw new Error(`no open task at ${elementId}: ${(await engine.tasks({ instanceId })).map((t) => t.elementId).join(', ')}`);
  return task;
}

/** Completes the open task at an element as its assignee (a clerk claims front-office work). */
export async function complete(engine: Engine, instanceId: string, elementId: string, outcome?: string, variables?: Record<string, unknown>) {
  const task = await taskAt(engine, instanceId, elementId);
  const by = task.assignee ?? 'clerk';
  return engine.completeTask(task.id, { by, ...(outcome ? { outcome } : {}), ...(variables ? { variables } : {}) });
}

/** The completeness check an application waits in: the agency desk's own, or the centre clerks'. */
export async function intakeTask(engine: Engine, instanceId: string): Promise<'agency_intake' | 'check_completeness'> {
  return (await engine.tasks({ instanceId })).some((t) => t.elementId === 'agency_intake') ? 'agency_intake' : 'check_completeness';
}

/** The hand-back through its form: handed over, rated, or the rating declined. */
export function handBack(engine: Engine, instanceId: string, rating?: number) {
  return complete(engine, instanceId, 'hand_back', 'handed over', rating === undefined ? { ratingDeclined: true } : { rating });
}

/** The official's request for documents through the review form: the standard's first document. */
export function requestDocuments(engine: Engine, instanceId: string, entry: CatalogueEntry) {
  return complete(engine, instanceId, 'review', 'request documents', { requestedDocuments: [entry.standard.requiredDocuments[0]] });
}

/** Drives an approved application from the back office's decision to the hand-back. */
export async function approveToHandBack(engine: Engine, instanceId: string, entry: CatalogueEntry): Promise<void> {
  const review = await taskAt(engine, instanceId, 'review');
  await complete(engine, instanceId, 'review', 'approve');
  if (entry.xml.includes('id="concurrence"')) await concurAll(engine, instanceId);
  if (entry.standard.secondReview) {
    const second = await taskAt(engine, instanceId, 'second_review');
    expect(second.assignee).toBeTruthy();
    expect(second.assignee, 'four eyes').not.toBe(review.assignee);
    await complete(engine, instanceId, 'second_review', 'confirm');
  }
  if (entry.xml.includes('id="offer_place"')) await complete(engine, instanceId, 'offer_place', undefined, { placeOffered: 'Kindergarten No. 12, group "Sunflower"' });
}

/**
 * Land: every department's concurrence (a multi-instance task, one open task per department)
 * is given by the official it was drawn to; `objectFrom` (a group) objects instead, with its remarks.
 */
export async function concurAll(engine: Engine, instanceId: string, objectFrom?: string) {
  const open = (await engine.tasks({ instanceId })).filter((t) => t.elementId === 'concurrence');
  expect(open.length, 'one concurrence per department').toBeGreaterThan(1);
  let view;
  for (const task of open) {
    // Drawn in its department's group when the test seeded its members (LAND-USE-CHANGE.test.ts checks the draw).
    const objects = task.candidateGroup === objectFrom;
    view = await engine.completeTask(task.id, { by: task.assignee ?? `${task.candidateGroup ?? 'department'}-official`, outcome: objects ? 'object' : 'concur', ...(objects ? { variables: { remarks: 'the change contradicts the zoning plan' } } : {}) });
  }
  return view!;
}

/** Through the intake (and the land agency's own check) to the review. */
export async function intake(engine: Engine, instanceId: string, entry: CatalogueEntry): Promise<void> {
  await complete(engine, instanceId, await intakeTask(engine, instanceId), 'complete');
  if (entry.xml.includes('id="agency_check"')) await complete(engine, instanceId, 'agency_check', 'in order');
}

/**
 * The scenario suite of one catalogue service under a manual clock and the real calendars:
 * happy path with the deadlines checked by hand, refusals at intake and by the official, a
 * request for documents (paused SLA, resumed; and the 30-day limit), an overdue review flagged
 * and escalated, and a restart of the engine half-way.
 */
export function serviceScenarios(code: string, expected: ExpectedDeadlines): void {
  const entry = entryOf(code);
  const groups = new Set([...[...entry.xml.matchAll(/ps:candidateGroup="([^"=][^"]*)"/g)].map((m) => m[1]!), ...(expected.groupsByExpression ?? [])]);

  describe(`${code}: ${entry.standard.names.en}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await openHarness();
      h.clock.set(expected.receivedAt);
      // The service's groups only: random assignment needs candidates, not the whole country.
      await seedOrganisation(h.engine, { ...org, users: org.users.filter((u) => u.groups.some((g) => groups.has(g))), routing: [] });
      await h.engine.deploy(entry.xml);
    });
    afterEach(() => h.dispose());

    const start = () => h.engine.start(entry.standard.processKey, { channel: 'centre', variables: { documents: entry.standard.requiredDocuments } });

    it('should run the happy path with the deadlines of the standard, and hand the result back', async () => {
      const { id, dueAt } = await start();
      expect(dueAt).toBe(expected.applicant);
      await complete(h.engine, id, 'check_completeness', 'complete');
      const first = await taskAt(h.engine, id, expected.backOfficeTask ?? 'review');
      expect(first.dueAt).toBe(expected.backOffice);
      expect(first.assignee, 'drawn at random from the group').toBeTruthy();
      if (expected.backOfficeTask) await complete(h.engine, id, expected.backOfficeTask, 'in order');
      await approveToHandBack(h.engine, id, entry);
      expect((await h.engine.instance(id)).variables).toHaveProperty('issue_resultAt');
      const done = await handBack(h.engine, id, 5);
      expect(done.state).toBe('completed');
      const visited = await path(h.engine, id);
      expect(visited).toContain('issue_result');
      expect(visited.at(-1)).toBe('result_returned');
    });

    it.runIf(entry.standard.channels.includes('agency'))("should take an agency desk's application in at the agency's own desk, not in the centre clerks' queue", async () => {
      const { id } = await h.engine.start(entry.standard.processKey, { channel: 'agency', variables: { documents: entry.standard.requiredDocuments } });
      const [first] = await h.engine.tasks({ instanceId: id });
      expect(first).toMatchObject({ elementId: 'agency_intake', office: 'back', candidateGroup: `${entry.standard.agency}-desk` });
      expect(org.users.some((u) => u.groups.includes(`${entry.standard.agency}-desk`) && u.roles.includes('official')), 'a desk official').toBe(true);
      expect(await h.engine.tasks({ group: 'centre-clerks' })).toEqual([]);
      await intake(h.engine, id, entry);
      expect((await h.engine.tasks({ instanceId: id })).map((t) => t.elementId)).toEqual(['review']);
      // Taken in at the desk, handed back there (ps:candidateGroup by `channel`): the applicant collects where they applied.
      await approveToHandBack(h.engine, id, entry);
      const handing = await taskAt(h.engine, id, 'hand_back');
      expect(handing).toMatchObject({ office: 'front', candidateGroup: `${entry.standard.agency}-desk` });
      expect(await h.engine.tasks({ group: 'centre-clerks' })).toEqual([]);
      // Who may complete it through the API (the desk's officials, no centre's clerk): tests/security/agencyDesk.test.ts.
      const desk = org.users.find((u) => u.groups.includes(`${entry.standard.agency}-desk`) && u.roles.includes('official'))!;
      expect((await h.engine.completeTask(handing.id, { by: desk.id, outcome: 'handed over', variables: { rating: 5 } })).state).toBe('completed');
      expect((await h.engine.outcome(id)).outcome).toBe('approved');
    });

    it.runIf(entry.standard.channels.includes('agency'))('should hand a centre application back at the centre still, whatever desk the agency keeps', async () => {
      const { id } = await start();
      await complete(h.engine, id, 'check_completeness', 'complete');
      if (expected.backOfficeTask) await complete(h.engine, id, expected.backOfficeTask, 'in order');
      await approveToHandBack(h.engine, id, entry);
      expect(await taskAt(h.engine, id, 'hand_back')).toMatchObject({ office: 'front', candidateGroup: 'centre-clerks' });
    });

    it('should end an incomplete package at the counter with a refusal receipt', async () => {
      const { id } = await start();
      const done = await complete(h.engine, id, 'check_completeness', 'incomplete', { missingDocuments: [entry.standard.requiredDocuments[0]] });
      expect(done.state).toBe('completed');
      expect(done.variables).toHaveProperty('give_refusal_receiptAt');
      expect((await path(h.engine, id)).at(-1)).toBe('refused_incomplete');
    });

    it('should hand back a reasoned refusal when the official refuses', async () => {
      const { id } = await start();
      await intake(h.engine, id, entry);
      await complete(h.engine, id, 'review', 'refuse', { refusalGrounds: entry.standard.groundsForRefusal[0] });
      await handBack(h.engine, id);
      const view = await h.engine.instance(id);
      expect(view.state).toBe('completed');
      expect(view.variables).toMatchObject({ refusalGrounds: entry.standard.groundsForRefusal[0] });
      expect(await path(h.engine, id)).toContain('issue_refusal');
    });

    it('should pause the deadline while documents are awaited and restart the term when they come', async () => {
      const { id, trackingNumber, dueAt } = await start();
      await intake(h.engine, id, entry);
      h.clock.advance('PT1H');
      await requestDocuments(h.engine, id, entry);
      const paused = await h.engine.instance(id);
      expect(paused.slaPausedAt).toBe(new Date(h.clock.now()).toISOString());
      expect(paused.dueAt! > dueAt!).toBe(true);
      h.clock.advance('P3D');
      await h.engine.correlate('documentsProvided', { trackingNumber });
      const resumed = await h.engine.instance(id);
      expect(resumed.slaPausedAt).toBeUndefined();
      expect(resumed.dueAt! > dueAt!).toBe(true);
      await approveToHandBack(h.engine, id, entry);
      expect((await handBack(h.engine, id)).state).toBe('completed');
    });

    it('should refuse when the documents do not come within 30 days', async () => {
      const { id } = await start();
      await intake(h.engine, id, entry);
      await requestDocuments(h.engine, id, entry);
      h.clock.advance('P29D');
      await h.engine.runDueJobs();
      expect((await h.engine.instance(id)).slaPausedAt).toBeDefined();
      h.clock.advance('P1D');
      await h.engine.runDueJobs();
      expect(await path(h.engine, id)).toContain('issue_refusal');
      expect((await handBack(h.engine, id)).state).toBe('completed');
    });

    it('should flag an overdue review and escalate it to a supervisor', async () => {
      const { id } = await start();
      await intake(h.engine, id, entry);
      const review = await taskAt(h.engine, id, 'review');
      h.clock.set(new Date(Date.parse(review.dueAt!) + 1));
      await h.engine.runDueJobs();
      expect((await h.engine.sweepSla()).overdue).toBeGreaterThanOrEqual(1);
      expect((await h.engine.task(review.id)).overdue).toBe(true);
      const escalation = await taskAt(h.engine, id, 'act_on_overdue_review');
      expect(escalation.candidateGroup).toBe(`${entry.standard.agency}-supervisors`);
      await complete(h.engine, id, 'act_on_overdue_review', undefined, { escalationAction: 'asked the official to decide today' });
      await approveToHandBack(h.engine, id, entry);
      expect((await handBack(h.engine, id)).state).toBe('completed');
    });

    it('should resume after a restart half-way and finish', async () => {
      const { id, dueAt } = await start();
      await intake(h.engine, id, entry);
      await h.restart();
      h.clock.advance('PT2H');
      await approveToHandBack(h.engine, id, entry);
      await h.restart();
      const done = await handBack(h.engine, id);
      expect(done.state).toBe('completed');
      expect(done.dueAt).toBe(dueAt);
    });
  });
}
