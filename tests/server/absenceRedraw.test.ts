import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORGANISATION } from './testOrganisation.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

/** Two reviews by three officials of one group, the second by someone other than the first (four eyes). */
const TWO_REVIEWS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="two_reviews" name="Two reviews" isExecutable="true" ps:serviceCode="TEST-REDRAW" ps:agency="mj">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="first_review" />
    <bpmn:userTask id="first_review" ps:office="back" ps:candidateGroup="mj-registration" ps:assignment="random" />
    <bpmn:sequenceFlow id="f1" sourceRef="first_review" targetRef="second_review" />
    <bpmn:userTask id="second_review" ps:office="back" ps:candidateGroup="mj-registration" ps:assignment="random" ps:excludeAssigneesOf="first_review" />
    <bpmn:sequenceFlow id="f2" sourceRef="second_review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const AWAY = 'official-mj-2';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** Yesterday to tomorrow (UTC dates): covers today in Astana whatever the hour. */
const AROUND_TODAY = { from: day(-1), to: day(1) };
const FIRST = 'official-mj';
const THIRD = 'official-mj-3';

describe('an absence re-draws the absent official’s open files', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      organisation: { ...TEST_ORGANISATION, users: [...TEST_ORGANISATION.users, { id: THIRD, name: 'Third justice official', roles: ['official'], groups: ['mj-registration'], agency: 'mj' }] },
    });
    expect((await deploy(server, TWO_REVIEWS)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const engine = () => server.engine;
  const openTask = async (instanceId: string) => (await engine().tasks({ instanceId, state: 'open' }))[0]!;
  /** An application whose open review is handed to `AWAY` by name (after a first review by `firstBy`, when given). */
  const heldByAway = async (firstBy?: string) => {
    const { id } = await engine().start('two_reviews', { by: 'test' });
    if (firstBy) {
      const first = await openTask(id);
      if (first.assignee !== firstBy) await engine().reassignTask(first.id, { to: firstBy, by: 'supervisor-mj', reason: 'setup' });
      await engine().completeTask(first.id, { by: firstBy });
    }
    const task = await openTask(id);
    if (task.assignee !== AWAY) await engine().reassignTask(task.id, { to: AWAY, by: 'supervisor-mj', reason: 'setup' });
    return task.id;
  };
  const redraw = (userId: string) => server.api(`/api/absences/${userId}/redraw`, { method: 'POST', json: {}, as: 'supervisor-mj' });

  it('should draw each open task again among the eligible, four eyes kept, each audited', async () => {
    const firsts = [await heldByAway(), await heldByAway(), await heldByAway()];
    const second = await heldByAway(FIRST); // FIRST did its first review: only THIRD may take it
    // Recording an absence that covers today draws the files again at once.
    const response = await server.api(`/api/absences/${AWAY}`, { method: 'PUT', json: AROUND_TODAY, as: 'supervisor-mj' });
    expect(response.status).toBe(200);
    const body = ((await response.json()) as { redraw: { redrawn: { taskId: string; to: string }[]; kept: unknown[] } }).redraw;
    expect(body.kept).toEqual([]);
    expect(body.redrawn.map((r) => r.taskId).sort()).toEqual([...firsts, second].sort());
    for (const id of firsts) expect([FIRST, THIRD]).toContain((await engine().task(id)).assignee);
    expect((await engine().task(second)).assignee).toBe(THIRD);
    expect(await engine().tasks({ assignee: AWAY, state: 'open' })).toEqual([]);
    for (const id of [...firsts, second]) {
      const trail = await engine().audit({ subject: id });
      expect(trail.at(-1)).toMatchObject({ action: 'task.reassign', actor: 'supervisor-mj', data: expect.objectContaining({ from: AWAY, mode: 'redraw', reason: `absence of ${AWAY}` }) });
    }
  });

  it('should keep a task nobody else may take, say why, and still move the others', async () => {
    await server.api(`/api/absences/${AWAY}?date=${day(0)}`, { method: 'DELETE', as: 'supervisor-mj' }); // back, to be handed files again
    const stuck = await heldByAway(FIRST); // FIRST excluded by four eyes…
    const movable = await heldByAway();
    await server.api(`/api/absences/${THIRD}`, { method: 'PUT', json: AROUND_TODAY, as: 'supervisor-mj' }); // …and THIRD away too
    type Redraw = { redrawn: { taskId: string; to: string }[]; kept: { taskId: string; why: string }[] };
    const recorded = (await (await server.api(`/api/absences/${AWAY}`, { method: 'PUT', json: AROUND_TODAY, as: 'supervisor-mj' })).json()) as { redraw: Redraw };
    // (THIRD's own files were drawn again when THIRD's absence was recorded, some perhaps to AWAY, back then.)
    expect(recorded.redraw.kept).toContainEqual(expect.objectContaining({ taskId: stuck, why: expect.stringContaining('nobody else') }));
    expect(recorded.redraw.redrawn).toContainEqual(expect.objectContaining({ taskId: movable, to: FIRST }));
    expect((await engine().task(stuck)).assignee).toBe(AWAY);
    // Drawn again later (the route a supervisor calls when someone is back): still nobody for the stuck one.
    const again = (await (await redraw(AWAY)).json()) as Redraw;
    expect(again.redrawn).toEqual([]);
    expect(again.kept).toContainEqual(expect.objectContaining({ taskId: stuck }));
  });

  it('should re-draw the files when the absence is recorded for today, and leave them for a later absence', async () => {
    await server.api(`/api/absences/${AWAY}?date=${day(0)}`, { method: 'DELETE', as: 'supervisor-mj' });
    await server.api(`/api/absences/${THIRD}`, { method: 'DELETE', as: 'supervisor-mj' }); // today, by the server's calendar
    expect(await server.engine.directory.absences(THIRD)).not.toContainEqual(expect.objectContaining({ from: AROUND_TODAY.from }));
    const held = await heldByAway();

    // Next month's leave moves nothing now: the draw skips them on those days.
    const later = await server.api(`/api/absences/${AWAY}`, { method: 'PUT', json: { from: day(40), to: day(45), reason: 'leave' }, as: 'supervisor-mj' });
    expect(later.status).toBe(200);
    const planned = (await later.json()) as { absences: { from: string }[]; redraw?: unknown };
    expect(planned.absences).toContainEqual(expect.objectContaining({ from: day(40), by: 'supervisor-mj' }));
    expect(planned.redraw).toBeUndefined();
    expect((await engine().task(held)).assignee).toBe(AWAY);

    // Sick today: recording it is enough, no second call.
    const sick = await server.api(`/api/absences/${AWAY}`, { method: 'PUT', json: { ...AROUND_TODAY, reason: 'sick' }, as: 'supervisor-mj' });
    const body = (await sick.json()) as { redraw?: { redrawn: { taskId: string; to: string }[]; kept: unknown[] } };
    expect(body.redraw?.redrawn).toContainEqual(expect.objectContaining({ taskId: held }));
    expect([FIRST, THIRD]).toContain((await engine().task(held)).assignee);
    expect((await engine().audit({ subject: held })).at(-1)).toMatchObject({
      action: 'task.reassign',
      actor: 'supervisor-mj',
      data: expect.objectContaining({ from: AWAY, mode: 'redraw', reason: `absence of ${AWAY}: sick` }),
    });
  });

  it('should refuse a supervisor outside the official’s agency and a bad body', async () => {
    expect((await server.api(`/api/absences/${AWAY}/redraw`, { method: 'POST', json: {}, as: 'supervisor' })).status).toBe(403);
    const bad = await server.api(`/api/absences/${AWAY}/redraw`, { method: 'POST', json: { reason: 42 }, as: 'supervisor-mj' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('reason');
  });
});
