import type { ApiClient } from '../api/ApiClient.js';
import { language } from '../i18n/i18n.js';
import type { Language } from '../i18n/messages.js';

/** The administrator's routes (server/admin/admin.routes.ts) and the change of one's own password. */

export interface AdminUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  readonly agency?: string;
  readonly centre?: string;
  readonly active: boolean;
  readonly hasPassword: boolean;
  readonly mustChangePassword: boolean;
}

export interface UserFields {
  readonly name: string;
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  readonly agency?: string;
  readonly centre?: string;
}

export type UnitKind = 'groups' | 'centres' | 'agencies';

export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly agency?: string;
  readonly city?: string;
  /** Its name and city in other languages (kk, ru, en), when the directory gives them. */
  readonly translations?: Partial<Record<Language, { readonly name?: string; readonly city?: string; readonly address?: string }>>;
  readonly members?: number;
}

/** A unit's name (or a centre's city) in the reader's language when the directory gives it, else as written. */
export function unitText(unit: OrgUnit, field: 'name' | 'city' = 'name', lang: Language = language()): string | undefined {
  return unit.translations?.[lang]?.[field] ?? unit[field];
}

/** Every role the directory knows (engine ROLES). */
export const ALL_ROLES = ['clerk', 'official', 'supervisor', 'coordinator', 'designer', 'auditor', 'admin'] as const;

export const adminApi = {
  users: (api: ApiClient, search = '') => api.request<AdminUser[]>('GET', `/api/admin/users${search ? `?search=${encodeURIComponent(search)}` : ''}`),
  createUser: (api: ApiClient, user: UserFields & { id: string; password: string }) => api.request<AdminUser>('POST', '/api/admin/users', user),
  updateUser: (api: ApiClient, id: string, user: UserFields & { active: boolean }) => api.request<AdminUser>('PUT', `/api/admin/users/${encodeURIComponent(id)}`, user),
  resetPassword: (api: ApiClient, id: string, password: string) => api.request<AdminUser>('POST', `/api/admin/users/${encodeURIComponent(id)}/password`, { password }),
  units: (api: ApiClient, kind: UnitKind) => api.request<OrgUnit[]>('GET', `/api/admin/${kind}`),
  putUnit: (api: ApiClient, kind: UnitKind, id: string, unit: { name: string; agency?: string; city?: string }) =>
    api.request<OrgUnit>('PUT', `/api/admin/${kind}/${encodeURIComponent(id)}`, unit),
  changePassword: (api: ApiClient, currentPassword: string, newPassword: string) => api.request<null>('POST', '/api/session/password', { currentPassword, newPassword }),
};

/** The field a server 400 names (`details.field`), to put its message beside that input. */
export function fieldOf(error: unknown): string | undefined {
  const details = (error as { body?: { error?: { details?: { field?: unknown; issues?: { path?: string }[] } } } }).body?.error?.details;
  if (typeof details?.field === 'string') return details.field;
  const path = details?.issues?.[0]?.path;
  return path ? path.split('.')[0] : undefined;
}

/** The server's message without the field it starts with (`body.password: …`): shown beside that field. */
export function problemText(error: unknown): string {
  return (error as Error).message.replace(/^((body|params)\.)?[\w.]+: /, '');
}
