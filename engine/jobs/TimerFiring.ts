import { nowIso, type EngineCore } from '../commands/EngineCore.js';
import { ConflictError } from '../errors.js';
import { newId } from '../ids.js';
import { catchUp, nextFiring } from '../model/TimerExpression.js';
import type { ProcessGraph, TimerSpec } from '../model/types.js';
import type { RuntimeEvent } from '../runtime/events.js';
import type { JobRecord } from '../records/index.js';
import type { UnitOfWork } from '../UnitOfWork.js';

/**
 * Fires one leased job: an instance timer, or a timer start event (which re-arms its cycle).
 * The commit that applies the job's effect also deletes the job, guarded by the lease.
 */
export class TimerFiring {
  constructor(private readonly core: EngineCore) {}

  async fire(job: JobRecord, owner: string): Promise<boolean> {
    await this.core.transact(async (unit) => {
      unit.completeJob(job.id, owner);
      if (job.type === 'startTimer') await this.startTimer(unit, job);
      else await this.timer(unit, job);
    });
    return true;
  }

  /** The occurrence a job fires for now: its own, or for a cycle that fell behind, the latest due. */
  private caughtUp(timer: TimerSpec | undefined, job: JobRecord): { dueAt: string; remaining: number | undefined; skipped: number } {
    const remaining = job.payload.remaining as number | undefined;
    if (!timer) return { dueAt: job.dueAt, remaining, skipped: 0 };
    const firing = catchUp(timer, new Date(job.dueAt), remaining, this.core.clock.now());
    return { dueAt: firing.dueAt.toISOString(), remaining: firing.remaining, skipped: firing.skipped };
  }

  private async timer(unit: UnitOfWork, job: JobRecord): Promise<void> {
    const state = job.instanceId ? await unit.load(job.instanceId) : undefined;
    if (!state || state.status !== 'active') return; // the instance ended: the job just goes
    const boundaryId = job.payload.boundaryId as string | undefined;
    const graph = (await this.core.definitions.require(state.definitionId)).graph;
    // A boundary cycle that missed repetitions fires once, for the latest (see catchUp); the
    // runtime re-arms it from there, so the next repetition is one still to come.
    const { dueAt, remaining, skipped } = this.caughtUp(armedTimer(timerOf(graph.nodes, job.elementId), job), job);
    const event: RuntimeEvent = {
      type: 'timer',
      tokenId: job.tokenId!,
      jobId: job.id,
      dueAt,
      ...(boundaryId ? { boundaryId } : {}),
      ...(remaining === undefined ? {} : { remaining }),
    };
    try {
      await unit.signal(state.id, event);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return; // the token moved on before its timer: nothing to fire
    }
    unit.audit({ at: nowIso(this.core), actor: 'timer', action: 'timer.fire', subject: state.id, data: { elementId: job.elementId, dueAt, skipped } });
  }

  private async startTimer(unit: UnitOfWork, job: JobRecord): Promise<void> {
    const definition = await this.core.definitions.require(job.definitionId!);
    const timer = timerOf(definition.graph.nodes, job.elementId);
    // Repetitions missed while the server was down start one application, not one each.
    const { dueAt, remaining, skipped } = this.caughtUp(timer, job);
    const { state } = await unit.startInstance(definition, job.elementId, {});
    const at = nowIso(this.core);
    unit.audit({ at, actor: 'timer', action: 'instance.start', subject: state.id, data: { key: definition.key, definitionId: definition.id, timer: job.elementId, trackingNumber: state.trackingNumber } });
    unit.audit({ at, actor: 'timer', action: 'timer.fire', subject: state.id, data: { elementId: job.elementId, dueAt, skipped } });
    if (!timer) return;
    const next = nextFiring(timer, new Date(dueAt), remaining);
    if (next) {
      unit.insertJob({ ...job, id: newId(), dueAt: next.dueAt.toISOString(), payload: next.remaining === undefined ? {} : { remaining: next.remaining }, lockedUntil: null, lockOwner: null, attempts: 0 });
    }
  }
}

/** The ISO-8601 timer a job runs: a FEEL cycle as evaluated when it was armed (in its payload). */
function armedTimer(timer: TimerSpec | undefined, job: JobRecord): TimerSpec | undefined {
  if (!timer || !timer.expression.trim().startsWith('=')) return timer;
  return typeof job.payload.cycle === 'string' ? { ...timer, expression: job.payload.cycle } : undefined;
}

/** The timer definition of a graph's element, if it has one (own keys only: ids come from stored jobs). */
function timerOf(nodes: ProcessGraph['nodes'], elementId: string): TimerSpec | undefined {
  const event = Object.hasOwn(nodes, elementId) ? nodes[elementId]!.event : undefined;
  return event?.type === 'timer' ? event.timer : undefined;
}
