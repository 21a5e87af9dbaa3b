import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../server/routes.js';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const passport = fixture(import.meta.url, 'fixtures/passport.bpmn');
const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');
const SCAN = Buffer.from('%PDF-1.4\n%%EOF\n');

/** Every role of the demo contract, anonymous, and users of the same role outside the scope. */
const CALLERS = ['anonymous', 'designer', 'clerk', 'official', 'supervisor', 'coordinator', 'auditor', 'operator', 'admin', 'clerk-almaty', 'official-mj', 'supervisor-mj', 'auditor-mj', 'integration'] as const;
type Caller = (typeof CALLERS)[number];

interface Call {
  readonly method: string;
  readonly path: string;
  readonly json?: unknown;
  readonly xml?: string;
  /** A raw upload (an attachment) with its media type. */
  readonly file?: { readonly body: Uint8Array; readonly type: string };
  /** Send this token instead of the caller's shared one (logout must not end the shared session). */
  readonly token?: string;
}

interface Row {
  /** Builds the request, with fresh fixtures where the call changes them (claim, complete…). */
  readonly call: (caller: Caller) => Promise<Call>;
  readonly expect: Readonly<Record<Caller, number>>;
}

/** The same status for everyone but the listed callers. */
function statuses(all: number, except: Partial<Record<Caller, number>> = {}): Record<Caller, number> {
  return Object.fromEntries(CALLERS.map((c) => [c, except[c] ?? all])) as Record<Caller, number>;
}
/** Anonymous 401; everyone else 403 unless listed. */
const only = (allowed: Partial<Record<Caller, number>>) => statuses(403, { anonymous: 401, ...allowed });

describe('authorization: every route as every role', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, passport)).status).toBe(201);
    expect((await deploy(server, benefit)).status).toBe(201);
    // Log everyone in up front (scrypt is the slow part).
    await Promise.all(CALLERS.filter((c) => c !== 'anonymous').map((c) => server.token(c)));
  });
  afterAll(() => server.dispose());

  /** An application taken in by the demo clerk at astana-1: its front-office task waits in centre-clerks. */
  const intake = async () => {
    const response = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre' }, as: 'clerk' });
    const { id, trackingNumber } = (await response.json()) as { id: string; trackingNumber: string };
    const [task] = await server.engine.tasks({ instanceId: id });
    return { id, trackingNumber, frontTask: task!.id };
  };
  /** …and past the front office: the back-office review, drawn at random (the one member: official). */
  const atReview = async () => {
    const { id, frontTask } = await intake();
    await server.engine.completeTask(frontTask, { by: 'clerk' });
    const [task] = await server.engine.tasks({ instanceId: id });
    expect(task).toMatchObject({ elementId: 'review', assignee: 'official' });
    return task!.id;
  };
  /** One application at the back-office review, held by the official (for the deadline's scope). */
  let underReview: Promise<{ instanceId: string }> | undefined;
  const reviewed = () => (underReview ??= atReview().then((taskId) => server.engine.task(taskId)));
  let scan: Promise<string> | undefined;
  let made = 0;
  let shared: Promise<{ id: string; trackingNumber: string }> | undefined;
  const application = () => (shared ??= intake());

  const TABLE: Record<string, Row> = {
    'health.health': { call: async () => ({ method: 'GET', path: '/api/health' }), expect: statuses(200) },
    'session.login': {
      call: async (c) => ({ method: 'POST', path: '/api/session', json: { username: c === 'anonymous' ? 'designer' : c, password: 'demo' } }),
      expect: statuses(200),
    },
    'session.current': { call: async () => ({ method: 'GET', path: '/api/session' }), expect: statuses(200, { anonymous: 401 }) },
    'session.logout': {
      call: async (c) => ({ method: 'DELETE', path: '/api/session', ...(c === 'anonymous' ? {} : { token: await login(server, c) }) }),
      expect: statuses(204, { anonymous: 401 }),
    },
    'session.changePassword': {
      // A wrong current password: every logged-in caller reaches the check (400), nobody's password changes.
      call: async () => ({ method: 'POST', path: '/api/session/password', json: { currentPassword: 'not-the-password', newPassword: 'A-good-new-password-1' } }),
      expect: statuses(400, { anonymous: 401 }),
    },
    'admin.listUsers': { call: async () => ({ method: 'GET', path: '/api/admin/users?search=clerk' }), expect: only({ admin: 200 }) },
    'admin.createUser': {
      call: async (c) => ({
        method: 'POST',
        path: '/api/admin/users',
        json: { id: `new-${c}-${++made}`, name: 'New clerk', roles: ['clerk'], groups: ['centre-clerks'], centre: 'astana-1', password: 'Temporary-pass-2026' },
      }),
      expect: only({ admin: 201 }),
    },
    'admin.updateUser': {
      call: async () => ({
        method: 'PUT',
        path: '/api/admin/users/official-mj-2',
        json: { name: 'Second justice official', roles: ['official'], groups: ['mj-registration'], agency: 'mj', active: true },
      }),
      expect: only({ admin: 200 }),
    },
    'admin.resetPassword': {
      call: async () => ({ method: 'POST', path: '/api/admin/users/official-mj-2/password', json: { password: 'Temporary-pass-2026' } }),
      expect: only({ admin: 200 }),
    },
    'admin.listUnits': { call: async () => ({ method: 'GET', path: '/api/admin/centres' }), expect: only({ admin: 200 }) },
    'admin.putUnit': {
      call: async (c) => ({ method: 'PUT', path: `/api/admin/centres/centre-${c}-${++made}`, json: { name: 'Test centre', city: 'Astana' } }),
      expect: only({ admin: 201 }),
    },
    'users.me': { call: async () => ({ method: 'GET', path: '/api/users/me' }), expect: statuses(200, { anonymous: 401 }) },
    'users.setLanguage': { call: async () => ({ method: 'PUT', path: '/api/users/me/language', json: { language: 'en' } }), expect: statuses(200, { anonymous: 401 }) },
    'definitions.deploy': { call: async () => ({ method: 'POST', path: '/api/definitions', xml: passport }), expect: only({ designer: 200 }) },
    'definitions.validate': { call: async () => ({ method: 'POST', path: '/api/definitions/validate', xml: passport }), expect: only({ designer: 200 }) },
    'definitions.list': { call: async () => ({ method: 'GET', path: '/api/definitions' }), expect: only({ designer: 200, supervisor: 200, 'supervisor-mj': 200 }) },
    'definitions.versions': {
      call: async () => ({ method: 'GET', path: '/api/definitions/benefit' }),
      expect: only({ designer: 200, supervisor: 200, 'supervisor-mj': 200 }),
    },
    'definitions.xml': { call: async () => ({ method: 'GET', path: '/api/definitions/benefit/xml' }), expect: only({ designer: 200, supervisor: 200, 'supervisor-mj': 200 }) },
    'applications.start': {
      // A centre intake: clerks only (an official's channel is the agency desk).
      call: async () => ({ method: 'POST', path: '/api/applications', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre' } }),
      expect: only({ clerk: 201, 'clerk-almaty': 201 }),
    },
    'applications.transfer': {
      // The applicant asks at the Almaty centre for their Astana file: only a clerk of another centre moves it there.
      call: async () => {
        const response = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre', applicant: { iin: '900101300123' } }, as: 'clerk' });
        const { trackingNumber } = (await response.json()) as { trackingNumber: string };
        return { method: 'POST', path: '/api/applications/transfer', json: { trackingNumber, iin: '900101300123', reason: 'moved' } };
      },
      expect: only({ clerk: 400, 'clerk-almaty': 200 }),
    },
    'applications.get': {
      call: async () => ({ method: 'GET', path: `/api/applications/${(await application()).id}` }),
      // The other centre's clerk, the other agency's official, supervisor and auditor: 403.
      expect: only({ clerk: 200, official: 200, supervisor: 200, auditor: 200 }),
    },
    'tasks.list': { call: async () => ({ method: 'GET', path: '/api/tasks' }), expect: only({ clerk: 200, official: 200, supervisor: 200, 'clerk-almaty': 200, 'official-mj': 200, 'supervisor-mj': 200 }) },
    'tasks.claim': { call: async () => ({ method: 'POST', path: `/api/tasks/${(await intake()).frontTask}/claim` }), expect: only({ clerk: 200 }) },
    'tasks.complete': { call: async () => ({ method: 'POST', path: `/api/tasks/${(await intake()).frontTask}/complete`, json: {} }), expect: only({ clerk: 200 }) },
    'tasks.form': { call: async () => ({ method: 'GET', path: `/api/tasks/${(await intake()).frontTask}/form` }), expect: only({ clerk: 200 }) },
    'tasks.reassign': {
      // The intake waits in the centre's queue: handed by name to the centre's clerk.
      call: async () => ({ method: 'POST', path: `/api/tasks/${(await intake()).frontTask}/reassign`, json: { to: 'clerk', reason: 'back from leave' } }),
      expect: only({ supervisor: 200 }),
    },
    'absences.list': { call: async () => ({ method: 'GET', path: '/api/absences/official' }), expect: only({ supervisor: 200 }) },
    'absences.add': {
      call: async () => ({ method: 'PUT', path: '/api/absences/official', json: { from: '2030-01-10', to: '2030-01-12', reason: 'leave' } }),
      expect: only({ supervisor: 200 }),
    },
    'absences.redraw': { call: async () => ({ method: 'POST', path: '/api/absences/official/redraw', json: {} }), expect: only({ supervisor: 200 }) },
    'absences.end': { call: async () => ({ method: 'DELETE', path: '/api/absences/official?date=2030-01-11' }), expect: only({ supervisor: 200 }) },
    'applications.search': {
      call: async () => ({ method: 'GET', path: '/api/applications?serviceCode=TEST-BENEFIT' }),
      // Everyone staff who may search gets 200; out-of-scope callers get an empty list (applications.test.ts).
      expect: only({ clerk: 200, official: 200, supervisor: 200, auditor: 200, 'clerk-almaty': 200, 'official-mj': 200, 'supervisor-mj': 200, 'auditor-mj': 200 }),
    },
    'applications.receipt': {
      call: async () => ({ method: 'GET', path: `/api/applications/${(await application()).id}/receipt` }),
      expect: only({ clerk: 200, official: 200, supervisor: 200 }),
    },
    'definitions.heatmap': {
      call: async () => ({ method: 'GET', path: '/api/definitions/benefit/heatmap' }),
      // The justice supervisor and auditor do not oversee the social agency's benefit process.
      expect: only({ designer: 200, supervisor: 200, auditor: 200 }),
    },
    'definitions.catalogue': { call: async () => ({ method: 'GET', path: '/api/catalogue' }), expect: only({ designer: 200 }) },
    'routing.open': { call: async () => ({ method: 'GET', path: '/api/routing/open' }), expect: only({ clerk: 200, official: 200, 'clerk-almaty': 200, 'official-mj': 200 }) },
    'routing.facts': { call: async () => ({ method: 'GET', path: '/api/routing/facts' }), expect: only({ coordinator: 200 }) },
    'routing.list': { call: async () => ({ method: 'GET', path: '/api/routing' }), expect: only({ coordinator: 200, supervisor: 200, 'supervisor-mj': 200, auditor: 200, 'auditor-mj': 200 }) },
    'routing.set': {
      call: async () => ({ method: 'PUT', path: '/api/routing/TEST-BENEFIT', json: { mode: 'alternative', reason: 'desk open again' } }),
      expect: only({ coordinator: 200 }),
    },
    'routing.history': {
      call: async () => ({ method: 'GET', path: '/api/routing/TEST-BENEFIT/history' }),
      expect: only({ coordinator: 200, supervisor: 200, 'supervisor-mj': 200, auditor: 200, 'auditor-mj': 200 }),
    },
    'calendars.list': { call: async () => ({ method: 'GET', path: '/api/calendars' }), expect: only({ coordinator: 200, supervisor: 200, 'supervisor-mj': 200, designer: 200 }) },
    'calendars.month': { call: async () => ({ method: 'GET', path: '/api/calendars/centre/month?month=2026-03' }), expect: only({ coordinator: 200, supervisor: 200, 'supervisor-mj': 200, designer: 200 }) },
    'calendars.get': { call: async () => ({ method: 'GET', path: '/api/calendars/centre' }), expect: only({ coordinator: 200, supervisor: 200, 'supervisor-mj': 200, designer: 200 }) },
    'calendars.versions': {
      call: async () => ({ method: 'GET', path: '/api/calendars/centre/versions' }),
      expect: only({ coordinator: 200, supervisor: 200, 'supervisor-mj': 200, designer: 200 }),
    },
    'calendars.put': {
      call: async () => ({ method: 'PUT', path: '/api/calendars/test-office', json: { ...(await server.engine.calendars.get('centre')), id: undefined, reason: 'new office' } }),
      expect: only({ coordinator: 200 }),
    },
    'stats.sla': {
      call: async () => ({ method: 'GET', path: '/api/stats/sla?by=agency' }),
      expect: only({ supervisor: 200, 'supervisor-mj': 200, auditor: 200, 'auditor-mj': 200 }),
    },
    'definitions.heatmapInstances': {
      call: async () => ({ method: 'GET', path: '/api/definitions/benefit/heatmap/check' }),
      // Tracking numbers lead to applications: those who oversee the process, not its designers.
      expect: only({ supervisor: 200, auditor: 200 }),
    },
    'stats.report': {
      call: async () => ({ method: 'GET', path: '/api/stats/sla/report?by=centre' }),
      expect: only({ supervisor: 200, 'supervisor-mj': 200, auditor: 200, 'auditor-mj': 200 }),
    },
    'stats.trend': {
      call: async () => ({ method: 'GET', path: '/api/stats/sla/trend?days=7' }),
      expect: only({ supervisor: 200, 'supervisor-mj': 200, auditor: 200, 'auditor-mj': 200 }),
    },
    'stats.assignment': {
      // Auditors only: it names who reviews whom, and supervisors are among those it audits.
      call: async () => ({ method: 'GET', path: '/api/stats/assignment?from=2026-01-01&to=2030-12-31' }),
      expect: only({ auditor: 200, 'auditor-mj': 200 }),
    },
    'audit.list': {
      call: async () => ({ method: 'GET', path: `/api/audit?instance=${(await application()).id}` }),
      // The justice auditor's scope does not reach a social-benefit application.
      expect: only({ auditor: 200 }),
    },
    'audit.export': {
      // The whole trail names every actor of every agency: the organisation-wide auditor only.
      call: async () => ({ method: 'GET', path: '/api/audit/export?format=json' }),
      expect: only({ auditor: 200 }),
    },
    'audit.verify': { call: async () => ({ method: 'GET', path: '/api/audit/verify' }), expect: only({ auditor: 200, 'auditor-mj': 200 }) },
    'track.track': { call: async () => ({ method: 'GET', path: `/api/track/${(await application()).trackingNumber}` }), expect: statuses(200) },
    'openapi.document': { call: async () => ({ method: 'GET', path: '/api/openapi.json' }), expect: statuses(200) },
    // A stream: fetch resolves on the headers; the body is left (the server ends it at shutdown).
    'events.stream': { call: async () => ({ method: 'GET', path: '/api/events' }), expect: statuses(200, { anonymous: 401 }) },
    'groups.members': { call: async () => ({ method: 'GET', path: '/api/groups/mj-registration/members' }), expect: only({ supervisor: 200, 'supervisor-mj': 200 }) },
    'groups.list': { call: async () => ({ method: 'GET', path: '/api/groups' }), expect: only({ designer: 200, supervisor: 200, 'supervisor-mj': 200, coordinator: 200 }) },
    // Public information; this server's catalogue folder is empty, so no standard is found.
    'services.list': { call: async () => ({ method: 'GET', path: '/api/services' }), expect: statuses(200) },
    'services.get': { call: async () => ({ method: 'GET', path: '/api/services/BIRTH-REG' }), expect: statuses(404) },
    // Operators repair every instance; a supervisor those they oversee (the justice one not the social benefit).
    'instances.list': { call: async () => ({ method: 'GET', path: '/api/instances?key=benefit' }), expect: only({ operator: 200, supervisor: 200, 'supervisor-mj': 200 }) },
    'instances.get': { call: async () => ({ method: 'GET', path: `/api/instances/${(await application()).id}` }), expect: only({ operator: 200, supervisor: 200 }) },
    'instances.retry': {
      // Past the gate, the engine answers: this instance has no incident to retry.
      call: async () => ({ method: 'POST', path: `/api/instances/${(await application()).id}/retry`, json: { reason: 'registry is back' } }),
      expect: only({ operator: 409, supervisor: 409 }),
    },
    'instances.cancel': {
      call: async () => ({ method: 'POST', path: `/api/instances/${(await intake()).id}/cancel`, json: { reason: 'applicant withdrew' } }),
      expect: only({ operator: 200, supervisor: 200 }),
    },
    'instances.modify': {
      call: async () => ({ method: 'POST', path: `/api/instances/${(await intake()).id}/modify`, json: { reason: 'checked on paper', to: 'review' } }),
      expect: only({ operator: 200, supervisor: 200 }),
    },
    'instances.migrate': {
      call: async () => ({ method: 'POST', path: '/api/definitions/benefit/migrate', json: { fromVersion: 1, toVersion: 2, reason: 'new model', dryRun: true } }),
      // Past the gate, the engine answers: there is no version 2 of benefit.
      expect: only({ operator: 404, supervisor: 404 }),
    },
    'casefile.timeline': {
      call: async () => ({ method: 'GET', path: `/api/applications/${(await application()).id}/timeline` }),
      // As the application itself: the other centre's clerk, the other agency's official, supervisor and auditor: 403.
      expect: only({ clerk: 200, official: 200, supervisor: 200, auditor: 200 }),
    },
    'casefile.comment': {
      call: async () => ({ method: 'POST', path: `/api/applications/${(await application()).id}/comments`, json: { text: 'Please call the applicant' } }),
      // Auditors read the case file, they do not write in it.
      expect: only({ clerk: 201, official: 201, supervisor: 201 }),
    },
    'casefile.unclaim': {
      // The intake claimed by the demo clerk: they or a supervisor who oversees the centre give it back.
      call: async () => {
        const { frontTask } = await intake();
        await server.engine.claimTask(frontTask, { by: 'clerk' });
        return { method: 'POST', path: `/api/tasks/${frontTask}/unclaim`, json: { reason: 'the clerk went home ill' } };
      },
      expect: only({ clerk: 200, supervisor: 200 }),
    },
    'casefile.earlierDecisions': {
      call: async () => ({ method: 'GET', path: `/api/tasks/${await atReview()}/earlier-decisions` }),
      expect: only({ official: 200 }),
    },
    'print.outcome': {
      call: async () => ({ method: 'GET', path: `/api/applications/${(await application()).id}/outcome` }),
      // The same scope as applications.get: the other centre's clerk, the other agency's official, supervisor and auditor: 403.
      expect: only({ clerk: 200, official: 200, supervisor: 200, auditor: 200 }),
    },
    'print.document': {
      call: async () => ({ method: 'GET', path: `/api/applications/${(await application()).id}/document.pdf` }),
      // Past the scope, the engine answers: the shared application is still undecided (tests/server/print.test.ts prints decided ones).
      expect: only({ clerk: 409, official: 409, supervisor: 409, auditor: 409 }),
    },
    'notifications.status': { call: async () => ({ method: 'GET', path: '/api/notifications/status' }), expect: only({ operator: 200, admin: 200 }) },
    'notifications.list': { call: async () => ({ method: 'GET', path: '/api/notifications?state=pending' }), expect: only({ operator: 200, admin: 200 }) },
    'notifications.retry': {
      // Past the gate: no such notification.
      call: async () => ({ method: 'POST', path: '/api/notifications/no-such-notice/retry' }),
      expect: only({ operator: 404, admin: 404 }),
    },
  };

  Object.assign(TABLE, {
    'casework.documents': {
      // Past the gate, the engine answers: the benefit application is not waiting for documents.
      call: async () => ({ method: 'POST', path: `/api/applications/${(await application()).id}/documents`, json: { documents: ['passport'] } }),
      expect: only({ clerk: 409 }),
    },
    'casework.addAttachment': {
      call: async () => ({ method: 'POST', path: `/api/applications/${(await application()).id}/attachments?name=scan.pdf`, file: { body: SCAN, type: 'application/pdf' } }),
      expect: only({ clerk: 201, official: 201 }),
    },
    'casework.listAttachments': {
      call: async () => ({ method: 'GET', path: `/api/applications/${(await application()).id}/attachments` }),
      expect: only({ clerk: 200, official: 200, supervisor: 200, auditor: 200 }),
    },
    'casework.attachment': {
      call: async () => {
        const { id } = await application();
        scan ??= server.engine.addAttachment(id, { by: 'clerk', fileName: 'scan.pdf', content: SCAN }).then((a) => a.id);
        return { method: 'GET', path: `/api/applications/${id}/attachments/${await scan}` };
      },
      expect: only({ clerk: 200, official: 200, supervisor: 200, auditor: 200 }),
    },
    'casework.extend': {
      // The official holds its review; past the gate the engine answers: the benefit process has no deadline to extend.
      call: async () => ({ method: 'POST', path: `/api/applications/${(await reviewed()).instanceId}/extend`, json: { days: 3, reason: 'records awaited' } }),
      expect: only({ official: 409, supervisor: 409 }),
    },
    'casework.withdraw': {
      call: async () => ({ method: 'POST', path: `/api/applications/${(await intake()).id}/withdraw`, json: { reason: 'the applicant changed their mind' } }),
      expect: only({ clerk: 200, supervisor: 200 }),
    },
    'messages.correlate': {
      // Past the gate: nothing in the benefit application waits for this message.
      call: async () => ({ method: 'POST', path: '/api/messages', json: { name: 'recordReceived', trackingNumber: (await application()).trackingNumber } }),
      expect: only({ integration: 404 }),
    },
    'signals.broadcast': {
      // Reaches nothing in these fixtures (no signal waits there): the answer says so.
      call: async () => ({ method: 'POST', path: '/api/signals/registryRestored', json: {} }),
      expect: only({ integration: 200, operator: 200 }),
    },
  } satisfies Record<string, Row>);

  it('should have a row for every route the server mounts, and no other', () => {
    const mounted = Object.entries(ROUTES).flatMap(([resource, routes]) => Object.keys(routes).map((name) => `${resource}.${name}`));
    expect(Object.keys(TABLE).sort()).toEqual(mounted.sort());
  });

  it('should declare who may call every route', () => {
    for (const routes of Object.values(ROUTES)) for (const spec of Object.values(routes)) expect(spec.access, spec.path).toBeDefined();
  });

  for (const [route, row] of Object.entries(TABLE)) {
    it(`should answer ${route} by role and scope`, async () => {
      const got: Record<string, number> = {};
      for (const caller of CALLERS) {
        const call = await row.call(caller);
        const headers: Record<string, string> = {};
        const token = call.token ?? (caller === 'anonymous' ? undefined : await server.token(caller));
        if (token) headers.Authorization = `Bearer ${token}`;
        if (call.xml !== undefined) headers['Content-Type'] = 'application/xml';
        if (call.json !== undefined) headers['Content-Type'] = 'application/json';
        if (call.file) headers['Content-Type'] = call.file.type;
        const body = call.file?.body ?? call.xml ?? (call.json === undefined ? undefined : JSON.stringify(call.json));
        const response = await fetch(server.url + call.path, { method: call.method, headers, ...(body === undefined ? {} : { body }) });
        got[caller] = response.status;
      }
      expect(got).toEqual(row.expect);
    });
  }
});

async function login(server: TestServer, username: string): Promise<string> {
  const response = await fetch(server.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
  return ((await response.json()) as { token: string }).token;
}
