/**
 * Assignment picks per second with 60 candidates: `TaskAssigner.assign` with the engine's
 * `Directory` over `PolicyDocuments` (read cache TTL 1 s, the engine's default) on
 * `sqliteStore(':memory:')`. One group `land` of 60 officials, 4 of them absent on the day;
 * the engine's default random source (crypto) for draws.
 *
 * - random: the pick only (pool from the directory, sha-256 pool hash, draw, audit input).
 * - least-loaded: the pick, with countOpenTasks over the 56 eligible (about 600 open tasks seeded,
 *   spread so that 9 eligible officials tie on the fewest).
 * - round-robin: the pick AND the rotation pointer's write, committed as the engine commits it
 *   (UnitOfWork passes a per-step `rotations` map; the step's commit carries
 *   `policies: [...rotations.values()]`, keepHistory false) — without it the next pick would not
 *   move on. The other strategies' audit entries are returned, not committed (the engine
 *   commits them with the step that created the task).
 * Checked: every pick eligible; least-loaded only among the tied; round-robin visits the pool
 * in order, each official once per round.
 */
import { performance } from 'node:perf_hooks';
import { Directory, TaskAssigner, sqliteStore, type Store, type TaskRecord } from '../../engine/index.js';
import type { UserTaskSpec } from '../../engine/model/types.js';
import { PolicyDocuments } from '../../engine/PolicyDocuments.js';
import { opStats, peakRssMb } from './measure.js';
import { STRATEGIES, type AssignmentResult, type Strategy } from './semanticsTypes.js';

const CANDIDATES = 60;
const ABSENT = ['official-07', 'official-19', 'official-33', 'official-52'];
const AT = '2026-03-02T05:00:00.000Z';
const LOCAL_DATE = '2026-03-02';
const officials = Array.from({ length: CANDIDATES }, (_, i) => `official-${String(i + 1).padStart(2, '0')}`);
const eligible = officials.filter((o) => !ABSENT.includes(o));
/** Open tasks per official for least-loaded: every 7th has 5, the rest 10 to 12. */
const load = (i: number) => (i % 7 === 0 ? 5 : 10 + (i % 3));

async function seedOpenTasks(store: Store): Promise<{ total: number; fewest: Set<string> }> {
  const tasks: TaskRecord[] = [];
  const loads = new Map<string, number>();
  officials.forEach((id, i) => {
    const count = load(i);
    loads.set(id, count);
    for (let k = 0; k < count; k += 1) {
      tasks.push({ id: `seed-${id}-${k}`, instanceId: `inst-${id}-${k}`, tokenId: 't1', key: 'land_plot', elementId: 'review', trackingNumber: `KZ-${id}-${k}`, candidateGroup: 'land', assignment: 'least-loaded', assignee: id, state: 'open', createdAt: AT, version: 1 });
    }
  });
  await store.commit({ taskInserts: tasks });
  const min = Math.min(...eligible.map((id) => loads.get(id)!));
  return { total: tasks.length, fewest: new Set(eligible.filter((id) => loads.get(id) === min)) };
}

export async function runAssignment(n: number, warmup: number, strategies: readonly Strategy[], progress: (m: string) => void): Promise<AssignmentResult> {
  const store = sqliteStore(':memory:');
  await store.init();
  const now = () => new Date(AT);
  const directory = new Directory(new PolicyDocuments(store, now), now);
  for (const id of officials) await directory.putUser({ id, name: id, roles: ['official'], groups: ['land'] });
  for (const id of ABSENT) await directory.setAbsence(id, { from: '2026-03-01', to: '2026-03-06' });
  const assigner = new TaskAssigner(directory, store);
  const seededTasks = await seedOpenTasks(store);
  const pool = await directory.available('land', LOCAL_DATE);
  if (pool.length !== eligible.length) throw new Error(`directory offers ${pool.length} officials, expected ${eligible.length}`);
  const result: AssignmentResult['strategies'] = {};
  const notes: string[] = [`least-loaded: ${seededTasks.total} open tasks seeded; ${seededTasks.fewest.size} eligible officials tie on the fewest`];

  try {
    for (const strategy of STRATEGIES.filter((s) => strategies.includes(s))) {
      const spec: UserTaskSpec = { assignment: strategy, candidateGroup: 'land', office: 'back', excludeAssigneesOf: [], returnsResult: false };
      const picks: string[] = [];
      const pickOne = async (i: number): Promise<string> => {
        const rotations = new Map();
        const outcome = await assigner.assign({ taskId: `task-${strategy}-${i}`, instanceId: `inst-${i}`, elementId: 'review', spec, at: AT, localDate: LOCAL_DATE, excluded: [], rotations });
        // The engine's step commit carries the moved rotation pointer (UnitOfWork: policies).
        if (rotations.size) await store.commit({ policies: [...rotations.values()] });
        if (!outcome.assignee) throw new Error(`${strategy} pick ${i}: nobody assigned (${outcome.attention ?? 'no reason'})`);
        return outcome.assignee;
      };
      for (let i = 0; i < warmup; i += 1) picks.push(await pickOne(i));
      const latencies = new Float64Array(n);
      const t0 = performance.now();
      for (let k = 0; k < n; k += 1) {
        const s = performance.now();
        picks.push(await pickOne(warmup + k));
        latencies[k] = performance.now() - s;
      }
      const elapsed = performance.now() - t0;
      check(strategy, picks, seededTasks.fewest);
      result[strategy] = { ...opStats(latencies, elapsed), distinctPicks: new Set(picks).size };
      progress(`${strategy}: ${result[strategy]!.perSec.toLocaleString('en-US')}/s, ${picks.length} picks checked`);
    }
  } finally {
    await store.close();
  }
  if (strategies.includes('round-robin')) notes.push('round-robin figures include committing the rotation pointer (one sqlite transaction per pick)');
  return {
    measure: 'assignment',
    setup: `TaskAssigner + Directory + PolicyDocuments (TTL 1 s) on sqlite :memory:, group of ${CANDIDATES}, ${ABSENT.length} absent, crypto draws`,
    candidates: CANDIDATES,
    absent: ABSENT.length,
    eligible: eligible.length,
    warmup,
    strategies: result,
    peakRssMb: peakRssMb(),
    notes,
  };
}

function check(strategy: Strategy, picks: readonly string[], fewest: ReadonlySet<string>): void {
  const allowed = new Set(strategy === 'least-loaded' ? fewest : eligible);
  const bad = picks.findIndex((p) => !allowed.has(p));
  if (bad >= 0) throw new Error(`${strategy} pick ${bad} went to ${picks[bad]}, not an allowed official`);
  if (strategy === 'random' && picks.length >= 50 * eligible.length && new Set(picks).size !== eligible.length) {
    throw new Error(`random: only ${new Set(picks).size} of ${eligible.length} officials ever drawn in ${picks.length} picks`);
  }
  if (strategy === 'round-robin') {
    picks.forEach((p, i) => {
      if (p !== eligible[i % eligible.length]) throw new Error(`round-robin pick ${i} went to ${p}, expected ${eligible[i % eligible.length]}`);
    });
  }
}
