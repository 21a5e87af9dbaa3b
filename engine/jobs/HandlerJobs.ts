/**
 * Service-task handlers run AFTER the commit of the step that reached them, as jobs: the way
 * Temporal runs activities. The step that enters a service task commits the token waiting
 * there together with a `continuation` job naming the handler; the engine that committed it
 * then leases that job at once, runs the handler ONCE, and applies its answer (variables, a
 * BPMN error, a failure) in a transaction of its own that also deletes the job. When that
 * transaction loses a version race it is retried with the same answer: the handler is not
 * run again. So a conflict never runs a handler twice.
 *
 * The job is committed already leased to the engine that will run it (UnitDeps.handlerLease),
 * so running it costs no extra write to take it. The guarantee across a crash is at least
 * once, as for Temporal's activities: an engine that dies before the handler's answer was
 * committed leaves the job leased; when the lease ends any engine's job executor takes it and
 * runs the handler (again, if it had run). Handlers with outside effects should therefore be
 * idempotent (key their calls by instance and element).
 *
 * A handler whose token is gone by the time it runs (a boundary fired, an operator cancelled
 * the instance) is not run at all; its job just goes.
 */
import { randomUUID } from 'node:crypto';
import { BpmnError, ConflictError } from '../errors.js';
import type { Clock } from '../clock.js';
import { transact } from '../commit/transact.js';
import type { HandlerRegistry } from '../handlers.js';
import type { InstanceState, JobRecord, Token } from '../records/index.js';
import type { RuntimeEvent } from '../runtime/events.js';
import { variablesInScope } from '../runtime/scopes.js';
import type { Store } from '../store/port.js';
import type { UnitOfWork } from '../UnitOfWork.js';

export interface HandlerJobsDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly handlers: HandlerRegistry;
  readonly newUnit: () => UnitOfWork;
  /** How long this engine holds a handler job it runs (default 60 s). */
  readonly leaseMs?: number;
}

/** What became of the instances the handler jobs touched, by id: their state after the last commit. */
export type LatestStates = Map<string, InstanceState>;

export class HandlerJobs {
  readonly owner = `handlers-${randomUUID()}`;
  private readonly leaseMs: number;

  constructor(private readonly deps: HandlerJobsDeps) {
    this.leaseMs = deps.leaseMs ?? 60_000;
  }

  /**
   * Runs here and now the handler jobs a committed unit queued, then those their answers queue
   * (a chain of service tasks), until none is left. A job another engine took already is left
   * to it. Returns the latest state of every instance the answers changed; `onCommit` sees each
   * answer's committed unit (the signals it threw are broadcast after it).
   */
  async runAfter(committed: UnitOfWork | undefined, onCommit?: (unit: UnitOfWork) => void): Promise<LatestStates> {
    const latest: LatestStates = new Map();
    const queue = committed ? committed.insertedJobs('continuation').map((job) => ({ job, from: committed })) : [];
    while (queue.length) {
      const { job, from } = queue.shift()!;
      let held: JobRecord | undefined = job;
      if (job.lockOwner !== this.owner) {
        const now = this.deps.clock.now();
        [held] = await this.deps.store.acquireJobs({ now: now.toISOString(), lockedUntil: new Date(now.getTime() + this.leaseMs).toISOString(), owner: this.owner, limit: 1, id: job.id });
      }
      if (!held) continue;
      // The instance as the queuing commit left it: no read needed to call the handler.
      const unit = await this.fire(held, this.owner, latest.get(job.instanceId!) ?? from.instanceState(job.instanceId!));
      for (const state of unit?.changedInstances() ?? []) latest.set(state.id, state);
      if (unit) onCommit?.(unit);
      if (unit) queue.push(...unit.insertedJobs('continuation').map((next) => ({ job: next, from: unit })));
    }
    return latest;
  }

  /** The lease a unit gives the handler jobs it queues (UnitDeps.handlerLease). */
  get lease(): { readonly owner: string; readonly ms: number } {
    return { owner: this.owner, ms: this.leaseMs };
  }

  /**
   * Fires one leased handler job: the handler runs once, outside any transaction; its answer
   * is applied by transact, retried on a conflict without running the handler again. Returns
   * the committed unit.
   */
  async fire(job: JobRecord, owner: string, known?: InstanceState): Promise<UnitOfWork | undefined> {
    const stored = known ?? (job.instanceId ? await this.deps.store.getInstance(job.instanceId) : undefined);
    const waiting = stored?.status === 'active' ? stored.tokens.find((t) => t.id === job.tokenId && t.elementId === job.elementId && t.wait?.kind === 'handler') : undefined;
    const event = stored && waiting ? await this.invoke(stored, job, waiting) : undefined;
    const visits = typeof job.payload.visits === 'number' ? job.payload.visits : 0;
    // The first attempt steps the instance as it was known (no read); a retry after a lost race reads it.
    let first = known;
    const { committed } = await transact(this.deps.store, this.deps.newUnit, async (unit) => {
      if (first) unit.rememberInstance(first);
      first = undefined;
      unit.completeJob(job.id, owner);
      if (!event) return; // the token is gone: the job just goes
      try {
        await unit.signal(job.instanceId!, event, 0, visits);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // the token moved on meanwhile: the answer is dropped
      }
    });
    return committed;
  }

  /**
   * Calls the registered handler with a copy of the variables its token sees (a multi-instance
   * inner instance's local ones over the process's); its answer as the event for the token.
   */
  private async invoke(state: InstanceState, job: JobRecord, token: Token): Promise<RuntimeEvent> {
    const name = String(job.payload.handler);
    const tokenId = job.tokenId!;
    const handler = this.deps.handlers.get(name);
    if (!handler) return { type: 'handlerFailed', tokenId, message: `ps:handler '${name}' is not registered` };
    try {
      const variables = await handler({
        instanceId: state.id,
        trackingNumber: state.trackingNumber,
        elementId: job.elementId,
        variables: structuredClone(variablesInScope(state, token)),
        now: this.deps.clock.now(),
      });
      if (variables !== undefined && (variables === null || typeof variables !== 'object' || Array.isArray(variables))) {
        return { type: 'handlerFailed', tokenId, message: `ps:handler '${name}' returned ${JSON.stringify(variables)}, not an object of variables` };
      }
      return variables ? { type: 'handlerResult', tokenId, variables } : { type: 'handlerResult', tokenId };
    } catch (error) {
      if (error instanceof BpmnError) return { type: 'handlerError', tokenId, errorCode: error.errorCode, message: error.message };
      return { type: 'handlerFailed', tokenId, message: `ps:handler '${name}' failed: ${(error as Error)?.message ?? String(error)}` };
    }
  }
}
