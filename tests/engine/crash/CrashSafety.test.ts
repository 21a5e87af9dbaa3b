import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, sqliteStore, type Engine } from '../../../engine/index.js';

const KILLS = 24;
const dir = mkdtempSync(join(tmpdir(), 'tereze-crash-'));
const file = join(dir, 'crash.db');
const worker = join(import.meta.dirname, 'crashWorker.ts');
const fixture = join(import.meta.dirname, 'CrashSafety.bpmn');

interface Acks {
  started: string[];
  completed: string[];
}

/** Runs the worker until READY, lets it work for a random moment, then SIGKILLs it. */
async function runAndKill(acks: Acks, workMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, file, fixture], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  let stderr = '';
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line === 'READY') ready();
      else if (line.startsWith('START ')) acks.started.push(line.slice(6));
      else if (line.startsWith('COMPLETE ')) acks.completed.push(line.slice(9));
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const early = exited.then((code) => {
    throw new Error(`worker exited on its own (code ${code}): ${stderr}`);
  });
  await Promise.race([isReady, early]);
  await sleep(workMs);
  child.kill('SIGKILL');
  await exited;
}

describe('crash safety', () => {
  let engine: Engine | undefined;
  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`should lose and duplicate nothing when the engine is SIGKILLed at ${KILLS} random moments`, { timeout: 240_000 }, async () => {
    const acks: Acks = { started: [], completed: [] };
    for (let i = 0; i < KILLS; i++) {
      await runAndKill(acks, 20 + Math.floor(Math.random() * 400));
      await sleep(Math.floor(Math.random() * 300)); // downtime: timers fall due meanwhile
    }
    expect(acks.started.length).toBeGreaterThan(KILLS);

    engine = await createEngine({ store: sqliteStore(file), jobs: { leaseMs: 500 } });
    // Every acknowledged start exists; every acknowledged completion stuck.
    for (const id of acks.started) expect((await engine.instance(id)).key).toBe('crash_safety');
    for (const taskId of acks.completed) expect((await engine.task(taskId)).state).toBe('completed');

    // No task duplicated: one review task per instance, whatever the crashes.
    const all = await engine.tasks({ state: 'any', limit: 100_000 });
    const perInstance = new Map<string, number>();
    for (const task of all) perInstance.set(task.instanceId, (perInstance.get(task.instanceId) ?? 0) + 1);
    expect([...perInstance.values()].every((n) => n === 1)).toBe(true);

    // Every instance can still finish: fire what fell due (after the killed workers' leases
    // ran out), complete what is open.
    await sleep(600);
    await engine.runDueJobs();
    for (const task of await engine.tasks({ limit: 100_000 })) await engine.completeTask(task.id, { by: 'survivor' });
    await sleep(300);
    await engine.runDueJobs();
    const instances = [...perInstance.keys()];
    expect(instances.length).toBeGreaterThanOrEqual(acks.started.length);
    for (const id of instances) {
      const view = await engine.instance(id);
      expect(view.state, `instance ${id}`).toBe('completed');
      // Its timer fired exactly once: one timer history entry and one notification.
      const history = await engine.history(id);
      expect(history.filter((h) => h.event === 'timer')).toHaveLength(1);
      expect(await engine.notifications(id)).toHaveLength(1);
    }
  });
});
