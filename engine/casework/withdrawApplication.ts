import type { InstanceView } from '../api.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { requiredText } from '../commands/args.js';
import { transact } from '../commit/transact.js';
import { PreparedBatch } from '../commit/PreparedBatch.js';
import { nowIso, type EngineCore } from '../commands/EngineCore.js';
import { toView } from '../commands/views.js';
import { newId } from '../ids.js';

export interface WithdrawOptions {
  readonly by: string;
  /** The applicant's words, or the supervisor's reason. */
  readonly reason: string;
}

/**
 * The applicant withdraws the application (at the counter, or a supervisor records it): the
 * case ends `terminated` with the decision `withdrawn` (the casework contract's `decision`
 * variable, which the outcome readers show), its open tasks cancelled and its timers and other
 * jobs deleted; a history event 'withdrawal' and the audit entry `application.withdraw`. The
 * applicant is told (a `withdrawn` notice in the same commit, so a withdrawal is never left
 * untold): their written confirmation that the case is closed.
 */
export async function withdrawApplication(core: EngineCore, instanceId: string, options: WithdrawOptions): Promise<InstanceView> {
  const by = requiredText(options?.by, 'by');
  const reason = requiredText(options?.reason, 'reason').trim();
  const { value } = await transact(core.store, () => new PreparedBatch(), async (prepared) => {
    const stored = await core.store.getInstance(instanceId);
    if (!stored) throw new NotFoundError('application', instanceId);
    if (stored.status !== 'active') {
      const decided = typeof stored.variables['decision'] === 'string' ? ` (${stored.variables['decision']})` : '';
      throw new ConflictError(`application ${stored.trackingNumber} has already ended${decided}: there is nothing to withdraw`, instanceId);
    }
    if (stored.parent) throw new ConflictError(`instance ${instanceId} is part of application ${stored.parent.instanceId}: withdraw that one`, instanceId);
    const unit = core.newUnit();
    await unit.signal(instanceId, { type: 'terminate', reason: `withdrawn: ${reason}` });
    const jobs = await core.store.listJobs({ instanceId });
    const at = nowIso(core);
    const batch = await unit.toBatch();
    const instanceUpdates = (batch.instanceUpdates ?? []).map((update) =>
      update.record.id === instanceId
        ? { ...update, record: { ...update.record, variables: { ...update.record.variables, decision: 'withdrawn', withdrawalReason: reason, withdrawnAt: at } } }
        : update,
    );
    const record = instanceUpdates.find((u) => u.record.id === instanceId)?.record;
    if (!record) throw new Error(`withdrawing ${instanceId} changed nothing`);
    prepared.set({
      ...batch,
      instanceUpdates,
      jobDeletes: [...new Set([...(batch.jobDeletes ?? []), ...jobs.map((j) => j.id)])],
      history: [...(batch.history ?? []), { instanceId, at, elementId: stored.key, event: 'withdrawal', data: { by, reason } }],
      // Nothing of the reason: the applicant's own words need not come back on a lock screen.
      notifications: [...(batch.notifications ?? []), { id: newId(), instanceId, at, elementId: stored.key, messageName: 'withdrawn', kind: 'withdrawn', trackingNumber: stored.trackingNumber, payload: {} }],
      audit: [
        ...(batch.audit ?? []),
        { at, actor: by, action: 'application.withdraw', subject: instanceId, data: { reason, trackingNumber: stored.trackingNumber, elements: stored.tokens.map((t) => t.elementId) } },
      ],
    });
    return toView(record);
  });
  return value;
}
