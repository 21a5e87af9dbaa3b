/**
 * The server side of the HTTP bench (httpBench.ts starts it in its own process, so the load
 * generator does not share its event loop): a sqlite file filled with `--tasks` open tasks
 * through the store's prepared INSERT (as sweepBench.ts does), `--complete` real applications
 * waiting at a task for one official, then `startServer` on port 0 as `npm start` runs it.
 * Prints one JSON line: { url, readToken, completeToken, completeTaskIds, seedMs, startMs }.
 * Stops on SIGTERM (graceful shutdown).
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine, sqliteStore, type TaskRecord } from '../../engine/index.js';
import { taskInsert } from '../../engine/store/sqlite/rows.js';
import { prepareStatements } from '../../engine/store/sqlite/statements.js';
import { parseEnv } from '../../server/env.js';
import { jsonLogger } from '../../server/logger.js';
import { startServer } from '../../server/startServer.js';
import { accountsOf } from '../../server/accounts/Accounts.js';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: '100000' }, complete: { type: 'string', default: '2000' }, officials: { type: 'string', default: '50' } } });
const TASKS = Number(values.tasks);
const COMPLETE = Number(values.complete);
const OFFICIALS = Number(values.officials);
const official = (i: number) => `official-${String(i + 1).padStart(2, '0')}`;

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/bench">
  <bpmn:process id="bench_review" name="Bench review" isExecutable="true" ps:serviceCode="BENCH-1" ps:agency="bench">
    <bpmn:startEvent id="start" ps:channel="agency" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" ps:office="back" ps:candidateGroup="bench-completers" ps:assignment="random">
      <bpmn:extensionElements><ps:sla duration="10" unit="workingDays" calendar="agency" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

function openTask(i: number): TaskRecord {
  const n = String(i).padStart(7, '0');
  const now = Date.now();
  const dueAt = now + 3_600_000 + ((i * 7919) % (40 * 86_400_000));
  return {
    id: `task-${n}`,
    instanceId: `inst-${n}`,
    tokenId: 't1',
    key: 'land_plot_allocation',
    elementId: 'review_application',
    name: 'Review the application',
    trackingNumber: `0000-${n.slice(0, 4)}-${n.slice(4)}0`,
    serviceCode: '00101',
    office: 'back',
    candidateGroup: 'bench',
    assignment: 'random',
    // One in ten waits in the group queue; the rest are spread over the officials.
    assignee: i % 10 === 0 ? null : official(i % OFFICIALS),
    state: 'open',
    createdAt: new Date(now - ((i * 104_729) % (20 * 86_400_000))).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
    warnAt: new Date(dueAt - 3_600_000).toISOString(),
    atRisk: false,
    overdue: false,
    version: 1,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'tereze-http-bench-'));
const dataDir = join(dir, 'data');
const processesDir = join(dir, 'processes');
mkdirSync(dataDir);
mkdirSync(processesDir);
writeFileSync(join(processesDir, 'bench.bpmn'), BPMN);
const file = join(dataDir, 'tereze.db');

const s0 = performance.now();
const store = sqliteStore(file);
await store.init();
await store.close();
const db = new Database(file);
const { insertTask } = prepareStatements(db);
db.transaction(() => {
  for (let i = 0; i < TASKS; i++) insertTask.run(...taskInsert(openTask(i)));
})();
db.close();
const engine = await createEngine({ store: sqliteStore(file) });
for (let i = 0; i < OFFICIALS; i++) await engine.directory.putUser({ id: official(i), name: `Official ${i + 1}`, roles: ['official'], groups: ['bench'], agency: 'bench' });
await engine.directory.putUser({ id: 'completer', name: 'Completer', roles: ['official'], groups: ['bench-completers'], agency: 'bench' });
await engine.deploy(BPMN);
const startedAt = performance.now();
for (let i = 0; i < COMPLETE; i++) await engine.start('bench_review', { channel: 'agency', by: 'completer' });
const startMs = performance.now() - startedAt;
const completeTaskIds = (await engine.tasks({ assignee: 'completer', limit: COMPLETE })).map((t) => t.id);
const readToken = (await accountsOf(engine).createSession(official(1))).token;
const completeToken = (await accountsOf(engine).createSession('completer')).token;
const seedMs = performance.now() - s0;

const env = parseEnv({ PORT: '0', DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'warn' });
const running = await startServer({ env, engine, processesDir, logger: jsonLogger({ level: 'warn' }) });
process.stdout.write(`${JSON.stringify({ url: running.url, readToken, completeToken, completeTaskIds, seedMs: Math.round(seedMs), startMs: Math.round(startMs) })}\n`);
process.on('SIGTERM', () => {
  void running.close().then(async () => {
    await engine.close();
    process.exit(0);
  });
});
