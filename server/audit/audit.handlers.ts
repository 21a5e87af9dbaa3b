import type { z } from 'zod';
import { NotFoundError } from '../../engine/index.js';
import type { ActingUser, AppDeps } from '../AppContext.js';
import { forbidden } from '../auth/access.js';
import { scopeChecks } from '../auth/scopes.js';
import { supervisionOf } from '../auth/supervision.js';
import { HttpProblem } from '../HttpProblem.js';
import type { RouteHandlers } from '../route.js';
import { auditCsvExport, auditJsonExport } from './auditExport.js';
import { selectAudit, type AuditFilter } from './auditSelection.js';
import type { AuditQuery, auditRoutes } from './audit.routes.js';
import { verifyAuditTrail } from './verifyAuditTrail.js';

type Filters = Omit<z.output<typeof AuditQuery>, 'limit'>;

export function auditHandlers({ engine, auditAnchor }: AppDeps): RouteHandlers<typeof auditRoutes> {
  const scopes = scopeChecks(engine);

  /** The filter the caller may run: one application within their scope, or anything for the inspection. */
  async function filterFor(user: ActingUser, query: Filters): Promise<AuditFilter & { instance?: string }> {
    let instance = query.instance;
    if (query.trackingNumber) {
      const digits = query.trackingNumber.replace(/[\s-]/g, '');
      const found = await engine.instanceByTrackingNumber(`${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new HttpProblem(400, 'bad_request', `query: no application has the tracking number ${query.trackingNumber}`, { field: 'trackingNumber' });
        throw error;
      });
      if (instance && instance !== found.id) throw new HttpProblem(400, 'bad_request', 'query: instance and trackingNumber name different applications', { field: 'trackingNumber' });
      instance = found.id;
    }
    if (instance && query.subject && instance !== query.subject) {
      throw new HttpProblem(400, 'bad_request', 'query: give instance or subject, not both', { field: 'subject' });
    }
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw new HttpProblem(400, 'bad_request', 'query: the period ends before it starts', { field: 'to' });
    }
    const rest = {
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    };
    if (instance) {
      // Same rule as GET /api/applications/:id: an auditor of one agency reads its applications' trails.
      await scopes.application(user, { params: { id: instance }, query: {}, body: undefined });
      return { instance, subject: instance, ...rest };
    }
    // The trail names every actor of every agency: whole, or by any subject, only for the inspection.
    if (!(await supervisionOf(engine, user)).all) throw forbidden('an auditor of one agency reads the trail of an application (?instance=), not the whole trail');
    return { ...(query.subject ? { subject: query.subject } : {}), ...rest };
  }

  return {
    async list({ query, user }) {
      const filter = await filterFor(user, query);
      return { status: 200, body: await selectAudit(engine, filter, { ...(query.afterSeq !== undefined ? { afterSeq: query.afterSeq } : {}), limit: query.limit }) };
    },
    async export({ query, user }) {
      const filter = await filterFor(user, query);
      const entries = await selectAudit(engine, filter, { ...(query.afterSeq !== undefined ? { afterSeq: query.afterSeq } : {}), limit: query.limit });
      const stamp = new Date().toISOString();
      const name = `audit-${stamp.slice(0, 19).replace(/[:T]/g, '-')}.${query.format}`;
      const headers = { 'content-disposition': `attachment; filename="${name}"` };
      if (query.format === 'csv') return { status: 200, type: 'text/csv; charset=utf-8', headers, body: auditCsvExport(entries) };
      return { status: 200, headers, body: auditJsonExport(entries, filter, stamp) };
    },
    async verify() {
      return { status: 200, body: await verifyAuditTrail(engine, auditAnchor) };
    },
  };
}
