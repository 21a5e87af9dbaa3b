import { createHash } from 'node:crypto';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import { decisionDocument } from './decisionDocument.js';
import type { printRoutes } from './print.routes.js';
import { renderDecisionPdf } from './renderDecisionPdf.js';
import { articleIn, isDocumentLanguage, standardOf, type DocumentLanguage } from './standardTexts.js';

/** The language the applicant chose at registration (their notices' and documents'), else Russian. */
async function applicantLanguage(engine: AppDeps['engine'], instanceId: string): Promise<DocumentLanguage> {
  const chosen = (await engine.instance(instanceId)).applicant?.['language'];
  return isDocumentLanguage(chosen) ? chosen : 'ru';
}

export function printHandlers({ engine, services }: AppDeps): RouteHandlers<typeof printRoutes> {
  return {
    async outcome({ params }) {
      const instance = await engine.instance(params.id);
      const standard = standardOf(services, instance.serviceCode);
      const article = articleIn(standard, 'en');
      const outcome = await engine.outcome(params.id, { ...(article ? { article } : {}), ...(standard ? { requiredDocuments: standard.requiredDocuments } : {}) });
      return { status: 200, body: outcome };
    },

    async document({ params, query, user }) {
      const doc = await decisionDocument(engine, services, params.id, query.lang ?? (await applicantLanguage(engine, params.id)));
      const pdf = await renderDecisionPdf(doc);
      // A document handed to an applicant is evidence: who printed which decision, and its exact bytes.
      await engine.documents.record({
        at: new Date().toISOString(),
        actor: user.id,
        action: 'document.issued',
        subject: params.id,
        data: { kind: doc.kind, language: doc.language, trackingNumber: doc.trackingNumber, sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.length },
      });
      return {
        status: 200,
        body: pdf,
        type: 'application/pdf',
        headers: {
          'Content-Disposition': `inline; filename="${doc.trackingNumber}-${doc.kind}-${doc.language}.pdf"`,
          'Cache-Control': 'no-store',
        },
      };
    },
  };
}
