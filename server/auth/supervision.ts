import type { Engine } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';

/** What a supervisor (or an auditor) oversees. */
export interface Supervision {
  /** Neither agency, centre nor groups: the inspection, which oversees the whole organisation. */
  readonly all: boolean;
  /** Process keys overseen: their agency's, and those where one of the user's groups has a task. */
  readonly keys: ReadonlySet<string>;
  /** Agencies overseen: the user's own and those of the processes above. */
  readonly agencies: ReadonlySet<string>;
}

/**
 * Works out what a supervisor oversees from the deployed processes. The directory has no group
 * entity that names its agency, but the models do: a supervisor in `mvd-supervisors` oversees
 * the processes with a task for that group, and so their agency (`ps:agency`).
 */
export async function supervisionOf(engine: Engine, user: ActingUser): Promise<Supervision> {
  const all = !user.agency && !user.centre && user.groups.length === 0;
  const keys = new Set<string>();
  const agencies = new Set<string>(user.agency ? [user.agency] : []);
  if (all) return { all, keys, agencies };
  for (const definition of await engine.definitions()) {
    const { graph } = definition;
    const groups = Object.values(graph.nodes).flatMap((node) => (node.userTask?.candidateGroup ? [node.userTask.candidateGroup] : []));
    const mine = (graph.agency !== undefined && graph.agency === user.agency) || groups.some((g) => user.groups.includes(g));
    if (!mine) continue;
    keys.add(definition.key);
    if (graph.agency) agencies.add(graph.agency);
  }
  return { all, keys, agencies };
}
