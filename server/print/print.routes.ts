import { z } from 'zod';
import { OutcomeSchema } from '../contracts/applications.js';
import type { RouteSpec } from '../route.js';
import { DOCUMENT_LANGUAGES } from './standardTexts.js';

export { OutcomeSchema };

const Params = z.object({ id: z.string().min(1).max(200) });
const DocumentQuery = z.object({
  lang: z.enum(DOCUMENT_LANGUAGES, { error: (issue) => `expected one of ${DOCUMENT_LANGUAGES.join(', ')}, got ${JSON.stringify(issue.input)}` }).optional(),
});

/** Same roles and scope as GET /api/applications/:id: whoever may open the file may read and print its decision. */
const SEES_THE_APPLICATION = { roles: ['clerk', 'official', 'supervisor', 'auditor'], scope: 'application' } as const;

export const printRoutes = {
  outcome: {
    method: 'get',
    path: '/api/applications/:id/outcome',
    summary:
      "The application's decision as every screen shows it: approved / refused / withdrawn (absent while undecided), a refusal's grounds (the standard's wording) and article, " +
      "the official's note, the documents asked for while waiting, and where and until when the result can be collected.",
    access: SEES_THE_APPLICATION,
    params: Params,
    responses: [200],
    responseBody: OutcomeSchema,
  },
  document: {
    method: 'get',
    path: '/api/applications/:id/document.pdf',
    summary:
      'The printed result or refusal document as a PDF (A4, DejaVu Sans: Cyrillic and Kazakh letters print) in the language asked (`lang`: kk, ru, en; by default the applicant’s, chosen at registration, else ru): ' +
      'the decision, its grounds and the standard’s article, the service, the applicant, the tracking number, the centre. Never an official’s name. ' +
      'Audited as `document.issued` with the PDF’s SHA-256. 409 `no_decision` while the application is undecided.',
    access: SEES_THE_APPLICATION,
    params: Params,
    query: DocumentQuery,
    responses: [200],
    responseType: 'application/pdf',
  },
} as const satisfies Record<string, RouteSpec>;
