import { MAX_RETRIES } from '../commands/args.js';
import { nowIso, type EngineCore } from '../commands/EngineCore.js';
import { ConflictError } from '../errors.js';
import { newId } from '../ids.js';
import { nextFiring } from '../model/TimerExpression.js';
import type { RuntimeEvent } from '../runtime/events.js';
import type { JobRecord } from '../store/port.js';
import type { UnitOfWork } from '../UnitOfWork.js';

/**
 * Fires one leased job: an instance timer, or a timer start event (which re-arms its cycle).
 * The commit that applies the job's effect also deletes the job, guarded by the lease.
 */
export class TimerFiring {
  constructor(private readonly core: EngineCore) {}

  async fire(job: JobRecord, owner: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const unit = this.core.newUnit();
      unit.jobCompletions.push({ id: job.id, owner });
      if (job.type === 'startTimer') await this.startTimer(unit, job);
      else await this.timer(unit, job);
      try {
        await this.core.store.commit(await unit.toBatch());
        return true;
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_RETRIES) continue;
        throw error;
      }
    }
  }

  private async timer(unit: UnitOfWork, job: JobRecord): Promise<void> {
    const state = job.instanceId ? await unit.load(job.instanceId) : undefined;
    if (!state || state.status !== 'active') return; // the instance ended: the job just goes
    const boundaryId = job.payload.boundaryId as string | undefined;
    const remaining = job.payload.remaining as number | undefined;
    const event: RuntimeEvent = {
      type: 'timer',
      tokenId: job.tokenId!,
      jobId: job.id,
      dueAt: job.dueAt,
      ...(boundaryId ? { boundaryId } : {}),
      ...(remaining === undefined ? {} : { remaining }),
    };
    try {
      await unit.signal(state.id, event);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return; // the token moved on before its timer: nothing to fire
    }
    unit.audit.push({ at: nowIso(this.core), actor: 'timer', action: 'timer.fire', subject: state.id, data: { elementId: job.elementId, dueAt: job.dueAt } });
  }

  private async startTimer(unit: UnitOfWork, job: JobRecord): Promise<void> {
    const definition = await this.core.definitions.require(job.definitionId!);
    const { state } = await unit.startInstance(definition, job.elementId, {});
    unit.audit.push({ at: nowIso(this.core), actor: 'timer', action: 'instance.start', subject: state.id, data: { key: definition.key, definitionId: definition.id, timer: job.elementId, trackingNumber: state.trackingNumber } });
    const node = definition.graph.nodes[job.elementId]!;
    if (node.event?.type !== 'timer') return;
    const next = nextFiring(node.event.timer, new Date(job.dueAt), job.payload.remaining as number | undefined);
    if (next) {
      unit.extraJobs.push({ ...job, id: newId(), dueAt: next.dueAt.toISOString(), payload: next.remaining === undefined ? {} : { remaining: next.remaining }, lockedUntil: null, lockOwner: null, attempts: 0 });
    }
  }
}
