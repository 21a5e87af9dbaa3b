import { z } from 'zod';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';

const IdParams = z.object({ id: z.string().min(1).max(200) });

export const DocumentsBroughtBody = z.strictObject({
  /** What the applicant brought, as the clerk names it (the requested names, or free text). */
  documents: z.array(z.string().trim().min(1, 'a document name is empty').max(500)).min(1, 'name at least one document brought').max(100),
});

export const ExtendBody = z.strictObject({
  days: z.number().int('a whole number of calendar days').min(1, 'at least 1 day').max(15, 'at most 15 calendar days (DOMAIN rule 6)'),
  reason: z.string().trim().min(1, 'a reason is required').max(1000),
});

export const WithdrawBody = z.strictObject({
  reason: z.string().trim().min(1, 'a reason is required').max(1000),
});

export const AttachmentQuery = z.object({
  /** The file's name, as the uploader's computer calls it: shown in lists, offered on download. */
  name: z.string().trim().min(1, 'name the file (?name=scan.pdf)').max(200),
});

export const AttachmentSchema = z
  .looseObject({
    id: z.string(),
    instanceId: z.string(),
    at: z.string(),
    by: z.string(),
    fileName: z.string(),
    contentType: z.enum(Object.keys(ATTACHMENT_TYPES) as [keyof typeof ATTACHMENT_TYPES, ...(keyof typeof ATTACHMENT_TYPES)[]]),
    size: z.number(),
    sha256: z.string(),
  })
  .meta({ id: 'Attachment' });

const CaseAnswer = z.looseObject({ id: z.string(), trackingNumber: z.string(), state: z.string(), dueAt: z.string().optional() });

export const caseworkRoutes = {
  documents: {
    method: 'post',
    path: '/api/applications/:id/documents',
    summary:
      "The applicant brought the documents the official asked for: the application's counter records them (a clerk of its centre; for one taken in at an agency's desk, that desk's officials). Correlates `documentsProvided` with " +
      '`{ broughtDocuments, documentsBroughtAt }`, which resumes the case and restarts the term (DOMAIN rule 5). 409 when it is not waiting for documents. Audited.',
    access: { roles: ['clerk', 'official'], scope: 'counter' },
    params: IdParams,
    body: { kind: 'json', schema: DocumentsBroughtBody },
    responses: [200],
    responseBody: CaseAnswer,
  },
  addAttachment: {
    method: 'post',
    path: '/api/applications/:id/attachments',
    summary:
      `Attach a scan: the raw file as the body (\`fetch(url, { method: 'POST', body: file })\`, \`curl --data-binary @scan.pdf -H 'Content-Type: application/pdf'\`), its name in \`?name=\`. ` +
      `PDF, JPEG or PNG, recognised by its first bytes (a name or Content-Type claiming another of them is refused, 400), at most ${MAX_ATTACHMENT_BYTES} bytes (413). ` +
      'Stored with its SHA-256, which the audit entry carries. For the clerks and officials who may see the application.',
    access: { roles: ['clerk', 'official'], scope: 'application' },
    params: IdParams,
    query: AttachmentQuery,
    headers: z.object({ 'content-type': z.string().optional() }),
    body: { kind: 'file', schema: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'the file') },
    responses: [201],
    responseBody: AttachmentSchema,
  },
  listAttachments: {
    method: 'get',
    path: '/api/applications/:id/attachments',
    summary: "An application's scans (name, type, size, SHA-256, who and when), oldest first: for whoever may see the application.",
    access: { roles: ['clerk', 'official', 'supervisor', 'auditor'], scope: 'application' },
    params: IdParams,
    responses: [200],
    responseBody: z.array(AttachmentSchema),
  },
  attachment: {
    method: 'get',
    path: '/api/applications/:id/attachments/:attachmentId',
    summary: 'One scan, as a download (Content-Disposition: attachment, its type, nosniff): for whoever may see the application.',
    access: { roles: ['clerk', 'official', 'supervisor', 'auditor'], scope: 'application' },
    params: z.object({ id: z.string().min(1).max(200), attachmentId: z.string().min(1).max(200) }),
    responses: [200],
  },
  extend: {
    method: 'post',
    path: '/api/applications/:id/extend',
    summary:
      "Extend the applicant's deadline by calendar days with a reason (DOMAIN rule 6: at most 15 in all; the applicant is told through the notification outbox). " +
      'By the official responsible for the application or a supervisor over it. 409 while the term is paused or after the end. Audited.',
    access: { roles: ['official', 'supervisor'], scope: 'deadline' },
    params: IdParams,
    body: { kind: 'json', schema: ExtendBody },
    responses: [200],
    responseBody: CaseAnswer,
  },
  withdraw: {
    method: 'post',
    path: '/api/applications/:id/withdraw',
    summary:
      "The applicant withdraws the application: at the counter (a clerk of its centre, the officials of the agency desk that took it in) or recorded by a supervisor over it. Ends the case with `decision: 'withdrawn'`, " +
      'its tasks cancelled and timers deleted. 409 when it has already ended. Audited.',
    access: { roles: ['clerk', 'official', 'supervisor'], scope: 'counter' },
    params: IdParams,
    body: { kind: 'json', schema: WithdrawBody },
    responses: [200],
    responseBody: CaseAnswer.extend({ decision: z.literal('withdrawn') }),
  },
} as const satisfies Record<string, RouteSpec>;
