import { NotFoundError } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import { forbidden } from '../auth/access.js';
import type { RouteHandlers } from '../route.js';
import { atCounter, scopeChecks } from '../auth/scopes.js';
import { loadApplication } from './loadApplication.js';
import { searchApplications } from './searchApplications.js';
import { processKeyFor } from './processKeyFor.js';
import type { applicationRoutes } from './applications.routes.js';

export function applicationHandlers({ engine }: AppDeps): RouteHandlers<typeof applicationRoutes> {
  const scopes = scopeChecks(engine);
  return {
    async start({ body, headers, user }) {
      const key = await processKeyFor(engine, body.serviceCode);
      const started = await engine.start(key, {
        channel: body.channel,
        variables: { ...body.variables, ...(body.documents ? { documents: body.documents } : {}) },
        ...(body.applicant ? { applicant: body.applicant } : {}),
        ...(body.channel === 'centre' && user.centre ? { centre: user.centre } : {}),
        by: user.id,
        // Scoped to the user by `by`: one clerk's key never answers another's request.
        ...(headers['idempotency-key'] === undefined ? {} : { idempotencyKey: headers['idempotency-key'] }),
      });
      const reply = { id: started.id, trackingNumber: started.trackingNumber, ...(started.dueAt ? { dueAt: started.dueAt } : {}) };
      return { status: 201, body: reply, headers: { Location: `/api/applications/${encodeURIComponent(started.id)}` } };
    },

    async get({ params, user }) {
      const application = await loadApplication(engine, params.id);
      // The screen offers the counter's work (documents brought, a withdrawal) by the same rule the routes check.
      return { status: 200, body: (await atCounter(engine, user, application)) ? { ...application, yourCounter: true as const } : application };
    },

    async search({ query, user }) {
      return { status: 200, body: await searchApplications(engine, scopes, user, query) };
    },

    async transfer({ body, user }) {
      if (!user.centre) throw forbidden('you belong to no centre to transfer an application to');
      // The same answer whether the number is unknown or the IIN differs: no probing for files.
      const unknown = new NotFoundError('application', `${body.trackingNumber} for this IIN`);
      const found = await engine.instanceByTrackingNumber(body.trackingNumber).catch(() => undefined);
      if (!found || found.applicant?.['iin'] !== body.iin) throw unknown;
      const moved = await engine.transferApplication(found.id, { centre: user.centre, by: user.id, reason: body.reason });
      return { status: 200, body: { id: moved.id, trackingNumber: moved.trackingNumber, centre: user.centre } };
    },

    async receipt({ params }) {
      return { status: 200, body: await engine.receipt(params.id) };
    },
  };
}
