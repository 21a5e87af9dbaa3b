import type { AppDeps } from '../AppContext.js';
import { supervisionOf } from '../auth/supervision.js';
import type { RouteHandlers } from '../route.js';
import type { groupRoutes } from './groups.routes.js';

export function groupHandlers({ engine }: AppDeps): RouteHandlers<typeof groupRoutes> {
  return {
    async list() {
      const groups = new Map<string, { members: number; agencies: Set<string>; centres: Set<string> }>();
      for (const user of await engine.directory.listUsers({ active: true })) {
        for (const id of user.groups) {
          let group = groups.get(id);
          if (!group) groups.set(id, (group = { members: 0, agencies: new Set(), centres: new Set() }));
          group.members++;
          if (user.agency) group.agencies.add(user.agency);
          if (user.centre) group.centres.add(user.centre);
        }
      }
      const body = [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([id, g]) => ({ id, members: g.members, agencies: [...g.agencies].sort(), centres: [...g.centres].sort() }));
      return { status: 200, body };
    },
    async members({ params, user }) {
      const supervision = await supervisionOf(engine, user);
      const today = await engine.today();
      const visible = (await engine.directory.listUsers({ group: params.id })).filter(
        (u) => supervision.all || (u.agency !== undefined && supervision.agencies.has(u.agency)) || (u.centre !== undefined && u.centre === user.centre),
      );
      const body = [];
      for (const u of visible.sort((a, b) => (a.id < b.id ? -1 : 1))) {
        const absentToday = (await engine.directory.absences(u.id)).some((p) => p.from <= today && today <= p.to);
        body.push({ id: u.id, name: u.name, active: u.active, absentToday, ...(u.agency ? { agency: u.agency } : {}), ...(u.centre ? { centre: u.centre } : {}) });
      }
      return { status: 200, body };
    },
  };
}
