/**
 * Tereze running the benchmark's BPMN files through its public API (engine/api.ts), on the
 * sqlite store: a file in a temp directory (durable) or `:memory:`.
 *
 * Each instance: `start`; for scenario B also `tasks({ instanceId })` + `completeTask`. Cheap
 * checks run inline (the state `start`/`completeTask` return, exactly one open task); after the
 * timed loop `verify` reads every instance back (`instance` + `history`) and proves it
 * completed at the expected end event, so a broken run cannot pass as fast.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServiceHandler } from '../../engine/api.js';
import { SCENARIO_SPECS, amountFor, decide, expectedEnd } from './fixtures.js';
import type { ScenarioName, ScenarioRunner, Verification } from './types.js';

/** The front door the benchmark relies on (engine/index.ts, ARCHITECTURE.md "the engine as a library"). */
export type TerezeModule = Pick<typeof import('../../engine/index.js'), 'createEngine' | 'sqliteStore'>;

export type StoreKind = 'file' | 'memory';

/**
 * The engine module, loaded at run time so the bpmn-engine side runs on its own. BENCH_ENGINE_MODULE
 * (an absolute path or file URL) points the bench at another build, e.g. dist/engine/index.js.
 */
export async function loadTereze(): Promise<TerezeModule> {
  const override = process.env.BENCH_ENGINE_MODULE;
  const specifier = override ? (override.startsWith('file:') ? override : pathToFileURL(override).href) : '../../engine/index.js';
  const module = (await import(specifier)) as Partial<TerezeModule>;
  if (typeof module.createEngine !== 'function' || typeof module.sqliteStore !== 'function') {
    throw new Error('engine/index.ts does not export createEngine and sqliteStore (yet)');
  }
  return module as TerezeModule;
}

const handlers: Record<string, ServiceHandler> = {
  decide: ({ variables }) => ({ approved: decide(variables.amount) }),
};

export async function createTerezeRunner(
  tereze: TerezeModule,
  scenario: ScenarioName,
  xml: string,
  kind: StoreKind,
  notes: string[],
): Promise<ScenarioRunner> {
  const spec = SCENARIO_SPECS[scenario];
  const dir = kind === 'file' ? mkdtempSync(join(tmpdir(), 'tereze-bench-')) : undefined;
  const location = dir ? join(dir, 'bench.sqlite') : ':memory:';
  const engine = await tereze.createEngine({ store: tereze.sqliteStore(location), handlers });
  const deployed = await engine.deploy(xml);
  if (deployed.key !== spec.key) throw new Error(`deployed key ${deployed.key}, expected ${spec.key}`);
  for (const warning of deployed.warnings) notes.push(`deploy warning: ${warning}`);

  /** Instance ids by instance number, for the verification. */
  const ids: string[] = [];
  let drivenByJobs = 0;

  /** Fires due jobs until the instance completes, for an engine that defers steps to jobs. */
  async function drive(id: string, i: number): Promise<void> {
    drivenByJobs += 1;
    for (let round = 0; round < 100; round += 1) {
      await engine.runDueJobs();
      const view = await engine.instance(id);
      if (view.state === 'completed') return;
      if (view.state !== 'active') throw new Error(`instance ${i} (${id}) is ${view.state}: ${JSON.stringify(view.incidents)}`);
    }
    throw new Error(`instance ${i} (${id}) did not complete after 100 rounds of runDueJobs`);
  }

  return {
    async runOne(i) {
      const started = await engine.start(spec.key, { variables: { amount: amountFor(i) }, by: 'bench' });
      ids[i] = started.id;
      let state = started.state;
      if (spec.userTask) {
        if (state !== 'active') throw new Error(`instance ${i} (${started.id}) is ${state} before its user task`);
        const tasks = await engine.tasks({ instanceId: started.id });
        const task = tasks[0];
        if (tasks.length !== 1 || !task || task.elementId !== spec.userTask) {
          throw new Error(`instance ${i} (${started.id}): expected one open task ${spec.userTask}, got ${tasks.map((t) => t.elementId).join(', ') || 'none'}`);
        }
        state = (await engine.completeTask(task.id, { by: 'bench' })).state;
      }
      if (state !== 'completed') await drive(started.id, i);
    },

    async verify(): Promise<Verification> {
      const ends: Record<string, number> = {};
      const failures: string[] = [];
      let completed = 0;
      for (let i = 0; i < ids.length; i += 1) {
        const id = ids[i];
        if (id === undefined) {
          failures.push(`instance ${i} was never started`);
          continue;
        }
        const view = await engine.instance(id);
        const reached = new Set((await engine.history(id)).filter((h) => spec.endEvents.includes(h.elementId)).map((h) => h.elementId));
        const expected = expectedEnd(scenario, i);
        if (view.state !== 'completed') failures.push(`instance ${i} (${id}) is ${view.state}`);
        else if (reached.size !== 1 || !reached.has(expected)) {
          failures.push(`instance ${i} (${id}) reached [${[...reached].join(', ')}], expected ${expected}`);
        } else {
          completed += 1;
          ends[expected] = (ends[expected] ?? 0) + 1;
        }
        if (failures.length >= 20) break;
      }
      if (drivenByJobs > 0) notes.push(`${drivenByJobs} instances needed runDueJobs() to complete`);
      return { completed, ends, failures };
    },

    async close() {
      await engine.close();
      if (dir) {
        notes.push(`sqlite file size after the run: ${(statSync(location).size / 1048576).toFixed(1)} MB`);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
