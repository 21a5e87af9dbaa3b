/**
 * Three Tereze server processes on one PostgreSQL database, driven over HTTP by many clients
 * while nodes are SIGKILLed again and again and PostgreSQL itself is restarted mid-load.
 *
 * What must hold afterwards (issue 13, item 4):
 * - every acknowledged start exists, and a retry of a start under its Idempotency-Key on
 *   another node never made a second application;
 * - every acknowledged completion is completed; no task exists twice;
 * - every timer that fell due fired exactly once (one `timer` history entry, one task after it);
 * - a session token made on one node works on every node;
 * - a clerk's live stream on one node sees a task created through another;
 * - the audit trail, written by three processes at once, is one chain that verifies.
 *
 * Skipped, with the reason, where no PostgreSQL server binaries exist.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../engine/audit/verifyChain.js';
import type { Store, TaskRecord } from '../../engine/store/port.js';
import { postgresStore } from '../../engine/store/postgres/PostgresStore.js';
import { findPostgresBinaries, startPostgresCluster, type PostgresCluster } from '../support/postgresCluster.js';
import { freePort, NodeProcess } from './nodeProcess.js';
import { probeProcess } from './probeProcess.js';

// Four kills in `npm test` (each node at least once); `npm run soak:scale` runs ten, or SCALE_KILLS.
const KILLS = Number(process.env['SCALE_KILLS'] ?? 4);
const AUDIT_KEY = 'multi-node-fault-test-audit-key-0123456789';

const PROBE = probeProcess({ id: 'scale_probe', name: 'Scale probe', serviceCode: 'SCALE-PROBE', pause: 'PT1S' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  readonly status: number;
  readonly body: any;
}

/** One request; a refused connection, a reset or a timeout is status 0 (the node is down). */
async function call(node: NodeProcess, token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  try {
    const response = await fetch(node.url + path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text for the failure message
    }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: undefined };
  }
}

const binaries = findPostgresBinaries();
const skip = 'missing' in binaries ? binaries.missing : undefined;

describe.skipIf(skip !== undefined)(`three nodes on one PostgreSQL, nodes killed under load${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let cluster: PostgresCluster;
  let store: Store;
  const nodes: NodeProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    cluster = await startPostgresCluster((binaries as { bin: string }).bin, { durableCommits: true });
    const database = await cluster.createDatabase('multinode');
    for (let i = 0; i < 3; i++) {
      const dir = mkdtempSync(join(tmpdir(), `tereze-node${i}-`));
      dirs.push(dir);
      nodes.push(
        new NodeProcess(`node${i}`, await freePort(), {
          DATABASE_URL: database,
          DATA_DIR: join(dir, 'data'),
          AUDIT_KEY,
          AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints.jsonl'),
          DEMO_DATA: 'on',
        }),
      );
    }
    // The first node seeds the demo organisation on the empty database; the others join it.
    await nodes[0]!.start();
    await Promise.all(nodes.slice(1).map((node) => node.start()));
    store = postgresStore({ url: database });
    await store.init();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop().catch(() => {})));
    await store?.close().catch(() => {});
    await cluster?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const login = async (username: string): Promise<string> => {
    const answer = await call(nodes[0]!, undefined, 'POST', '/api/session', { username, password: 'demo' });
    expect(answer.status, `login as ${username}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body.token as string;
  };

  it(`should keep every acknowledged step, once, through ${KILLS} node kills and a database restart`, async () => {
    const designer = await login('designer');
    const clerk = await login('clerk');
    const official = await login('official');

    // A session made on node 0 works on every node.
    for (const node of nodes) expect((await call(node, clerk, 'GET', '/api/users/me')).status, `the clerk's token on ${node.name}`).toBe(200);

    const deployed = await call(nodes[1]!, designer, 'POST', '/api/definitions', PROBE, { 'Content-Type': 'application/xml' });
    expect([200, 201], JSON.stringify(deployed.body)).toContain(deployed.status);

    // A clerk's live stream on node 0 hears of a task created through node 2.
    const stream = await fetch(`${nodes[0]!.url}/api/events`, { headers: { Authorization: `Bearer ${clerk}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const streamed = (async () => {
      let text = '';
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += decoder.decode(value);
        if (text.includes('"check"') || text.includes('Check completeness')) return text;
      }
    })();
    const first = await call(nodes[2]!, clerk, 'POST', '/api/applications', { serviceCode: 'SCALE-PROBE', channel: 'centre', applicant: { name: 'Live' }, documents: [] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const heard = await Promise.race([streamed, sleep(15_000).then(() => 'nothing within 15 s')]);
    expect(heard, 'the stream on node 0 carries the task created on node 2').toContain(first.body.id);
    await reader.cancel().catch(() => {});

    const started = new Map<string, { id: string; trackingNumber: string; node: string }>([[randomUUID(), { ...first.body, node: 'node2' }]]);
    const completed = new Set<string>();
    const counts = { startRetries: 0, downAnswers: 0 };
    /** Answers no client should get (a 4xx other than a lost race): reported at the end, the load goes on. */
    const refusals: string[] = [];
    let stop = false;
    let turn = 0;
    const pick = () => nodes[turn++ % nodes.length]!;

    const starter = async () => {
      while (!stop) {
        const key = randomUUID();
        const request = { serviceCode: 'SCALE-PROBE', channel: 'centre', applicant: { name: 'Load' }, documents: [] };
        for (let attempt = 0; attempt < 40; attempt++) {
          const node = pick();
          const answer = await call(node, clerk, 'POST', '/api/applications', request, { 'Idempotency-Key': key });
          if (answer.status === 201 || answer.status === 200) {
            if (attempt > 0) counts.startRetries++;
            started.set(key, { id: answer.body.id, trackingNumber: answer.body.trackingNumber, node: node.name });
            break;
          }
          if (answer.status === 0 || answer.status >= 500) {
            counts.downAnswers++;
            await sleep(100);
            continue;
          }
          refusals.push(`start refused on ${node.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
          break;
        }
        await sleep(20);
      }
    };

    const worker = (token: string, elementId: string) => async () => {
      while (!stop) {
        const node = pick();
        const list = await call(node, token, 'GET', '/api/tasks?scope=group&limit=20');
        if (list.status !== 200) {
          await sleep(100);
          continue;
        }
        const tasks = (list.body as TaskRecord[]).filter((task) => task.elementId === elementId);
        if (tasks.length === 0) await sleep(150);
        for (const task of tasks) {
          if (stop) break;
          const done = await call(pick(), token, 'POST', `/api/tasks/${task.id}/complete`, {});
          if (done.status === 200) completed.add(task.id);
          else if (done.status !== 0 && done.status !== 409 && done.status !== 404 && done.status < 500) {
            refusals.push(`completion of ${task.id} refused: ${done.status} ${JSON.stringify(done.body)}`);
          }
        }
      }
    };

    const load = Promise.all([starter(), starter(), starter(), worker(clerk, 'check')(), worker(clerk, 'check')(), worker(official, 'decide')(), worker(official, 'decide')()]);

    // Faults on purpose: one node at a time, SIGKILLed and started again on the same port.
    let kills = 0;
    for (let i = 0; i < KILLS; i++) {
      await sleep(1_500 + Math.floor(Math.random() * 1_500));
      const victim = nodes[i % nodes.length]!;
      await victim.kill();
      kills++;
      await sleep(300);
      await victim.start();
    }
    // Then the database itself: every node loses its connections at once.
    const beforeRestart = started.size;
    await cluster.restart();
    const restartedAt = Date.now();
    while (started.size < beforeRestart + 10 && Date.now() - restartedAt < 120_000) await sleep(250);
    const nodeStates = () => nodes.map((node) => `${node.name} ${node.running ? 'running' : 'DOWN'}:\n${node.tail(8)}`).join('\n');
    expect(started.size - beforeRestart, `starts acknowledged after PostgreSQL restarted; refusals: ${refusals.slice(0, 5).join('; ')}\n${nodeStates()}`).toBeGreaterThanOrEqual(10);

    stop = true;
    await load;
    expect(refusals.slice(0, 10), 'answers refused to a client').toEqual([]);

    // Quiet: every timer that fell due has had time to fire (PT1S; the pollers run on every node).
    const applications = [...started.values()];
    expect(applications.length).toBeGreaterThan(30);
    const deadline = Date.now() + 60_000;
    let waiting: string[] = [];
    do {
      waiting = [];
      for (const application of applications) {
        const tasks = await store.findTasks({ instanceId: application.id, state: 'any' });
        const checkDone = tasks.some((t) => t.elementId === 'check' && t.state === 'completed');
        if (checkDone && !tasks.some((t) => t.elementId === 'decide')) waiting.push(application.id);
      }
      if (waiting.length) await sleep(500);
    } while (waiting.length && Date.now() < deadline);
    expect(waiting, 'instances whose due timer never fired').toEqual([]);

    // Every acknowledged start exists, once per Idempotency-Key.
    const ids = applications.map((a) => a.id);
    expect(new Set(ids).size, 'one application per key').toBe(ids.length);
    for (const application of applications) {
      expect(await store.getInstance(application.id), `acknowledged start ${application.trackingNumber} (on ${application.node})`).toBeDefined();
    }
    const instances = await store.listInstances({ key: 'scale_probe', limit: 100_000 });
    expect(instances.length, 'no application the clients were never told of, beyond retried starts').toBe(ids.length);

    // Every acknowledged completion holds; no task twice; each timer fired once.
    for (const taskId of completed) expect((await store.getTask(taskId))?.state, `acknowledged completion ${taskId}`).toBe('completed');
    for (const application of applications) {
      const tasks = await store.findTasks({ instanceId: application.id, state: 'any' });
      const perElement = new Map<string, number>();
      for (const task of tasks) perElement.set(task.elementId, (perElement.get(task.elementId) ?? 0) + 1);
      for (const [elementId, count] of perElement) expect(count, `${elementId} tasks of ${application.trackingNumber}`).toBe(1);
      if (perElement.has('decide')) {
        const timers = (await store.history(application.id)).filter((entry) => entry.event === 'timer' && entry.elementId === 'pause');
        expect(timers.length, `timer firings of ${application.trackingNumber}`).toBe(1);
      }
    }

    // Three writers, one chain.
    const report = await verifyChain(store);
    expect(report.ok, JSON.stringify(report)).toBe(true);

    console.info(
      `multi-node: ${kills} node kills + 1 PostgreSQL restart; ${applications.length} applications acknowledged (${counts.startRetries} after a retry on another node), ` +
        `${completed.size} completions acknowledged, ${counts.downAnswers} answers from a node that was down`,
    );
  }, 600_000);
});
