import { groundsOf, viewpointOf, type Engine } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import { decisionDetails, type DecisionDetails } from './decisionFields.js';

export interface EarlierDecision extends Omit<DecisionDetails, 'refusalGrounds' | 'decisionNote'> {
  readonly taskId: string;
  readonly elementId: string;
  readonly name?: string;
  readonly outcome: string | null;
  readonly completedAt?: string;
  /** The grounds as a list, however the form wrote them (one string or several). */
  readonly refusalGrounds?: readonly string[];
  readonly decisionNote?: string;
  /** Who decided, when the viewer may know (a back-office name to the back office, as for tasks). */
  readonly decidedBy?: { readonly id: string; readonly name?: string };
}

/**
 * What a second reviewer must see: the decisions of the tasks this task's four-eyes rule
 * names (`ps:excludeAssigneesOf`, the first review), newest first, with their grounds and
 * notes. Read from the model, so no element id is written here; a task without such a rule
 * has none.
 */
export async function earlierDecisions(engine: Engine, user: ActingUser, taskId: string): Promise<EarlierDecision[]> {
  const task = await engine.task(taskId);
  const instance = await engine.instance(task.instanceId);
  const graph = (await engine.definition(instance.key, Number(instance.definitionId.split(':').pop()))).graph;
  const earlier = graph.nodes[task.elementId]?.userTask?.excludeAssigneesOf ?? [];
  if (earlier.length === 0) return [];
  const done = (await engine.tasks({ instanceId: task.instanceId, state: 'completed', limit: 1000 }))
    .filter((t) => earlier.includes(t.elementId))
    .sort((a, b) => ((a.completedAt ?? '') < (b.completedAt ?? '') ? 1 : -1));
  const showNames = viewpointOf(user.roles).backOffice;
  return Promise.all(
    done.map(async (t): Promise<EarlierDecision> => {
      const completion = (await engine.audit({ subject: t.id, limit: 200 })).findLast((e) => e.action === 'task.complete');
      const by = t.completedBy;
      const name = by && showNames ? (await engine.directory.findUser(by))?.name : undefined;
      return {
        taskId: t.id,
        elementId: t.elementId,
        ...(t.name ? { name: t.name } : {}),
        outcome: t.outcome ?? ((completion?.data?.outcome as string | null | undefined) ?? null),
        ...(t.completedAt ? { completedAt: t.completedAt } : {}),
        ...decided(decisionDetails(completion?.data?.variables)),
        ...(by && showNames ? { decidedBy: name ? { id: by, name } : { id: by } } : {}),
      };
    }),
  );
}

/** The details with the grounds read as a list and the note only when it is text. */
function decided({ refusalGrounds, decisionNote, ...rest }: DecisionDetails): Omit<EarlierDecision, 'taskId' | 'elementId' | 'outcome'> {
  const grounds = groundsOf(refusalGrounds);
  return { ...rest, ...(grounds.length > 0 ? { refusalGrounds: grounds } : {}), ...(typeof decisionNote === 'string' ? { decisionNote } : {}) };
}
