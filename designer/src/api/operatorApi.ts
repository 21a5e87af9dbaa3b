import type { ApiClient, ApplicationView } from './ApiClient.js';
import type { AuditEntry, HistoryEntry } from '../../../engine/store/port.js';
import type { MigrationReport } from '../../../engine/api.js';
export type { MigrationReport };

/** The operator's routes (server/instances): list, one instance, and the four repairs. */

export type InstanceState = 'active' | 'incident' | 'completed' | 'terminated';

export interface InstanceSummary {
  readonly id: string;
  readonly key: string;
  readonly definitionId: string;
  readonly state: InstanceState;
  readonly trackingNumber: string;
  readonly serviceCode?: string;
  readonly centre?: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly elements: readonly string[];
  readonly incidents: readonly { tokenId: string; elementId: string; message: string; at: string }[];
}

export interface InstancePage {
  readonly total: number;
  readonly counts: Readonly<Record<InstanceState, number>>;
  readonly offset: number;
  readonly limit: number;
  readonly items: readonly InstanceSummary[];
}

export interface InstanceDetail extends ApplicationView {
  readonly definitionId: string;
  readonly version: number;
  readonly centre?: string;
  readonly tokens: readonly { id: string; elementId: string; state: string }[];
  readonly incidents: readonly { tokenId: string; elementId: string; message: string; at: string }[];
  readonly history: readonly HistoryEntry[];
  readonly audit: readonly AuditEntry[];
  readonly xml: string;
  /** The instances its call activities started, running or finished (server/instances/calledInstances.ts). */
  readonly calls?: readonly { readonly elementId: string; readonly instanceId: string; readonly key: string; readonly state: InstanceState; readonly trackingNumber: string; readonly startedAt: string }[];
  /** Started by a call activity of this instance. */
  readonly parent?: { readonly instanceId: string; readonly tokenId: string };
}

export interface MigrateRequest {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly mapping?: Record<string, string>;
  readonly reason: string;
  readonly dryRun?: boolean;
}

const seg = encodeURIComponent;

export const operatorApi = {
  /** Filters by their query names (key, version, state, incident, element, serviceCode, centre, agency, startedFrom, startedTo, offset, limit). */
  list: (api: ApiClient, filters: Record<string, string>) => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
    return api.request<InstancePage>('GET', `/api/instances${query.size ? `?${query.toString()}` : ''}`);
  },
  get: (api: ApiClient, id: string) => api.request<InstanceDetail>('GET', `/api/instances/${seg(id)}`),
  retry: (api: ApiClient, id: string, body: { reason: string; variables?: Record<string, unknown> }) => api.request<InstanceSummary>('POST', `/api/instances/${seg(id)}/retry`, body),
  cancel: (api: ApiClient, id: string, reason: string) => api.request<InstanceSummary>('POST', `/api/instances/${seg(id)}/cancel`, { reason }),
  modify: (api: ApiClient, id: string, body: { reason: string; to: string; moveFrom?: string }) => api.request<InstanceSummary>('POST', `/api/instances/${seg(id)}/modify`, body),
  migrate: (api: ApiClient, key: string, body: MigrateRequest) => api.request<MigrationReport>('POST', `/api/definitions/${seg(key)}/migrate`, body),
  /** Broadcasts a signal to every application waiting for it (server/signals). */
  signal: (api: ApiClient, name: string) => api.request<SignalAnswer>('POST', `/api/signals/${seg(name)}`, {}),
};

/** What a broadcast reached (engine SignalResult). */
export interface SignalAnswer {
  readonly signalName: string;
  readonly reached: readonly { readonly instanceId: string; readonly elements: readonly string[] }[];
  readonly started: readonly { readonly instanceId: string; readonly key: string }[];
}
