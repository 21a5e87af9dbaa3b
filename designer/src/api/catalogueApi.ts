import type { InLanguages } from '../i18n/i18n.js';
import type { ApiClient } from './ApiClient.js';

/** Names of a service in the catalogue's three languages (its standard.json). */
export interface ServiceNames {
  readonly en: string;
  readonly ru: string;
  readonly kk: string;
}

/** One row of `GET /api/catalogue` (server/definitions/catalogueEntries.ts). */
export interface CatalogueEntry {
  readonly key: string;
  readonly name?: string;
  readonly service?: { readonly code: string; readonly names?: ServiceNames };
  readonly running: number;
  readonly incidents: number;
  readonly versions: readonly { readonly version: number; readonly deployedAt: string; readonly deployedBy?: string; readonly running: number; readonly incidents: number }[];
}

/** One row of `GET /api/routing/facts` (server/routing/serviceFacts.ts). */
export interface ServiceFacts {
  readonly serviceCode: string;
  readonly names?: ServiceNames;
  readonly agency?: string;
  readonly channels: readonly string[];
  readonly hasAgencyChannel: boolean;
  /** The agency's name in the directory, when it has one. */
  readonly agencyName?: string;
  /** That name in other languages (kk, ru, en), when the directory gives them. */
  readonly agencyNames?: InLanguages;
  readonly byChannel: Readonly<Record<string, number>>;
  readonly channelShare: Readonly<Record<string, number>>;
  readonly total: number;
  readonly waiting: number;
  readonly onTimeRate?: number;
}

export const catalogueApi = {
  catalogue: (api: ApiClient) => api.request<CatalogueEntry[]>('GET', '/api/catalogue'),
  routingFacts: (api: ApiClient) => api.request<ServiceFacts[]>('GET', '/api/routing/facts'),
};
