import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactApplication, redactTask, viewpointOf, type ApplicationView, type TaskRecord } from '../../engine/index.js';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');

/** A quoted user id anywhere in a JSON answer: the name leaked, whatever field carried it. */
const names = (body: unknown, id: string) => JSON.stringify(body).includes(`"${id}"`);

describe('redaction of tasks and applications', () => {
  let server: TestServer;
  let id: string;
  let review: string;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
    const started = await server.api('/api/applications', {
      method: 'POST',
      json: { serviceCode: 'TEST-BENEFIT', channel: 'centre', variables: { acceptedBy: 'clerk' } },
      as: 'clerk',
    });
    id = ((await started.json()) as { id: string }).id;
    const [check] = await server.engine.tasks({ instanceId: id });
    expect((await server.api(`/api/tasks/${check!.id}/complete`, { method: 'POST', json: { variables: { receivedBy: 'clerk' } }, as: 'clerk' })).status).toBe(200);
    const [task] = await server.engine.tasks({ instanceId: id });
    expect(task).toMatchObject({ elementId: 'review', assignee: 'official' });
    review = task!.id;
  });
  afterAll(() => server.dispose());

  const application = async (as: string) => {
    const response = await server.api(`/api/applications/${id}`, { as });
    expect(response.status).toBe(200);
    return (await response.json()) as ApplicationView;
  };

  it("should never show a clerk the back-office assignee of an application", async () => {
    const view = await application('clerk');
    expect(view.intake).toEqual({ by: 'clerk', at: expect.any(String) });
    const back = view.tasks!.find((t) => t.elementId === 'review')!;
    expect(back).not.toHaveProperty('assignee');
    expect(names(view, 'official')).toBe(false);
  });

  it("should never show an official the clerk's identity on an application", async () => {
    const view = await application('official');
    expect(view.intake).toEqual({ at: expect.any(String) });
    expect(view.variables).not.toHaveProperty('acceptedBy');
    expect(view.variables).not.toHaveProperty('receivedBy');
    const front = view.tasks!.find((t) => t.elementId === 'check')!;
    expect(front).not.toHaveProperty('completedBy');
    expect(view.tasks!.find((t) => t.elementId === 'review')).toMatchObject({ assignee: 'official' });
    expect(names(view, 'clerk')).toBe(false);
  });

  it('should show supervisors and auditors of the agency who took it in and who reviews it', async () => {
    for (const as of ['supervisor', 'auditor']) {
      const view = await application(as);
      expect(view.intake).toMatchObject({ by: 'clerk' });
      expect(view.variables).toMatchObject({ acceptedBy: 'clerk', receivedBy: 'clerk' });
      expect(view.tasks!.find((t) => t.elementId === 'check')).toMatchObject({ completedBy: 'clerk' });
      expect(view.tasks!.find((t) => t.elementId === 'review')).toMatchObject({ assignee: 'official' });
    }
  });

  it("should shape the inbox: the official sees their task and no clerk; the supervisor sees the assignee", async () => {
    const official = (await (await server.api(`/api/tasks?instanceId=${id}&state=any`, { as: 'official' })).json()) as TaskRecord[];
    expect(official.map((t) => t.elementId)).toEqual(['review']);
    expect(names(official, 'clerk')).toBe(false);
    const clerk = (await (await server.api(`/api/tasks?instanceId=${id}&state=any`, { as: 'clerk' })).json()) as TaskRecord[];
    expect(clerk.every((t) => t.office === 'front')).toBe(true);
    expect(names(clerk, 'official')).toBe(false);
    const supervisor = (await (await server.api(`/api/tasks?instanceId=${id}`, { as: 'supervisor' })).json()) as TaskRecord[];
    expect(supervisor).toEqual([expect.objectContaining({ id: review, assignee: 'official' })]);
  });

  it('should shape the answers of reassign (a task) and complete (an application) too', async () => {
    // A second benefits official joins after the draw; the supervisor hands the file over and back.
    await server.engine.directory.putUser({ id: 'official-2', name: 'Second benefits official', roles: ['official'], groups: ['social-benefits'], agency: 'social' });
    const away = await server.api(`/api/tasks/${review}/reassign`, { method: 'POST', json: { to: 'official-2', reason: 'balance' }, as: 'supervisor' });
    expect(await away.json()).toMatchObject({ id: review, assignee: 'official-2' });
    const reassigned = await server.api(`/api/tasks/${review}/reassign`, { method: 'POST', json: { to: 'official', reason: 'back again' }, as: 'supervisor' });
    expect(await reassigned.json()).toMatchObject({ id: review, assignee: 'official' });
    const done = await server.api(`/api/tasks/${review}/complete`, { method: 'POST', json: { outcome: 'approve', variables: { reviewedBy: 'official' } }, as: 'official' });
    expect(done.status).toBe(200);
    const body = (await done.json()) as ApplicationView;
    expect(body.variables).toMatchObject({ reviewedBy: 'official', outcome: 'approve' });
    expect(names(body, 'clerk')).toBe(false);
    // And the clerk, afterwards, does not learn who decided.
    const view = await application('clerk');
    expect(view.variables).not.toHaveProperty('reviewedBy');
    expect(view.tasks!.find((t) => t.elementId === 'review')).not.toHaveProperty('completedBy');
  });
});

describe('the redaction rules (engine/assignment/redact)', () => {
  const task = (office: 'front' | 'back'): TaskRecord => ({
    id: 't', instanceId: 'i', tokenId: 'k', key: 'p', elementId: 'e', trackingNumber: 'n', office, assignee: 'x', completedBy: 'x', state: 'completed', createdAt: '', version: 1,
  });

  it('should give each role its view; someone both clerk and official gets the narrower of both', () => {
    expect(viewpointOf('applicant')).toEqual({ backOffice: false, frontOffice: false });
    expect(viewpointOf(['clerk'])).toEqual({ backOffice: false, frontOffice: true });
    expect(viewpointOf(['official'])).toEqual({ backOffice: true, frontOffice: false });
    expect(viewpointOf(['clerk', 'official'])).toEqual({ backOffice: false, frontOffice: false });
    expect(viewpointOf(['official', 'supervisor'])).toEqual({ backOffice: true, frontOffice: true });
    expect(viewpointOf(['auditor'])).toEqual({ backOffice: true, frontOffice: true });
  });

  it('should drop the names of the office the viewer may not see, from tasks, intake and variables', () => {
    const applicant = viewpointOf('applicant');
    expect(redactTask(applicant, task('back'))).not.toHaveProperty('assignee');
    expect(redactTask(applicant, task('front'))).not.toHaveProperty('completedBy');
    expect(redactTask(viewpointOf(['clerk']), task('front'))).toMatchObject({ assignee: 'x' });
    const app = { variables: { clerk: 'c', official: 'o', amount: 1 }, intake: { by: 'c', at: 'now' }, tasks: [task('front'), task('back')] } as unknown as ApplicationView;
    expect(redactApplication(applicant, app)).toMatchObject({ variables: { amount: 1 }, intake: { at: 'now' } });
    expect(redactApplication(applicant, app).variables).toEqual({ amount: 1 });
    // A multi-instance inner instance's local variables are redacted the same way.
    const multi = { ...app, tokens: [{ id: 't2', elementId: 'approve', scopeId: 't1', state: 'waiting', enteredAt: 'now', locals: { loopCounter: 1, reviewer: 'o', decision: 'ok' } }] } as unknown as ApplicationView;
    expect(redactApplication(viewpointOf(['clerk']), multi).tokens[0]!.locals).toEqual({ loopCounter: 1, decision: 'ok' });
    expect(redactApplication(viewpointOf(['supervisor']), multi).tokens[0]!.locals).toEqual({ loopCounter: 1, reviewer: 'o', decision: 'ok' });
  });
});
