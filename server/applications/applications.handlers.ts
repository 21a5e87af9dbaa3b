import { NotFoundError, type Engine } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import { scopeChecks } from '../auth/scopes.js';
import { loadApplication } from './loadApplication.js';
import { searchApplications } from './searchApplications.js';
import type { applicationRoutes } from './applications.routes.js';

/**
 * The process key that serves a service code: the latest definition whose `ps:serviceCode` is
 * the code (the most recently deployed, should two keys share it), else a process key equal to it.
 * Reads the latest of every key on each start; fine for a catalogue of hundreds of services.
 */
export async function processKeyFor(engine: Engine, serviceCode: string): Promise<string> {
  const latest = await engine.definitions();
  const byCode = latest.filter((d) => d.serviceCode === serviceCode).sort((a, b) => b.deployedAt.localeCompare(a.deployedAt));
  const found = byCode[0] ?? latest.find((d) => d.key === serviceCode);
  if (!found) throw new NotFoundError('service', serviceCode);
  return found.key;
}

export function applicationHandlers({ engine }: AppDeps): RouteHandlers<typeof applicationRoutes> {
  const scopes = scopeChecks(engine);
  return {
    async start({ body, headers, user }) {
      const key = await processKeyFor(engine, body.serviceCode);
      const started = await engine.start(key, {
        channel: body.channel,
        variables: { ...body.variables, ...(body.documents ? { documents: body.documents } : {}) },
        ...(body.applicant ? { applicant: body.applicant } : {}),
        by: user.id,
        // Scoped to the user by `by`: one clerk's key never answers another's request.
        ...(headers['idempotency-key'] === undefined ? {} : { idempotencyKey: headers['idempotency-key'] }),
      });
      const reply = { id: started.id, trackingNumber: started.trackingNumber, ...(started.dueAt ? { dueAt: started.dueAt } : {}) };
      return { status: 201, body: reply, headers: { Location: `/api/applications/${encodeURIComponent(started.id)}` } };
    },

    async get({ params }) {
      return { status: 200, body: await loadApplication(engine, params.id) };
    },

    async search({ query, user }) {
      return { status: 200, body: await searchApplications(engine, scopes, user, query) };
    },

    async receipt({ params }) {
      return { status: 200, body: await engine.receipt(params.id) };
    },
  };
}
