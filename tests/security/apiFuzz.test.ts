import { rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../server/auth/cookies.js';
import { deploy, startTestServer, type TestServer } from '../server/testServer.js';
import { fixture } from '../support/harness.js';
import { fuzzRequest, type Caller, type Fixtures, type FuzzCase, type Operation } from './fuzz/fuzzRequest.js';
import { describeRequest, sendRaw, type RawResponse } from './fuzz/sendRaw.js';
import type { JsonSchema } from './fuzz/schemaValue.js';

/**
 * Issue 9, "Show": every operation of /api/openapi.json, as every role, sent malformed params,
 * queries, bodies, encodings and headers, under a fixed seed. No answer may be a 5xx; every
 * error answer has the contract's `{ error: { code, message } }`; the server is healthy after.
 *
 * FUZZ_SEED=<int> replays or varies the run; FUZZ_RUNS=<n> sets about how many requests.
 */
const SEED = Number.parseInt(process.env.FUZZ_SEED ?? '20261201', 10);
const RUNS = Number.parseInt(process.env.FUZZ_RUNS ?? '3000', 10);
const CONCURRENCY = 8;

const CALLERS = ['anonymous', 'designer', 'clerk', 'official', 'supervisor', 'coordinator', 'auditor', 'admin', 'clerk-almaty', 'official-mj', 'supervisor-mj', 'auditor-mj'] as const;
/** A caller's role: the out-of-scope users are named after theirs. */
const roleOf = (caller: string) => caller.split('-')[0]!;
/**
 * A caller the operation's `x-roles` admit gets this many times the share of one it refuses:
 * a refused caller's body is never read (route.ts), so the depth is in the admitted ones.
 */
const ADMITTED_WEIGHT = 4;

const passport = fixture(import.meta.url, '../server/fixtures/passport.bpmn');
const benefit = fixture(import.meta.url, '../server/fixtures/benefit.bpmn');

interface Outcome {
  readonly fuzzCase: FuzzCase;
  readonly response?: RawResponse;
  readonly failure?: string;
}

describe('api fuzz: every route, every role, malformed input', () => {
  let server: TestServer;
  let operations: Operation[];
  let callers: Caller[];
  let fixtures: Fixtures;
  let spareClerkToken: string;
  const login = async (username: string) => {
    const response = await fetch(server.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
    return ((await response.json()) as { token: string }).token;
  };
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  beforeAll(async () => {
    // Two proxy hops trusted, so X-Forwarded-For is parsed rather than ignored.
    server = await startTestServer({ env: { TRUST_PROXY_HOPS: '2' } });
    expect((await deploy(server, passport)).status).toBe(201);
    expect((await deploy(server, benefit)).status).toBe(201);
    const tokens = await Promise.all(CALLERS.map((name) => (name === 'anonymous' ? undefined : server.token(name))));
    callers = CALLERS.map((name, i) => ({ name, ...(tokens[i] ? { token: tokens[i], csrf: csrfTokenFor(tokens[i]!) } : {}) }));
    operations = operationsOf((await (await fetch(server.url + '/api/openapi.json')).json()) as OpenApi);
    fixtures = await fixturesOn(server);
    // A session of the clerk the fuzzer does not know, for the check after it (its own may be logged out).
    spareClerkToken = await login('clerk');
  });
  afterAll(async () => {
    agent.destroy();
    await server.dispose();
    for (const dir of leftBehind) rmSync(dir, { recursive: true, force: true });
  });
  const leftBehind: string[] = [];

  it('should answer no request with a 5xx, every error in the contract shape, and stay healthy', async () => {
    const admittedPairs = operations.reduce((n, op) => n + callers.filter((c) => admits(op, c)).length, 0);
    const refusedPairs = operations.length * callers.length - admittedPairs;
    const share = Math.max(1, Math.round(RUNS / (admittedPairs * ADMITTED_WEIGHT + refusedPairs)));
    const runsFor = (op: Operation, caller: Caller) => share * (admits(op, caller) ? ADMITTED_WEIGHT : 1);
    console.log(
      `api fuzz: seed ${SEED} (FUZZ_SEED), about ${RUNS} requests (FUZZ_RUNS): ${operations.length} operations × ${callers.length} callers, ` +
        `${share * ADMITTED_WEIGHT} per admitted pair (${admittedPairs}), ${share} per refused one (${refusedPairs})`,
    );
    // Logging out ends the caller's shared session: those requests go last.
    const [rest, logout] = partition(operations, (op) => op.id !== 'session.logout');
    const started = Date.now();
    const outcomes = [...(await run(server.url, agent, plan(rest, callers, fixtures, runsFor))), ...(await run(server.url, agent, plan(logout, callers, fixtures, runsFor)))];
    const elapsed = Date.now() - started;

    const failures = outcomes.filter((o) => o.failure);
    const statuses = countBy(outcomes, (o) => String(o.response?.status ?? 'none'));
    console.log(`api fuzz: ${outcomes.length} requests in ${elapsed} ms; statuses ${JSON.stringify(statuses)}`);
    if (process.env.FUZZ_VERBOSE) {
      for (const op of operations) console.log(`  ${op.id}: ${JSON.stringify(countBy(outcomes.filter((o) => o.fuzzCase.operation === op.id), (o) => String(o.response?.status ?? 'none')))}`);
    }
    for (const failure of failures.slice(0, 10)) {
      console.error(`api fuzz failure (${failure.fuzzCase.operation} as ${failure.fuzzCase.caller}, seed ${SEED}): ${failure.failure}\n${describeRequest(failure.fuzzCase.request, failure.fuzzCase.note)}\n`);
    }
    expect(failures.map((f) => `${f.fuzzCase.operation} as ${f.fuzzCase.caller}: ${f.failure} — ${f.fuzzCase.request.method} ${f.fuzzCase.request.path.slice(0, 200)}`)).toEqual([]);

    // Not vacuous: every operation of the document, as every caller, was sent its share.
    expect(outcomes.length).toBe(share * (admittedPairs * ADMITTED_WEIGHT + refusedPairs));
    expect(new Set(outcomes.map((o) => `${o.fuzzCase.operation} ${o.fuzzCase.caller}`)).size).toBe(operations.length * callers.length);
    expect(new Set(outcomes.map((o) => o.fuzzCase.operation))).toEqual(new Set(operations.map((op) => op.id)));
    expect(Object.keys(statuses).some((s) => s.startsWith('2'))).toBe(true);

    // Still healthy: the store answers, and a clerk can take in an application.
    const health = await fetch(server.url + '/api/health');
    expect(health.status).toBe(200);
    const start = await fetch(server.url + '/api/applications', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${spareClerkToken}` },
      body: JSON.stringify({ serviceCode: 'TEST-BENEFIT', channel: 'centre' }),
    });
    expect(start.status).toBe(201);
    expect(server.logs.filter((line) => line.message === 'request failed')).toEqual([]);
  }, 60_000 + RUNS * 15);

  it('should start again on the store the fuzzer wrote to, and answer from it', async () => {
    // Whatever the fuzz managed to save (a calendar named __proto__, odd routing regions…) must not stop a restart.
    await server.running.close();
    await server.engine.close();
    leftBehind.push(server.dir);
    server = await startTestServer({ dataDir: join(server.dir, 'data') });
    expect((await server.api('/api/health')).status).toBe(200);
    const reads = [
      ['coordinator', '/api/calendars'],
      ['coordinator', '/api/routing'],
      ['supervisor', '/api/tasks'],
      ['supervisor', '/api/definitions'],
      ['auditor', '/api/applications?limit=200'],
      ['auditor', '/api/audit/verify'],
      ['auditor', '/api/stats/sla?by=official'],
    ] as const;
    for (const [as, path] of reads) expect({ path, status: (await server.api(path, { as })).status }).toEqual({ path, status: 200 });
  }, 30_000);
});

interface OpenApi {
  readonly paths: Record<string, Record<string, { operationId: string; 'x-roles'?: 'public' | string[]; parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }>>;
}

function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]): Operation => {
      const content = op.requestBody?.content ?? {};
      const body = content['application/json'] ? { kind: 'json' as const, ...(content['application/json'].schema ? { schema: content['application/json'].schema } : {}) } : content['application/xml'] ? { kind: 'xml' as const } : undefined;
      const roles = op['x-roles'] ?? 'public';
      return { id: op.operationId, method, template, roles, parameters: op.parameters ?? [], ...(body ? { body } : {}) };
    }),
  );
}

/** Real objects on the server (an application at intake, one at review) and valid bodies to spoil. */
async function fixturesOn(server: TestServer): Promise<Fixtures> {
  const intake = async () => {
    const response = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre', applicant: { iin: '900101300123' } }, as: 'clerk' });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; trackingNumber: string };
  };
  const atIntake = [await intake(), await intake(), await intake()];
  const atReview = [await intake(), await intake()];
  for (const { id } of atReview) {
    const [check] = await server.engine.tasks({ instanceId: id });
    await server.engine.completeTask(check!.id, { by: 'clerk' });
  }
  const all = [...atIntake, ...atReview];
  const taskIds = (await Promise.all(all.map(({ id }) => server.engine.tasks({ instanceId: id })))).flat().map((task) => task.id);
  const first = atIntake[0]!;
  const calendar = await server.engine.calendars.get('centre');
  const applicationIds = all.map((a) => a.id);
  const trackingNumbers = all.map((a) => a.trackingNumber);
  const keys = ['benefit', 'passport_issue'];
  const services = ['TEST-BENEFIT', 'PS-001'];
  const ids = [
    ...applicationIds.slice(0, 2),
    ...trackingNumbers.slice(0, 2),
    ...taskIds.slice(0, 2),
    ...keys,
    ...services,
    'centre',
    'centre-clerks',
    'mj-registration',
    'social-benefits',
    'astana-1',
    ...CALLERS.filter((c) => c !== 'anonymous'),
  ];
  const byTask = { id: taskIds };
  const byApplication = { id: applicationIds };
  const byCalendar = { id: ['centre', 'test-office'] };
  const byUser = { userId: ['official', 'clerk', 'official-mj'], date: ['2030-01-11'] };
  const params = {
    'definitions.versions': { key: keys },
    'definitions.xml': { key: keys, version: ['1'] },
    'definitions.heatmap': { key: keys },
    'applications.receipt': byApplication,
    'applications.get': byApplication,
    'applications.search': { serviceCode: services, trackingNumber: trackingNumbers },
    'tasks.list': { instanceId: applicationIds, assignee: ['official', 'clerk'], group: ['centre-clerks', 'social-benefits'] },
    'tasks.claim': byTask,
    'tasks.complete': byTask,
    'tasks.reassign': byTask,
    'absences.list': byUser,
    'absences.add': byUser,
    'absences.end': byUser,
    'routing.set': { serviceCode: services },
    'routing.history': { serviceCode: services },
    'calendars.get': byCalendar,
    'calendars.put': byCalendar,
    'calendars.versions': byCalendar,
    'audit.list': { instance: applicationIds },
    'track.track': { trackingNumber: trackingNumbers },
    'groups.members': { id: ['mj-registration', 'social-benefits', 'centre-clerks'] },
    'services.get': { code: services },
  };
  return {
    ids,
    params,
    xmlDocuments: [passport, benefit],
    examples: {
      'session.login': [{ username: 'clerk', password: 'wrong' }],
      'applications.start': [{ serviceCode: 'TEST-BENEFIT', channel: 'centre', applicant: { iin: '900101300123', name: 'A. Applicant' }, documents: ['passport'], variables: { amount: 1 } }],
      'applications.transfer': [{ trackingNumber: first.trackingNumber, iin: '900101300123', reason: 'moved' }],
      'tasks.complete': [{ outcome: 'approve', variables: { note: 'ok' } }],
      'tasks.reassign': [{ to: 'official', reason: 'cover' }],
      'absences.add': [{ from: '2030-01-10', to: '2030-01-12', reason: 'leave' }],
      'routing.set': [{ mode: 'alternative', reason: 'desk open' }, { mode: 'single', reason: 'desk closed', effectiveFrom: '2030-01-10T09:00:00Z' }],
      'calendars.put': [{ ...calendar, id: undefined, reason: 'new office' }],
    },
  };
}

/** Whether the operation's roles let this caller past the role check (scope aside). */
function admits(op: Operation, caller: Caller): boolean {
  return op.roles === 'public' || (caller.token !== undefined && op.roles.includes(roleOf(caller.name)));
}

/** `runs` cases per operation and caller, interleaved so concurrent requests hit different routes. */
function plan(operations: readonly Operation[], callers: readonly Caller[], fixtures: Fixtures, runs: (op: Operation, caller: Caller) => number): FuzzCase[] {
  const columns = operations.flatMap((op) => callers.map((caller) => fc.sample(fuzzRequest(op, caller, fixtures), { seed: mix(SEED, `${op.id} ${caller.name}`), numRuns: runs(op, caller) })));
  const rounds = Math.max(...columns.map((column) => column.length));
  return Array.from({ length: rounds }, (_, round) => columns.flatMap((column) => (round < column.length ? [column[round]!] : []))).flat();
}

async function run(url: string, agent: Agent, cases: readonly FuzzCase[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const fuzzCase = cases[i]!;
      try {
        const response = await sendRaw(url, agent, fuzzCase.request);
        const failure = problemWith(fuzzCase, response);
        outcomes[i] = { fuzzCase, response, ...(failure ? { failure } : {}) };
      } catch (error) {
        outcomes[i] = { fuzzCase, failure: `no answer: ${(error as Error).message}` };
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

function problemWith(fuzzCase: FuzzCase, response: RawResponse): string | undefined {
  if (response.status >= 500) return `${response.status} ${response.text.slice(0, 300)}`;
  if (response.status < 400 || fuzzCase.request.method === 'HEAD') return undefined;
  try {
    const body = JSON.parse(response.text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string' && typeof body.error.message === 'string') return undefined;
  } catch {
    // falls through
  }
  return `${response.status} without { error: { code, message } }: ${JSON.stringify(response.text.slice(0, 300))} (${response.contentType})`;
}

/** A 32-bit seed per operation and caller, so adding a route does not change the others' cases. */
function mix(seed: number, key: string): number {
  let h = seed | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x9e3779b1);
  return (h ^ (h >>> 16)) | 0;
}

function partition<T>(items: readonly T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
