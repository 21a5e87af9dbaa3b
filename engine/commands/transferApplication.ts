import type { InstanceView } from '../api.js';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../errors.js';
import { requiredText } from './args.js';
import { nowIso, type EngineCore } from './EngineCore.js';
import { toView } from './views.js';

export interface TransferOptions {
  /** The centre that will work the application's front-office tasks from now on. */
  readonly centre: string;
  readonly by: string;
  /** Why: the applicant asked to collect the result at this centre, say. */
  readonly reason: string;
}

/**
 * Moves an application to another centre, at the applicant's request: its open front-office
 * tasks go to the new centre's queue (unassigned, so no clerk of the old centre keeps them).
 * A clerk works only their own centre's files, so this is the one, audited, way across.
 */
export async function transferApplication(core: EngineCore, instanceId: string, options: TransferOptions): Promise<InstanceView> {
  const centre = requiredText(options?.centre, 'centre');
  const by = requiredText(options?.by, 'by');
  const reason = requiredText(options?.reason, 'reason');
  const { value } = await core.transact(async (unit) => {
    const state = await core.store.getInstance(instanceId);
    if (!state) throw new NotFoundError('application', instanceId);
    if (state.status !== 'active') throw new ConflictError(`application ${instanceId} is ${state.status}: there is nothing left to transfer`, instanceId);
    if (state.centre === centre) throw new InvalidArgumentError('centre', `application ${instanceId} already belongs to ${centre}`);
    const front = (await core.store.findTasks({ instanceId, state: 'open' })).filter((t) => t.office === 'front');
    const record = { ...state, centre, version: state.version + 1 };
    unit.updateInstance(record, state.version);
    for (const t of front) unit.updateTask({ ...t, centre, assignee: null, version: t.version + 1 }, t.version);
    unit.audit({ at: nowIso(core), actor: by, action: 'application.transfer', subject: instanceId, data: { from: state.centre ?? null, to: centre, reason, tasks: front.map((t) => t.id) } });
    return record;
  });
  return toView(value);
}
