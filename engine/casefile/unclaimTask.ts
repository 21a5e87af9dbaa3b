import { ConflictError, InvalidArgumentError, NotFoundError } from '../errors.js';
import { requiredText } from '../commands/args.js';
import { transact } from '../commit/transact.js';
import { PreparedBatch } from '../commit/PreparedBatch.js';
import { nowIso, type EngineCore } from '../commands/EngineCore.js';
import type { TaskRecord } from '../store/port.js';

export type { UnclaimOptions } from './types.js';
import type { UnclaimOptions } from './types.js';

/**
 * Gives a claimed task back to its group's queue (unassigned): history `unclaim` and audit
 * `task.unclaim` in one commit. Only tasks taken by a claim go back: a task drawn at random
 * (or by rotation or load) stays with whoever was drawn, or anyone could send a file round the
 * queue until a colleague of their choice picks it up; a supervisor moves those by a new draw
 * (reassign).
 */
export async function unclaimTask(core: EngineCore, taskId: string, options: UnclaimOptions): Promise<TaskRecord> {
  const by = requiredText(options?.by, 'by');
  const reason = options.reason === undefined ? undefined : requiredText(options.reason, 'reason').trim();
  const { value } = await transact(core.store, () => new PreparedBatch(), async (prepared) => {
    const task = await core.store.getTask(requiredText(taskId, 'taskId'));
    if (!task) throw new NotFoundError('task', taskId);
    if (task.state !== 'open') throw new ConflictError(`task ${taskId} is already ${task.state}`, taskId);
    if (!task.assignee) throw new ConflictError(`task ${taskId} is already in its group's queue`, taskId);
    if ((task.assignment ?? 'claim') !== 'claim') {
      throw new ConflictError(`task ${taskId} was assigned by ${task.assignment} draw, not claimed: only a supervisor's reassignment (a new draw) moves it`, taskId);
    }
    if (task.assignee !== by) {
      if (!options.asSupervisor) throw new ConflictError(`task ${taskId} is held by someone else: only they or a supervisor can give it back`, taskId);
      if (!reason) throw new InvalidArgumentError('reason', "is required when a supervisor gives back someone else's task");
    }
    const at = nowIso(core);
    const record: TaskRecord = { ...task, assignee: null, version: task.version + 1 };
    prepared.set({
      taskUpdates: [{ record, expectedVersion: task.version }],
      history: [{ instanceId: task.instanceId, at, elementId: task.elementId, tokenId: task.tokenId, event: 'unclaim', data: { taskId, from: task.assignee, by, ...(reason ? { reason } : {}) } }],
      audit: [{ at, actor: by, action: 'task.unclaim', subject: task.id, data: { instanceId: task.instanceId, from: task.assignee, ...(reason ? { reason } : {}) } }],
    });
    return record;
  });
  return value;
}
