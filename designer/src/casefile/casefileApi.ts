import type { ApiClient, ApplicationView, TaskView } from '../api/ApiClient.js';

/** The case file's routes (server/casefile, and the search of GET /api/applications). */

export type SearchBy = 'trackingNumber' | 'iin' | 'name';

export interface TimelineEntry {
  readonly at: string;
  readonly kind: string;
  readonly elementId?: string;
  readonly name?: string;
  readonly taskId?: string;
  readonly side: 'front' | 'back' | 'supervisor' | 'system';
  /** Absent when the viewer may not know who it was. */
  readonly actor?: { readonly id: string; readonly name?: string };
  readonly details: Record<string, unknown>;
}

export interface EarlierDecision {
  readonly taskId: string;
  readonly elementId: string;
  readonly name?: string;
  readonly outcome: string | null;
  readonly completedAt?: string;
  readonly refusalGrounds?: string | readonly string[];
  readonly decisionNote?: string;
  readonly requestedDocuments?: readonly string[];
  readonly decidedBy?: { readonly id: string; readonly name?: string };
}

/** A task as the server sends it: with its assignment strategy (claim, random…). */
export type CaseTask = TaskView & { readonly assignment?: string };

const seg = encodeURIComponent;

export const casefileApi = {
  /** One page of matches in the caller's scope, newest first: `limit + 1` asked, so the page knows whether another follows. */
  search: async (api: ApiClient, by: SearchBy, text: string, offset: number, limit: number) => {
    const query = new URLSearchParams({ [by]: text, offset: String(offset), limit: String(limit + 1) });
    const found = await api.request<ApplicationView[]>('GET', `/api/applications?${query.toString()}`);
    return { items: found.slice(0, limit), more: found.length > limit };
  },
  timeline: (api: ApiClient, id: string) => api.request<TimelineEntry[]>('GET', `/api/applications/${seg(id)}/timeline`),
  comment: (api: ApiClient, id: string, text: string) => api.request<TimelineEntry>('POST', `/api/applications/${seg(id)}/comments`, { text }),
  claim: (api: ApiClient, taskId: string) => api.request<CaseTask>('POST', `/api/tasks/${seg(taskId)}/claim`),
  unclaim: (api: ApiClient, taskId: string, reason?: string) => api.request<CaseTask>('POST', `/api/tasks/${seg(taskId)}/unclaim`, reason ? { reason } : {}),
  earlierDecisions: (api: ApiClient, taskId: string) => api.request<EarlierDecision[]>('GET', `/api/tasks/${seg(taskId)}/earlier-decisions`),
};

/** The comment limit the server enforces: one source. */
export { COMMENT_MAX_LENGTH } from '../../../engine/casefile/comment.js';
