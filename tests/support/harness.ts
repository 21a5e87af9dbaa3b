import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, manualClock, sqliteStore, type Engine, type EngineOptions, type ManualClock } from '../../engine/index.js';

/** Reads a fixture that sits beside the calling spec: `fixture(import.meta.url, 'UserTask.bpmn')`. */
export function fixture(specUrl: string, name: string): string {
  return readFileSync(join(dirname(fileURLToPath(specUrl)), name), 'utf8');
}

export interface Harness {
  engine: Engine;
  readonly clock: ManualClock;
  readonly file: string;
  /** Closes the engine and opens a new one on the same sqlite file: a process restart. */
  restart(): Promise<Engine>;
  dispose(): Promise<void>;
}

/** An engine on a fresh sqlite file under a manual clock, which can be restarted on the same file. */
export async function openHarness(options: Partial<EngineOptions> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-test-'));
  const file = join(dir, 'engine.db');
  const clock = options.clock ? (options.clock as ManualClock) : manualClock('2026-03-02T04:00:00Z');
  const open = () => createEngine({ ...options, store: sqliteStore(file), clock });
  const harness: Harness = {
    engine: await open(),
    clock,
    file,
    async restart() {
      await harness.engine.close();
      harness.engine = await open();
      return harness.engine;
    },
    async dispose() {
      await harness.engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The elements an instance entered, in order (from its history). */
export async function path(engine: Engine, instanceId: string): Promise<string[]> {
  return (await engine.history(instanceId)).filter((h) => h.event === 'enter').map((h) => h.elementId);
}

/** The one open task of an instance (fails the test when there is not exactly one). */
export async function onlyTask(engine: Engine, instanceId: string) {
  const tasks = await engine.tasks({ instanceId });
  if (tasks.length !== 1) throw new Error(`expected one open task, found ${tasks.length}: ${tasks.map((t) => t.elementId).join(', ')}`);
  return tasks[0]!;
}
