import type { AppDeps } from '../AppContext.js';
import { forbidden } from '../auth/access.js';
import { scopeChecks } from '../auth/scopes.js';
import { supervisionOf } from '../auth/supervision.js';
import { HttpProblem } from '../HttpProblem.js';
import type { RouteHandlers } from '../route.js';
import type { auditRoutes } from './audit.routes.js';
import { verifyAuditTrail } from './verifyAuditTrail.js';

export function auditHandlers({ engine, auditAnchor }: AppDeps): RouteHandlers<typeof auditRoutes> {
  const scopes = scopeChecks(engine);
  return {
    async list({ query, user }) {
      if (query.instance && query.subject && query.instance !== query.subject) {
        throw new HttpProblem(400, 'bad_request', 'query: give instance or subject, not both', { field: 'subject' });
      }
      const page = { ...(query.afterSeq !== undefined ? { afterSeq: query.afterSeq } : {}), limit: query.limit };
      if (query.instance) {
        // Same rule as GET /api/applications/:id: an auditor of one agency reads its applications' trails.
        await scopes.application(user, { params: { id: query.instance }, query: {}, body: undefined });
        return { status: 200, body: await engine.audit({ subject: query.instance, ...page }) };
      }
      // The trail names every actor of every agency: whole, or by any subject, only for the inspection.
      if (!(await supervisionOf(engine, user)).all) throw forbidden('an auditor of one agency reads the trail of an application (?instance=), not the whole trail');
      return { status: 200, body: await engine.audit({ ...(query.subject ? { subject: query.subject } : {}), ...page }) };
    },
    async verify() {
      return { status: 200, body: await verifyAuditTrail(engine, auditAnchor) };
    },
  };
}
