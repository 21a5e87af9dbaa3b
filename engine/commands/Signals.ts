import { AsyncLocalStorage } from 'node:async_hooks';
import type { SignalOptions, SignalResult } from '../api.js';
import type { InstanceState, JobRecord } from '../records/index.js';
import type { RuntimeEvent } from '../runtime/events.js';
import type { UnitOfWork } from '../UnitOfWork.js';
import { plainObject, requiredText } from './args.js';
import { nowIso, type EngineCore } from './EngineCore.js';

/** Waiting instances read from the store's index per page. */
const PAGE = 200;
/** Signal jobs one broadcast runs after itself (throws its catches reached); the rest go to the job executor. */
const MAX_CHAINED = 100;

interface Target {
  readonly tokenId: string;
  readonly elementId: string;
  readonly boundaryId?: string;
}

/**
 * Signals (`engine.signal`, signal throw events): a broadcast reaches every token waiting for the
 * signal in every running instance, found through the store's index of signal waits
 * (Store.signalWaiters), each instance in its own transaction, then starts the processes with a
 * signal start event (latest versions) in one more. A throw inside a step is a `signal` job
 * committed with the step (UnitOfWork's throwSignal) and broadcast right after that commit
 * (runAfter) or, if this engine stops first, by any engine's job executor (fire).
 *
 * The catches a broadcast reaches may throw signals in turn: those jobs join the running
 * broadcast's queue (an AsyncLocalStorage context) instead of nesting, at most MAX_CHAINED of
 * them; the rest wait, committed, for the job executor, so a model whose signals answer each
 * other cannot hold a request for ever.
 */
export class Signals {
  private readonly queue = new AsyncLocalStorage<JobRecord[]>();

  constructor(
    private readonly core: EngineCore,
    private readonly lease: { readonly owner: string; readonly ms: number },
  ) {}

  /** `engine.signal(name, { variables, by })`. */
  async broadcast(signalName: string, options: SignalOptions = {}): Promise<SignalResult> {
    const name = requiredText(signalName, 'signalName');
    const variables = plainObject(options.variables, 'variables');
    const by = options.by === undefined ? 'system' : requiredText(options.by, 'by');
    const agency = options.agency === undefined ? undefined : requiredText(options.agency, 'agency');
    return this.inQueue(() => this.deliver(name, variables, by, undefined, undefined, agency));
  }

  /** Runs the signal jobs committed units queued (their throws), unless a broadcast running here takes them. */
  async runAfter(...committed: readonly (UnitOfWork | undefined)[]): Promise<void> {
    const jobs = committed.flatMap((unit) => unit?.insertedJobs('signal') ?? []);
    if (!jobs.length) return;
    const running = this.queue.getStore();
    if (running) running.push(...jobs);
    else await this.inQueue(async () => void this.queue.getStore()!.push(...jobs));
  }

  /** Fires one leased signal job (the job executor's, or ours right after its commit). */
  async fire(job: JobRecord, owner: string): Promise<boolean> {
    await this.inQueue(() => this.fireHeld(job, owner));
    return true;
  }

  private async fireHeld(job: JobRecord, owner: string): Promise<SignalResult> {
    const thrownBy = typeof job.payload.instanceId === 'string' ? job.payload.instanceId : undefined;
    return this.deliver(String(job.payload.signalName), {}, thrownBy ? `instance:${thrownBy}` : 'system', (unit) => unit.completeJob(job.id, owner), { elementId: job.elementId, ...(thrownBy ? { instanceId: thrownBy } : {}) });
  }

  /** Runs `body` with a queue for the signal jobs it causes, then those jobs (bounded). */
  private async inQueue<T>(body: () => Promise<T>): Promise<T> {
    const queued: JobRecord[] = [];
    return this.queue.run(queued, async () => {
      const result = await body();
      for (let n = 0; queued.length && n < MAX_CHAINED; n++) {
        const job = queued.shift()!;
        const now = this.core.clock.now();
        const [held] = await this.core.store.acquireJobs({ now: now.toISOString(), lockedUntil: new Date(now.getTime() + this.lease.ms).toISOString(), owner: this.lease.owner, limit: 1, id: job.id });
        if (held) await this.fireHeld(held, this.lease.owner); // else another engine's executor took it
      }
      return result;
    });
  }

  private async deliver(
    signalName: string,
    variables: Record<string, unknown>,
    by: string,
    finish?: (unit: UnitOfWork) => void,
    thrower?: Record<string, string>,
    agency?: string,
  ): Promise<SignalResult> {
    const reached: { instanceId: string; elements: string[] }[] = [];
    for (let after: string | undefined; ; ) {
      const page = await this.core.store.signalWaiters({ name: signalName, limit: PAGE, ...(after === undefined ? {} : { after }) });
      for (const instanceId of page) {
        const elements = await this.reach(instanceId, signalName, variables, by, agency);
        if (elements.length) reached.push({ instanceId, elements });
      }
      if (page.length < PAGE) break;
      after = page.at(-1);
    }
    // Own keys only: a stored graph is a plain object, and `constructor` is no signal start.
    const starting = (await this.core.definitions.list()).filter(
      (d) => d.graph.starts.signal && Object.hasOwn(d.graph.starts.signal, signalName) && (agency === undefined || d.graph.agency === agency),
    );
    const { value: started } = await this.core.transact(async (unit) => {
      finish?.(unit);
      const at = nowIso(this.core);
      const ids: { instanceId: string; key: string }[] = [];
      for (const definition of starting) {
        const { state } = await unit.startInstance(definition, definition.graph.starts.signal![signalName]!, { variables });
        unit.audit({ at, actor: by, action: 'instance.start', subject: state.id, data: { key: definition.key, definitionId: definition.id, signalName, trackingNumber: state.trackingNumber } });
        ids.push({ instanceId: state.id, key: definition.key });
      }
      unit.audit({
        at,
        actor: by,
        action: 'signal.broadcast',
        subject: `signal:${signalName}`,
        data: {
          signalName,
          reached: reached.map((r) => r.instanceId),
          started: ids.map((s) => s.instanceId),
          variables: Object.keys(variables),
          ...(thrower ? { thrownBy: thrower } : {}),
          ...(agency === undefined ? {} : { agency }),
        },
      });
      return ids;
    });
    return { signalName, reached, started };
  }

  /** Delivers the signal to every token of one instance that waited for it when read; the elements it fired. */
  private async reach(instanceId: string, signalName: string, variables: Record<string, unknown>, by: string, agency?: string): Promise<string[]> {
    const { value } = await this.core.transact(async (unit) => {
      const state = await unit.load(instanceId);
      if (!state || state.status !== 'active') return [];
      if (agency !== undefined && (await this.core.definitions.byIdOrUndefined(state.definitionId))?.graph.agency !== agency) return [];
      const fired: string[] = [];
      for (const target of targetsOf(state, signalName)) {
        // An earlier delivery may have moved this token on (a boundary cancelled its scope).
        const current = unit.instanceState(instanceId)!;
        if (current.status !== 'active' || !targetsOf(current, signalName).some((t) => t.tokenId === target.tokenId && t.boundaryId === target.boundaryId)) continue;
        const event: RuntimeEvent = { type: 'signal', tokenId: target.tokenId, signalName, variables, ...(target.boundaryId === undefined ? {} : { boundaryId: target.boundaryId }) };
        await unit.signal(instanceId, event);
        fired.push(target.elementId);
      }
      if (fired.length) unit.audit({ at: nowIso(this.core), actor: by, action: 'signal.catch', subject: instanceId, data: { signalName, elements: fired } });
      return fired;
    });
    return value;
  }
}

/** The tokens of an instance waiting for a signal: catches first, then armed boundaries and gateway catches, in token order. */
function targetsOf(state: InstanceState, signalName: string): Target[] {
  const targets: Target[] = [];
  for (const token of state.tokens) {
    if (token.wait?.kind === 'signal' && token.wait.signalName === signalName) targets.push({ tokenId: token.id, elementId: token.elementId });
  }
  for (const token of state.tokens) {
    for (const armed of token.boundaries ?? []) {
      if (armed.signalName === signalName) targets.push({ tokenId: token.id, elementId: armed.boundaryId, boundaryId: armed.boundaryId });
    }
  }
  return targets;
}
