/**
 * A gamed official for the auditor's assignment-integrity page, made by driving the real engine
 * through its real commands (no audit row written by hand): in the Ministry of Justice's
 * company-registration group, the supervisor
 *  - marks every colleague of Serik Nurpeisov (mj-registration-3) absent minutes before the
 *    morning's files are drawn, so the draw can only land on him, and clears the absences after;
 *  - hands him further files by named pick ("knows these cases").
 * Around it, ordinary applications are drawn fairly, so the page also shows what chance looks like.
 */
import { localDateOf, type Engine, type TaskRecord } from '../../engine/index.js';

export const GAMED = {
  group: 'mj-registration',
  official: 'mj-registration-3',
  supervisor: 'mj-supervisor',
  colleagues: ['mj-registration-1', 'mj-registration-2', 'mj-registration-4', 'mj-registration-5'],
  processKey: 'company_reg',
} as const;

const DOCUMENTS = ['application in the prescribed form', "decision to establish (founders' minutes)", 'charter (unless the model charter is used)', 'receipt of the registration fee'];

export interface GamingOptions {
  /** The engine's clock (a manual clock in the demo seed, the system clock on a server). */
  readonly now?: () => Date;
  /** Moves a manual clock on; nothing on a live server. */
  readonly advance?: (ms: number) => void;
  /** Ordinary applications drawn fairly, besides the gamed ones. */
  readonly fairFiles?: number;
  /** Mornings on which the colleagues are marked absent, and files drawn on each. */
  readonly rounds?: number;
  readonly filesPerRound?: number;
  /** Files handed to the official by named pick. */
  readonly picks?: number;
}

export interface GamingResult {
  readonly fairFiles: number;
  readonly steeredFiles: number;
  readonly picks: number;
}

export async function seedGamedOfficial(engine: Engine, options: GamingOptions = {}): Promise<GamingResult> {
  const now = options.now ?? (() => new Date());
  const advance = options.advance ?? (() => undefined);
  const calendar = await engine.calendars.get('agency');
  const minutes = (n: number) => advance(n * 60_000);

  for (let i = 0; i < (options.fairFiles ?? 20); i++) {
    await finish(engine, await fileForReview(engine));
    minutes(7);
  }

  let steeredFiles = 0;
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    const today = localDateOf(calendar, now());
    for (const colleague of GAMED.colleagues) {
      await engine.directory.setAbsence(colleague, { from: today, to: today, reason: 'not at work today', by: GAMED.supervisor });
    }
    minutes(10);
    for (let i = 0; i < (options.filesPerRound ?? 2); i++) {
      const review = await fileForReview(engine);
      if (review.assignee === GAMED.official) steeredFiles++;
      minutes(3);
      await engine.completeTask(review.id, { by: review.assignee ?? GAMED.official, outcome: 'approve' });
    }
    for (const colleague of GAMED.colleagues) await engine.directory.clearAbsence(colleague, today, { by: GAMED.supervisor });
    minutes(5);
    // The second reviews are drawn now, with the colleagues back: fair.
    for (const task of await engine.tasks({ group: GAMED.group, state: 'open' })) if (task.elementId === 'second_review') await finishTask(engine, task);
    minutes(30);
  }

  let picks = 0;
  for (let tries = 0; picks < (options.picks ?? 5) && tries < 40; tries++) {
    const review = await fileForReview(engine);
    if (review.assignee !== GAMED.official) {
      await engine.reassignTask(review.id, { to: GAMED.official, by: GAMED.supervisor, reason: 'knows these cases' });
      picks++;
    }
    minutes(4);
    await finish(engine, { ...review, assignee: GAMED.official });
  }
  return { fairFiles: options.fairFiles ?? 20, steeredFiles, picks };
}

/** A company registration taken in at the centre and found complete: its review is drawn. */
async function fileForReview(engine: Engine): Promise<TaskRecord> {
  const { id } = await engine.start(GAMED.processKey, { channel: 'centre', by: 'clerk', variables: { documents: DOCUMENTS } });
  const [check] = await engine.tasks({ instanceId: id });
  await engine.completeTask(check!.id, { by: 'clerk', outcome: 'complete' });
  const review = (await engine.tasks({ instanceId: id })).find((t) => t.elementId === 'review');
  if (!review) throw new Error(`no review was drawn for ${id}`);
  return review;
}

/** Review approved, second review confirmed, result handed back: the application closes. */
async function finish(engine: Engine, review: TaskRecord): Promise<void> {
  await engine.completeTask(review.id, { by: review.assignee ?? GAMED.official, outcome: 'approve' });
  const second = (await engine.tasks({ instanceId: review.instanceId })).find((t) => t.elementId === 'second_review');
  if (second) await finishTask(engine, second);
}

async function finishTask(engine: Engine, second: TaskRecord): Promise<void> {
  await engine.completeTask(second.id, { by: second.assignee ?? GAMED.colleagues[0], outcome: 'confirm' });
  const handBack = (await engine.tasks({ instanceId: second.instanceId })).find((t) => t.elementId === 'hand_back');
  if (handBack) await engine.completeTask(handBack.id, { by: 'clerk', outcome: 'handed over', variables: { ratingDeclined: true } });
}
