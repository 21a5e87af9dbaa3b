import type { AssignmentIntegrityReport, Engine } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import { supervisionOf, type Supervision } from '../auth/supervision.js';
import type { RouteHandlers } from '../route.js';
import type { assignmentRoutes } from './assignment.routes.js';

export function assignmentHandlers({ engine }: AppDeps): RouteHandlers<typeof assignmentRoutes> {
  return {
    async assignment({ query, user }) {
      const report = await engine.assignmentIntegrity({
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.group ? { group: query.group } : {}),
      });
      const supervision = await supervisionOf(engine, user);
      return { status: 200, body: supervision.all ? report : await withinScope(engine, supervision, report) };
    },
  };
}

/**
 * An auditor of one agency sees the groups that work on the processes they oversee, and the
 * names of the people in those rows only: who reviews whom elsewhere is not theirs to read.
 */
async function withinScope(engine: Engine, supervision: Supervision, report: AssignmentIntegrityReport): Promise<AssignmentIntegrityReport> {
  const groups = new Set<string>();
  for (const definition of await engine.definitions()) {
    if (!supervision.keys.has(definition.key)) continue;
    for (const node of Object.values(definition.graph.nodes)) if (node.userTask?.candidateGroup) groups.add(node.userTask.candidateGroup);
  }
  const mine = <T extends { group: string }>(rows: readonly T[]) => rows.filter((r) => groups.has(r.group));
  const scoped = {
    ...report,
    groups: mine(report.groups),
    lateAbsences: mine(report.lateAbsences),
    absenceBeneficiaries: mine(report.absenceBeneficiaries),
    picks: mine(report.picks),
    pairs: mine(report.pairs),
    flags: mine(report.flags),
  };
  const people = new Set<string>([
    ...scoped.groups.flatMap((g) => g.officials.map((o) => o.official)),
    ...scoped.lateAbsences.flatMap((a) => [a.official, a.setBy, ...a.draws.map((d) => d.pick)]),
    ...scoped.picks.flatMap((p) => [p.supervisor, ...p.recipients.map((r) => r.official)]),
    ...scoped.pairs.flatMap((p) => p.officials),
  ]);
  return { ...scoped, names: Object.fromEntries(Object.entries(report.names).filter(([id]) => people.has(id))) };
}
