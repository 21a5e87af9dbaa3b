/**
 * The national day over HTTP (issue 15): the same application as nationalDayBench.ts — the
 * catalogue's NO-CRIMINAL-RECORD, intake claimed and completed by a clerk of astana-1, the review
 * completed by the official it was assigned to at random, the hand-back claimed and completed,
 * 10 % refused, 5 % documents requested and brought, 2 % a deadline extension — driven through
 * the REST API of a real server process (`server/main.ts` on a temp sqlite file, the demo
 * organisation seeded, every user's password `demo`) by `workers` concurrent clients (fetch on
 * loopback). A step is one acknowledged write request; the task lookups between them are reads
 * (`GET /api/tasks?instanceId=`) and not counted as steps, but their time is in applications/s.
 * Peak RSS is the server process's (VmHWM).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, NodeProcess } from '../scale/nodeProcess.js';
import { loadCatalogue } from '../../processes/standard.js';
import { opStats, processCpuMs, round, type DayThroughput } from './measure.js';

export interface NationalDayHttpResult extends DayThroughput {
  readonly synchronous: 'normal' | 'full';
  readonly serverPeakRssMb?: number;
  /** The server process's CPU (user + system, every thread) per application: what one node costs. */
  readonly serverCpuMsPerApplication?: number;
  /** This process's, the 50 fetch clients on the same cores. */
  readonly clientCpuMsPerApplication: number;
  readonly projectedDayMinutes: number;
}

const STANDARD = loadCatalogue().find((e) => e.code === 'NO-CRIMINAL-RECORD')!.standard;
const DOCUMENTS = STANDARD.requiredDocuments;
const CLERKS = [1, 2, 3, 4, 5, 6].map((n) => `astana-1-clerk-${n}`);
const OFFICIALS = ['kpssu-records-1', 'kpssu-records-2', 'kpssu-records-3'];

async function call(url: string, token: string | undefined, method: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function runNationalDayHttp(options: { apps: number; workers: number; synchronous?: 'normal' | 'full'; writer?: 'main' | 'thread'; progress: (m: string) => void }): Promise<NationalDayHttpResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-national-day-http-'));
  const node = new NodeProcess('national-day', await freePort(), {
    AUDIT_KEY: 'national-day-bench-audit-key-0123456789abcdef',
    AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints.jsonl'),
    DEMO_DATA: 'on',
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: '',
    ...(options.synchronous ? { SQLITE_SYNCHRONOUS: options.synchronous } : {}),
    ...(options.writer ? { SQLITE_WRITER: options.writer } : {}),
  });
  try {
    options.progress(`national day over HTTP: starting the server`);
    await node.start(120_000);
    const base = node.url;
    const tokens = new Map<string, string>();
    for (const user of [...CLERKS, ...OFFICIALS]) {
      const login = await call(`${base}/api/session`, undefined, 'POST', { username: user, password: 'demo' });
      if (login.status >= 300) throw new Error(`login ${user}: ${login.status} ${JSON.stringify(login.body)}`);
      tokens.set(user, login.body.token as string);
    }
    const latencies: number[] = [];
    const write = async (what: string, user: string, method: string, path: string, body?: unknown) => {
      const s = performance.now();
      const answer = await call(`${base}${path}`, tokens.get(user), method, body);
      latencies.push(performance.now() - s);
      if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      return answer.body;
    };
    const openTask = async (user: string, id: string, elementId: string): Promise<{ id: string; assignee?: string | null }> => {
      const tasks = await call(`${base}/api/tasks?instanceId=${id}`, tokens.get(user), 'GET');
      const task = (tasks.body as { id: string; elementId: string; assignee?: string | null }[] | undefined)?.find((t) => t.elementId === elementId);
      if (!task) throw new Error(`application ${id}: ${user} sees no open ${elementId} task (${tasks.status})`);
      return task;
    };
    const official = async (id: string, elementId: string) => {
      for (const user of OFFICIALS) {
        const tasks = await call(`${base}/api/tasks?instanceId=${id}`, tokens.get(user), 'GET');
        const task = (tasks.body as { id: string; elementId: string; assignee?: string | null }[] | undefined)?.find((t) => t.elementId === elementId && t.assignee === user);
        if (task) return { task, user };
      }
      throw new Error(`application ${id}: no official holds its ${elementId} task`);
    };
    const application = async (i: number) => {
      const clerk = CLERKS[i % CLERKS.length]!;
      const started = await write('start', clerk, 'POST', '/api/applications', { serviceCode: 'NO-CRIMINAL-RECORD', channel: 'centre', applicant: { name: `Applicant ${i}` }, documents: DOCUMENTS });
      const id = started.id as string;
      const intake = await openTask(clerk, id, 'check_completeness');
      await write('claim intake', clerk, 'POST', `/api/tasks/${intake.id}/claim`, {});
      await write('complete intake', clerk, 'POST', `/api/tasks/${intake.id}/complete`, { outcome: 'complete' });
      let review = await official(id, 'review');
      if (i % 50 === 11) await write('extend', review.user, 'POST', `/api/applications/${id}/extend`, { days: 5, reason: 'a record is awaited from another agency' });
      if (i % 20 === 7 && i % 10 !== 3) {
        await write('request documents', review.user, 'POST', `/api/tasks/${review.task.id}/complete`, { outcome: 'request documents', variables: { requestedDocuments: [DOCUMENTS[0]] } });
        await write('documents brought', clerk, 'POST', `/api/applications/${id}/documents`, { documents: [DOCUMENTS[0]] });
        review = await official(id, 'review');
      }
      const decision = i % 10 === 3 ? { outcome: 'refuse', variables: { refusalGrounds: STANDARD.groundsForRefusal[0] } } : { outcome: 'approve' };
      await write('review', review.user, 'POST', `/api/tasks/${review.task.id}/complete`, decision);
      const handBack = await openTask(clerk, id, 'hand_back');
      await write('claim hand-back', clerk, 'POST', `/api/tasks/${handBack.id}/claim`, {});
      const done = await write('hand back', clerk, 'POST', `/api/tasks/${handBack.id}/complete`, { outcome: 'handed over', variables: { rating: 3 + (i % 3) } });
      if (done.state !== 'completed') throw new Error(`application ${i} is ${done.state} after the hand-back`);
    };
    options.progress(`national day over HTTP: ${options.apps} applications, ${options.workers} clients`);
    let next = 0;
    const serverCpu0 = processCpuMs(node.pid);
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: options.workers }, async () => {
        for (let i = next++; i < options.apps; i = next++) await application(i);
      }),
    );
    const elapsedMs = performance.now() - t0;
    const serverCpu1 = processCpuMs(node.pid);
    const clientCpu = process.cpuUsage(clientCpu0);
    const pid = node.pid;
    const hwm = pid ? /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] : undefined;
    const steps = opStats(Float64Array.from(latencies), elapsedMs);
    const perSec = (options.apps * 1000) / elapsedMs;
    return {
      applications: options.apps,
      workers: options.workers,
      synchronous: options.synchronous ?? 'full',
      steps: steps.n,
      elapsedMs: steps.elapsedMs,
      applicationsPerSec: round(perSec, 1),
      stepsPerSec: steps.perSec,
      stepP50Ms: round(steps.p50Us / 1000, 3),
      stepP99Ms: round(steps.p99Us / 1000, 3),
      ...(hwm ? { serverPeakRssMb: round(Number(hwm) / 1024, 1) } : {}),
      ...(serverCpu0 !== undefined && serverCpu1 !== undefined ? { serverCpuMsPerApplication: round((serverCpu1 - serverCpu0) / options.apps, 3) } : {}),
      clientCpuMsPerApplication: round((clientCpu.user + clientCpu.system) / 1000 / options.apps, 3),
      projectedDayMinutes: round(960_000 / perSec / 60, 1),
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${node.tail(10)}`);
  } finally {
    await node.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
