import type { Engine } from '../api.js';
import { ConflictError, InvalidArgumentError } from '../errors.js';
import type { Absence } from './Directory.js';

export interface RedrawnTask {
  readonly taskId: string;
  readonly trackingNumber: string;
  readonly to: string;
}

export interface KeptTask {
  readonly taskId: string;
  readonly trackingNumber: string;
  /** Why it stays: nobody else eligible (all absent, inactive, excluded by four eyes), or it moved meanwhile. */
  readonly why: string;
}

export interface AbsenceRedraw {
  readonly userId: string;
  readonly redrawn: readonly RedrawnTask[];
  readonly kept: readonly KeptTask[];
}

/** At most this many open files are moved per call; an official holding more is an outlier to see in the workload. */
export const REDRAW_LIMIT = 1000;

/**
 * An official is away: each open task assigned to them is drawn again at random among the
 * eligible (`reassignTask` without a name: active, present members of the task's group, of the
 * application's centre for front-office work, four eyes respected), one task at a time, each
 * audited on its own as `task.reassign` (mode `redraw`, the pool's size and hash, the reason).
 * A task nobody else may take stays with them and is reported, as is one that moved meanwhile
 * (completed, reassigned by someone else): the others still move.
 */
export async function redrawAbsentTasks(engine: Engine, userId: string, options: { by: string; reason?: string }): Promise<AbsenceRedraw> {
  if (typeof userId !== 'string' || !userId.trim()) throw new InvalidArgumentError('userId', 'is required');
  const reason = options.reason?.trim() || `absence of ${userId}`;
  const tasks = await engine.tasks({ assignee: userId, state: 'open', limit: REDRAW_LIMIT });
  const redrawn: RedrawnTask[] = [];
  const kept: KeptTask[] = [];
  for (const task of tasks) {
    try {
      const moved = await engine.reassignTask(task.id, { by: options.by, reason });
      redrawn.push({ taskId: task.id, trackingNumber: task.trackingNumber, to: moved.assignee ?? '' });
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof InvalidArgumentError)) throw error;
      kept.push({ taskId: task.id, trackingNumber: task.trackingNumber, why: error.message });
    }
  }
  return { userId, redrawn, kept };
}

/** What recording an absence did: the user's absences, and the files drawn again when it covers today. */
export interface AbsenceRecorded {
  readonly absences: readonly Absence[];
  /** Present when the absence covers today (the agencies' calendar): the absent official's open files, drawn again. */
  readonly redraw?: AbsenceRedraw;
}

/**
 * Records an absence, and when it covers today re-draws the absent official's open files at
 * once (issue 11: an absence must not leave them waiting with someone who is away). Each move
 * is audited as `task.reassign` with the reason `absence of <user>` (and the absence's own reason).
 * An absence that starts later moves nothing now: the draw already skips the absent on their days,
 * and files still open on the first day are moved by recording it again or `redrawAbsentTasks`.
 */
export async function recordAbsence(
  engine: Engine,
  userId: string,
  period: { from: string; to: string; reason?: string },
  options: { by: string },
): Promise<AbsenceRecorded> {
  const absences = await engine.directory.setAbsence(userId, { ...period, by: options.by });
  const today = await engine.today();
  if (!(period.from <= today && today <= period.to)) return { absences };
  const reason = period.reason?.trim() ? `absence of ${userId}: ${period.reason.trim()}` : `absence of ${userId}`;
  return { absences, redraw: await redrawAbsentTasks(engine, userId, { by: options.by, reason }) };
}
