import type { InstanceView, CancelOptions } from '../api.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { MAX_RETRIES, requiredText } from './args.js';
import { nowIso, type EngineCore } from './EngineCore.js';
import { toView } from './views.js';

/** Declared in the API contract (engine/api.ts); re-exported where they were. */
export type { CancelOptions };

/**
 * An operator ends a running instance: its open tasks are cancelled, its timers and other jobs
 * deleted, a called instance it waits for is terminated with it; status `terminated`. Audited
 * as `instance.cancel` with the reason and where the tokens were.
 */
export async function cancelInstance(core: EngineCore, instanceId: string, options: CancelOptions): Promise<InstanceView> {
  const by = requiredText(options?.by, 'by');
  const reason = requiredText(options?.reason, 'reason');
  for (let attempt = 0; ; attempt++) {
    const stored = await core.store.getInstance(instanceId);
    if (!stored) throw new NotFoundError('instance', instanceId);
    if (stored.status !== 'active') throw new ConflictError(`instance ${instanceId} has already ended (${stored.status}): there is nothing to cancel`, instanceId);
    if (stored.parent) {
      throw new ConflictError(`instance ${instanceId} was started by a call activity of instance ${stored.parent.instanceId}: cancel that instance instead`, instanceId);
    }
    const unit = core.newUnit();
    const state = await unit.signal(instanceId, { type: 'terminate', reason });
    const jobs = await core.store.listJobs({ instanceId });
    unit.audit.push({
      at: nowIso(core),
      actor: by,
      action: 'instance.cancel',
      subject: instanceId,
      data: { reason, elements: stored.tokens.map((t) => t.elementId), incidents: stored.incidents.length },
    });
    const batch = await unit.toBatch();
    const jobDeletes = [...new Set([...(batch.jobDeletes ?? []), ...jobs.map((j) => j.id)])];
    try {
      await core.store.commit({ ...batch, jobDeletes });
      return toView(state);
    } catch (error) {
      if (error instanceof ConflictError && attempt < MAX_RETRIES) continue;
      throw error;
    }
  }
}
