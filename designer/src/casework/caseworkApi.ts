import type { ApiClient, ApplicationView } from '../api/ApiClient.js';
import type { AttachmentRecord } from '../../../engine/store/port.js';

export type { AttachmentRecord };

/**
 * The application as the case page reads it: the application answer, with its paused term and
 * whether it waits for documents (`waitsForDocuments`, the engine's rule: no catalogue name here).
 */
export type CaseFile = ApplicationView;

export interface CaseAnswer {
  readonly id: string;
  readonly trackingNumber: string;
  readonly state: string;
  readonly dueAt?: string;
}

const base = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

/** The routes of the case page (server/applications/casework.routes.ts), one request each. */
export const caseworkApi = {
  file: (api: ApiClient, id: string) => api.request<CaseFile>('GET', base(id)),
  documentsBrought: (api: ApiClient, id: string, documents: readonly string[]) => api.request<CaseAnswer>('POST', `${base(id)}/documents`, { documents }),
  extend: (api: ApiClient, id: string, days: number, reason: string) => api.request<CaseAnswer>('POST', `${base(id)}/extend`, { days, reason }),
  withdraw: (api: ApiClient, id: string, reason: string) => api.request<CaseAnswer>('POST', `${base(id)}/withdraw`, { reason }),
  attachments: (api: ApiClient, id: string) => api.request<AttachmentRecord[]>('GET', `${base(id)}/attachments`),
  upload: (api: ApiClient, id: string, file: File) =>
    api.upload<AttachmentRecord>(`${base(id)}/attachments?name=${encodeURIComponent(file.name)}`, file, file.type || 'application/octet-stream'),
  /** Where the browser downloads a scan (the session cookie goes with a plain link). */
  downloadUrl: (id: string, attachmentId: string) => `${base(id)}/attachments/${encodeURIComponent(attachmentId)}`,
};

/** A list variable as strings (the casework contract: a string or an array of strings): the engine's one reading. */
export { namesOf as namesIn } from '../../../engine/casework/requestedDocuments.js';
