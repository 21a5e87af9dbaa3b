import type { MigrateOptions, MigrationProblem, MigrationReport } from '../api.js';
import { InvalidArgumentError } from '../errors.js';
import type { ProcessGraph } from '../model/types.js';
import type { InstanceState } from '../runtime/state.js';
import type { JobRecord } from '../records/index.js';
import { requiredText } from './args.js';
import { nowIso, type EngineCore } from './EngineCore.js';

/** Declared in the API contract (engine/api.ts); re-exported where they were. */
export type { MigrateOptions, MigrationProblem, MigrationReport };

/**
 * Moves the running instances of one version of a process to another, checked first: every
 * element where an instance has a token (and every boundary event armed there) must exist in
 * the target version, directly or through the mapping, be of the same kind and in the same
 * sub-process. Any problem: the report lists each (instance id, element id) and nothing moves.
 * Otherwise all move in one commit; each is audited as `instance.migrate`.
 */
export async function migrateInstances(core: EngineCore, key: string, options: MigrateOptions): Promise<MigrationReport> {
  const by = requiredText(options?.by, 'by');
  const reason = requiredText(options?.reason, 'reason');
  const fromVersion = version(options.fromVersion, 'fromVersion');
  const toVersion = version(options.toVersion, 'toVersion');
  if (fromVersion === toVersion) throw new InvalidArgumentError('toVersion', `is the same as fromVersion (${fromVersion})`);
  const source = await core.definitions.get(key, fromVersion);
  const target = await core.definitions.get(key, toVersion);
  const mapping = checkMapping(options.mapping ?? {}, source.graph, target.graph, fromVersion, toVersion);
  const map = (id: string) => (Object.hasOwn(mapping, id) ? mapping[id]! : id);

  const { value } = await core.transact(async (unit) => {
    const running = (await core.store.listInstances({ key, status: 'active', limit: 1_000_000 })).filter((i) => i.definitionId === source.id);
    const jobs = new Map<string, JobRecord[]>();
    for (const instance of running) jobs.set(instance.id, await core.store.listJobs({ instanceId: instance.id }));
    const problems = running.flatMap((instance) => problemsOf(instance, jobs.get(instance.id) ?? [], source.graph, target.graph, map, toVersion));
    const report: MigrationReport = { key, fromVersion, toVersion, dryRun: options.dryRun === true, instances: running.map((i) => i.id), problems, migrated: [] };
    if (problems.length || options.dryRun || running.length === 0) return report;

    const at = nowIso(core);
    for (const instance of running) {
      // An open task names the version it belongs to (claims read its spec there): it moves too.
      for (const task of await core.store.findTasks({ instanceId: instance.id, state: 'open' })) {
        unit.updateTask({ ...task, definitionId: target.id, elementId: map(task.elementId), version: task.version + 1 }, task.version);
      }
    }
    for (const state of running) {
      unit.updateInstance(migrated(state, target.id, map), state.version);
      unit.audit({ at, actor: by, action: 'instance.migrate', subject: state.id, data: { reason, from: source.id, to: target.id, mapping, elements: state.tokens.map((t) => t.elementId) } });
    }
    return { ...report, migrated: running.map((i) => i.id) };
  });
  return value;
}

function version(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw new InvalidArgumentError(field, `must be a version number (1 or more), got ${JSON.stringify(value)}`);
  return value as number;
}

function checkMapping(mapping: Readonly<Record<string, string>>, source: ProcessGraph, target: ProcessGraph, fromVersion: number, toVersion: number): Record<string, string> {
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) throw new InvalidArgumentError('mapping', 'must be an object of old element id to new element id');
  const copy: Record<string, string> = {};
  for (const [from, to] of Object.entries(mapping)) {
    if (!Object.hasOwn(source.nodes, from)) throw new InvalidArgumentError(`mapping.${from}`, `element '${from}' is not in version ${fromVersion}`);
    if (typeof to !== 'string' || !Object.hasOwn(target.nodes, to)) throw new InvalidArgumentError(`mapping.${from}`, `element '${String(to)}' is not in version ${toVersion}`);
    copy[from] = to;
  }
  return copy;
}

function problemsOf(instance: InstanceState, jobs: readonly JobRecord[], source: ProcessGraph, target: ProcessGraph, map: (id: string) => string, toVersion: number): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const check = (elementId: string) => {
    const old = source.nodes[elementId];
    const id = map(elementId);
    const next = Object.hasOwn(target.nodes, id) ? target.nodes[id] : undefined;
    const problem = !next
      ? `'${id}' is not in version ${toVersion}: map it to an element there`
      : old && old.kind !== next.kind
        ? `'${elementId}' is a ${old.kind}, '${id}' in version ${toVersion} a ${next.kind}`
        : old && (old.scope === null ? null : map(old.scope)) !== next.scope
          ? `'${id}' is in another sub-process in version ${toVersion}`
          : old && !old.multiInstance !== !next.multiInstance
            ? `'${elementId}' is ${old.multiInstance ? 'multi-instance' : 'a single instance'}, '${id}' in version ${toVersion} ${next.multiInstance ? 'multi-instance' : 'a single instance'}: its tokens would not fit`
            : undefined;
    if (problem && !problems.some((p) => p.elementId === elementId)) problems.push({ instanceId: instance.id, elementId, problem });
  };
  for (const token of instance.tokens) {
    check(token.elementId);
    for (const armed of token.boundaries ?? []) check(armed.boundaryId);
  }
  for (const armed of instance.subscriptions ?? []) check(armed.boundaryId); // process-level event sub-processes
  for (const job of jobs) {
    if (map(job.elementId) !== job.elementId) problems.push({ instanceId: instance.id, elementId: job.elementId, problem: `a timer waits at '${job.elementId}': a waiting timer keeps its element id, so map it to the same id` });
  }
  return problems;
}

function migrated(state: InstanceState, definitionId: string, map: (id: string) => string): InstanceState {
  return {
    ...state,
    definitionId,
    version: state.version + 1,
    tokens: state.tokens.map((t) => ({ ...t, elementId: map(t.elementId), ...(t.boundaries ? { boundaries: t.boundaries.map((b) => ({ ...b, boundaryId: map(b.boundaryId) })) } : {}) })),
    incidents: state.incidents.map((i) => ({ ...i, elementId: map(i.elementId) })),
    ...(state.subscriptions ? { subscriptions: state.subscriptions.map((s) => ({ ...s, boundaryId: map(s.boundaryId) })) } : {}),
  };
}
