import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrganisation, seedOrganisation } from '../../processes/demo/seedOrganisation.js';
import { openHarness, path, type Harness } from '../support/harness.js';
import { complete, concurAll, entryOf, handBack, intake, serviceScenarios, taskAt } from './scenario.js';

const DEPARTMENTS = ['akimat-land', 'akimat-architecture', 'akimat-environment'];

// Mon 13 April 2026 09:00; 30 calendar days: 13 + 30 = Wed 13 May, a working day of the centre
// (9 May, a Saturday, moves to Mon 11 May, before it) → 20:00 = 15:00Z.
// The agency's completeness check, 2 working days (rule 5): 14, 15 April → D-1 Tue 14 April 18:30.
serviceScenarios('LAND-USE-CHANGE', {
  receivedAt: '2026-04-13T04:00:00Z',
  applicant: '2026-05-13T15:00:00.000Z',
  backOffice: '2026-04-14T13:30:00.000Z',
  backOfficeTask: 'agency_check',
  groupsByExpression: DEPARTMENTS,
});

describe("LAND-USE-CHANGE: the akimat's departments concur in parallel", () => {
  const entry = entryOf('LAND-USE-CHANGE');
  const org = loadOrganisation();
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T04:00:00Z');
    await seedOrganisation(h.engine, { ...org, routing: [] });
    await h.engine.deploy(entry.xml);
  });
  afterEach(() => h.dispose());

  const toConcurrence = async () => {
    const { id } = await h.engine.start('land_use_change', { channel: 'centre', variables: { documents: entry.standard.requiredDocuments } });
    await intake(h.engine, id, entry);
    await complete(h.engine, id, 'review', 'approve');
    return id;
  };

  it('should give the land, architecture and environment departments each their task at once, drawn at random in their own group', async () => {
    const id = await toConcurrence();
    const tasks = (await h.engine.tasks({ instanceId: id })).filter((t) => t.elementId === 'concurrence');
    expect(tasks.map((t) => t.candidateGroup)).toEqual(DEPARTMENTS);
    for (const task of tasks) {
      const members = org.users.filter((u) => u.groups.includes(task.candidateGroup!)).map((u) => u.id);
      expect(members.length, task.candidateGroup).toBeGreaterThanOrEqual(2);
      expect(members).toContain(task.assignee);
      expect(task.dueAt, 'stageTerms.concurrence').toBeDefined();
      const [draw] = (await h.engine.audit({ subject: task.id })).filter((a) => a.action === 'task.assign');
      expect(draw!.data).toMatchObject({ strategy: 'random', group: task.candidateGroup, poolSize: members.length });
    }
    // Across a restart, then in the reverse order: the concurrences keep the departments' order.
    const engine = await h.restart();
    for (const task of [...tasks].reverse()) await engine.completeTask(task.id, { by: task.assignee!, outcome: 'concur' });
    const view = await engine.instance(id);
    expect(view.variables.concurrences).toEqual(['land', 'architecture', 'environment'].map((department) => ({ department, outcome: 'concur', remarks: null })));
    expect(view.variables.outcome, "a department's outcome stays in its concurrence").toBe('approve');
    expect((await engine.tasks({ instanceId: id })).map((t) => t.elementId)).toEqual(['second_review']);
    await complete(engine, id, 'second_review', 'confirm');
    const done = await handBack(engine, id, 5);
    expect(done.state).toBe('completed');
    expect((await path(engine, id)).at(-1)).toBe('result_returned');
  });

  it("should send the draft back to the review when a department objects, with its remarks", async () => {
    const id = await toConcurrence();
    const view = await concurAll(h.engine, id, 'akimat-architecture');
    expect(view.variables.concurrences).toEqual([
      { department: 'land', outcome: 'concur', remarks: null },
      { department: 'architecture', outcome: 'object', remarks: 'the change contradicts the zoning plan' },
      { department: 'environment', outcome: 'concur', remarks: null },
    ]);
    const review = await taskAt(h.engine, id, 'review');
    expect(review.assignee).toBeTruthy();
    await complete(h.engine, id, 'review', 'refuse', { refusalGrounds: entry.standard.groundsForRefusal[0] });
    const done = await handBack(h.engine, id);
    expect(done.state).toBe('completed');
    expect(await path(h.engine, id)).toContain('issue_refusal');
  });
});
