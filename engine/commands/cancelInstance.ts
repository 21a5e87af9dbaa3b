import type { InstanceView, CancelOptions } from '../api.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { requiredText } from './args.js';
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
  const { value } = await core.transact(async (unit) => {
    const stored = await unit.load(instanceId);
    if (!stored) throw new NotFoundError('instance', instanceId);
    if (stored.status !== 'active') throw new ConflictError(`instance ${instanceId} has already ended (${stored.status}): there is nothing to cancel`, instanceId);
    if (stored.parent) {
      throw new ConflictError(`instance ${instanceId} was started by a call activity of instance ${stored.parent.instanceId}: cancel that instance instead`, instanceId);
    }
    const where = { elements: stored.tokens.map((t) => t.elementId), incidents: stored.incidents.length };
    const state = await unit.signal(instanceId, { type: 'terminate', reason });
    // Every job of the instance goes with it (handler jobs too: their handlers will not run).
    for (const job of await core.store.listJobs({ instanceId })) unit.deleteJob(job.id);
    unit.audit({ at: nowIso(core), actor: by, action: 'instance.cancel', subject: instanceId, data: { reason, ...where } });
    return state;
  });
  return toView(value);
}
