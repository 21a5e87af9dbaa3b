import type { InstanceView } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { caseworkRoutes } from './casework.routes.js';

/** What the casework routes answer with: enough for the screen to show the new state. */
function caseAnswer(view: InstanceView) {
  return { id: view.id, trackingNumber: view.trackingNumber, state: view.state, ...(view.dueAt ? { dueAt: view.dueAt } : {}) };
}

/** A file name safe inside a quoted header value, with the exact name in RFC 5987 form. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function caseworkHandlers({ engine }: AppDeps): RouteHandlers<typeof caseworkRoutes> {
  return {
    async documents({ params, body, user }) {
      return { status: 200, body: caseAnswer(await engine.recordDocumentsBrought(params.id, { by: user.id, documents: body.documents })) };
    },

    async addAttachment({ params, query, headers, body, user }) {
      const record = await engine.addAttachment(params.id, {
        by: user.id,
        fileName: query.name,
        content: body,
        ...(headers['content-type'] ? { declaredType: headers['content-type'] } : {}),
      });
      return { status: 201, body: record, headers: { Location: `/api/applications/${encodeURIComponent(params.id)}/attachments/${encodeURIComponent(record.id)}` } };
    },

    async listAttachments({ params }) {
      await engine.instance(params.id); // 404 for an unknown application, not an empty list
      return { status: 200, body: await engine.attachments(params.id) };
    },

    async attachment({ params }) {
      const { record, content } = await engine.attachment(params.id, params.attachmentId);
      return {
        status: 200,
        type: record.contentType,
        body: Buffer.from(content.buffer, content.byteOffset, content.byteLength),
        headers: {
          'Content-Disposition': contentDisposition(record.fileName),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-store',
        },
      };
    },

    async extend({ params, body, user }) {
      return { status: 200, body: caseAnswer(await engine.extendDeadline(params.id, { days: body.days, reason: body.reason, by: user.id })) };
    },

    async withdraw({ params, body, user }) {
      const view = await engine.withdrawApplication(params.id, { by: user.id, reason: body.reason });
      return { status: 200, body: { ...caseAnswer(view), decision: 'withdrawn' as const } };
    },
  };
}
