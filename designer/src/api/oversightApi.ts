import type { InLanguages } from '../i18n/i18n.js';
import type { ApiClient, ApplicationView, TaskView } from './ApiClient.js';

/**
 * The routes of the oversight pages (coordinator, supervisor, auditor, the modeler's overlay),
 * typed after server/README.md. Thin: each is one request through the shared client.
 */

// The engine's own types: the routes answer exactly these (type-only: nothing is bundled).
import type { AccessMode, RoutingDecision } from '../../../engine/routing/RoutingPolicy.js';
import type { SlaStatRow, StatDimension, TrendDay } from '../../../engine/reports/SlaStats.js';
import type { AssignmentIntegrityReport, IntegrityFlag, Verdict } from '../../../engine/reports/integrity/types.js';
import type { AuditEntry } from '../../../engine/store/port.js';
import type { Engine } from '../../../engine/api.js';
export type { AccessMode, RoutingDecision, SlaStatRow, StatDimension, TrendDay, AssignmentIntegrityReport, IntegrityFlag, Verdict, AuditEntry };

/** The period and group of the assignment-integrity report (local dates, inclusive): the engine's own query. */
export type IntegrityQuery = NonNullable<Parameters<Engine['assignmentIntegrity']>[0]>;

export interface RoutingSwitch {
  readonly mode: AccessMode;
  readonly reason: string;
  readonly effectiveFrom?: string;
}

export interface OpeningInterval {
  readonly from: string;
  readonly to: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface Calendar {
  readonly id: string;
  readonly name?: string;
  /** A label in other languages beside the one it is written in (engine/sla/WorkingCalendar.ts): kept on every edit. */
  readonly names?: InLanguages;
  readonly zone: string;
  readonly week: Partial<Record<Weekday, readonly OpeningInterval[]>>;
  readonly holidays?: readonly { month: number; day: number; name: string; names?: InLanguages; carryOver: boolean }[];
  readonly oneOff?: readonly { date: string; name: string; names?: InLanguages }[];
  readonly transfers?: readonly { date: string; working: boolean; hours?: readonly OpeningInterval[]; note?: string; notes?: InLanguages }[];
}

export interface CalendarVersion {
  readonly version: number;
  readonly at: string;
  readonly calendar: Calendar;
  readonly by?: string;
  readonly reason?: string;
}

export interface GroupSummary {
  readonly id: string;
  readonly members: number;
  readonly agencies: readonly string[];
  readonly centres: readonly string[];
}

export interface Absence {
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
  readonly by: string;
  readonly at: string;
}

/** A member of a group as their supervisor sees it (`GET /api/groups/:id/members`). */
export interface GroupMember {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly absentToday: boolean;
  readonly agency?: string;
  readonly centre?: string;
}

export interface HeatmapCell {
  readonly elementId: string;
  readonly active: number;
  readonly atRisk: number;
  readonly overdue: number;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBroken?: { seq: number; action: string; subject: string; at: string; reason: string };
}

const seg = encodeURIComponent;

export const oversightApi = {
  routing: (api: ApiClient) => api.request<RoutingDecision[]>('GET', '/api/routing'),
  routingHistory: (api: ApiClient, serviceCode: string) => api.request<RoutingDecision[]>('GET', `/api/routing/${seg(serviceCode)}/history`),
  switchRouting: (api: ApiClient, serviceCode: string, body: RoutingSwitch) => api.request<RoutingDecision>('PUT', `/api/routing/${seg(serviceCode)}`, body),

  calendars: (api: ApiClient) => api.request<string[]>('GET', '/api/calendars'),
  calendar: (api: ApiClient, id: string) => api.request<Calendar>('GET', `/api/calendars/${seg(id)}`),
  calendarVersions: (api: ApiClient, id: string) => api.request<CalendarVersion[]>('GET', `/api/calendars/${seg(id)}/versions`),
  putCalendar: (api: ApiClient, calendar: Calendar, reason: string) => {
    const { id, ...rest } = calendar;
    return api.request<CalendarVersion>('PUT', `/api/calendars/${seg(id)}`, { ...rest, reason });
  },

  groups: (api: ApiClient) => api.request<GroupSummary[]>('GET', '/api/groups'),
  groupMembers: (api: ApiClient, groupId: string) => api.request<GroupMember[]>('GET', `/api/groups/${seg(groupId)}/members`),
  /** Without `to`: drawn again at random among the eligible; with it, a manual pick. */
  reassign: (api: ApiClient, taskId: string, reason: string, to?: string) => api.request<TaskView>('POST', `/api/tasks/${seg(taskId)}/reassign`, { ...(to ? { to } : {}), reason }),
  absences: (api: ApiClient, userId: string) => api.request<Absence[]>('GET', `/api/absences/${seg(userId)}`),
  /** Records an absence; one covering today re-draws the official's open files at once (server/absences). */
  setAbsence: (api: ApiClient, userId: string, body: { from: string; to: string; reason?: string }) => api.request<AbsenceRecorded>('PUT', `/api/absences/${seg(userId)}`, body),
  /** The official is away: their open tasks drawn again among the eligible, each audited (server/absences). */
  redrawAbsent: (api: ApiClient, userId: string) => api.request<AbsenceRedraw>('POST', `/api/absences/${seg(userId)}/redraw`, {}),
  /** Ends the absences covering today (the agencies' calendar, the server's clock). */
  endAbsence: (api: ApiClient, userId: string) => api.request<Absence[]>('DELETE', `/api/absences/${seg(userId)}`),

  slaStats: (api: ApiClient, by: StatDimension) => api.request<SlaStatRow[]>('GET', `/api/stats/sla?by=${by}`),
  slaTrend: (api: ApiClient, days = 30) => api.request<TrendDay[]>('GET', `/api/stats/sla/trend?days=${days}`),
  searchApplications: (api: ApiClient, query: Record<string, string>) => api.request<ApplicationView[]>('GET', `/api/applications?${new URLSearchParams(query).toString()}`),
  heatmap: (api: ApiClient, key: string) => api.request<HeatmapCell[]>('GET', `/api/definitions/${seg(key)}/heatmap`),
  verifyAudit: (api: ApiClient) => api.request<ChainReport>('GET', '/api/audit/verify'),
  assignmentIntegrity: (api: ApiClient, query: IntegrityQuery) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== '') as [string, string][]);
    return api.request<AssignmentIntegrityReport>('GET', `/api/stats/assignment${params.size ? `?${params.toString()}` : ''}`);
  },
  /**
   * The audit entries with these sequence numbers (the evidence behind a flag): one read of the
   * span when it is short (the server pages by at most 1000), else one read per entry.
   */
  auditEntries: async (api: ApiClient, seqs: readonly number[]): Promise<AuditEntry[]> => {
    if (!seqs.length) return [];
    const wanted = new Set(seqs);
    const low = Math.min(...seqs);
    const span = Math.max(...seqs) - low + 1;
    if (span <= 1000) return (await api.request<AuditEntry[]>('GET', `/api/audit?afterSeq=${low - 1}&limit=${span}`)).filter((e) => wanted.has(e.seq));
    const one = async (seq: number) => (await api.request<AuditEntry[]>('GET', `/api/audit?afterSeq=${seq - 1}&limit=1`)).filter((e) => e.seq === seq);
    return (await Promise.all([...wanted].sort((a, b) => a - b).map(one))).flat();
  },
};

/** An absence recorded (PUT /api/absences/:userId): the user's absences, and the files drawn again when it covers today. */
export interface AbsenceRecorded {
  readonly absences: readonly Absence[];
  readonly redraw?: AbsenceRedraw;
}

/** What an absence did to the absent official's open files (POST /api/absences/:userId/redraw). */
export interface AbsenceRedraw {
  readonly userId: string;
  readonly redrawn: readonly { readonly taskId: string; readonly trackingNumber: string; readonly to: string }[];
  readonly kept: readonly { readonly taskId: string; readonly trackingNumber: string; readonly why: string }[];
}
