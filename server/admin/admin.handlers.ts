import type { AppDeps } from '../AppContext.js';
import { passwordProblem } from '../accounts/passwordPolicy.js';
import { HttpProblem } from '../HttpProblem.js';
import type { RouteHandlers } from '../route.js';
import { adminUserView } from './adminUserView.js';
import type { adminRoutes } from './admin.routes.js';
import { keptTranslations } from './keptTranslations.js';
import { KIND_BY_PATH, knownUnits, requireKnownUnits } from './knownUnits.js';

/**
 * The administrator's routes: users, their roles, groups, offices and passwords; groups,
 * centres and agencies. Every change is a new version of a directory document with its audit
 * entry (Directory, Accounts): nothing here writes to the store directly.
 */
export function adminHandlers({ engine, accounts, live }: AppDeps): RouteHandlers<typeof adminRoutes> {
  const view = async (userId: string) => adminUserView(await engine.directory.getUser(userId), (await accounts.credentialStates()).get(userId));
  return {
    async listUsers({ query }) {
      const needle = query.search?.toLowerCase();
      const states = await accounts.credentialStates();
      const users = (await engine.directory.listUsers())
        .filter((u) => !needle || u.id.toLowerCase().includes(needle) || u.name.toLowerCase().includes(needle))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      return { status: 200, body: users.map((u) => adminUserView(u, states.get(u.id))) };
    },

    async createUser({ body, user }) {
      if (await engine.directory.findUser(body.id)) throw new HttpProblem(409, 'conflict', `body.id: a user ${JSON.stringify(body.id)} exists already`, { field: 'id' });
      const weak = passwordProblem(body.password, body.id);
      if (weak) throw weak;
      const { password, ...fields } = body;
      await requireKnownUnits(engine, fields);
      await engine.directory.putUser({ ...fields, active: true }, { by: user.id });
      await accounts.setPassword(body.id, password, { by: user.id, origin: 'reset' });
      return { status: 201, body: await view(body.id) };
    },

    async updateUser({ params, body, user }) {
      const current = await engine.directory.getUser(params.id);
      // Someone must stay able to administer: not oneself out of the role or the directory.
      if (params.id === user.id && !body.active) throw new HttpProblem(400, 'bad_request', 'body.active: an administrator cannot deactivate themselves', { field: 'active' });
      if (params.id === user.id && !body.roles.includes('admin')) {
        throw new HttpProblem(400, 'bad_request', 'body.roles: an administrator cannot drop their own admin role', { field: 'roles' });
      }
      await requireKnownUnits(engine, body);
      await engine.directory.putUser({ id: current.id, ...body }, { by: user.id });
      return { status: 200, body: await view(params.id) };
    },

    async resetPassword({ params, body, user }) {
      await engine.directory.getUser(params.id);
      const weak = passwordProblem(body.password, params.id);
      if (weak) throw weak;
      await accounts.setPassword(params.id, body.password, { by: user.id, origin: 'reset' });
      // A reset is often for a password that got out: whoever holds a session with it is out too.
      for (const id of await accounts.revokeSessionsOf(params.id, { by: user.id })) live.endSession(id);
      return { status: 200, body: await view(params.id) };
    },

    async listUnits({ params }) {
      return { status: 200, body: await knownUnits(engine, KIND_BY_PATH[params.kind]) };
    },

    async putUnit({ params, body, user }) {
      const kind = KIND_BY_PATH[params.kind];
      if (body.agency !== undefined && kind !== 'group') throw new HttpProblem(400, 'bad_request', `body.agency: only a group names its agency`, { field: 'agency' });
      if (body.city !== undefined && kind !== 'centre') throw new HttpProblem(400, 'bad_request', `body.city: only a centre has a city`, { field: 'city' });
      if (body.address !== undefined && kind !== 'centre') throw new HttpProblem(400, 'bad_request', `body.address: only a centre has an address`, { field: 'address' });
      if (body.agency !== undefined) await requireKnownUnits(engine, { groups: [], agency: body.agency });
      const previous = await engine.directory.findUnit(kind, params.id);
      const existed = previous !== undefined;
      // A centre's address (where results are collected): a rename without one keeps it.
      const address = body.address ?? previous?.address;
      const translations = body.translations ?? keptTranslations(previous, { ...body, ...(address ? { address } : {}) });
      await engine.directory.putUnit(kind, { id: params.id, ...(address ? { address } : {}), ...body, ...(translations ? { translations } : {}) }, { by: user.id });
      const saved = (await knownUnits(engine, kind)).find((u) => u.id === params.id)!;
      return { status: existed ? 200 : 201, body: saved };
    },
  };
}
