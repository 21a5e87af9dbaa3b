import type { ParameterizedContext } from 'koa';
import type { Engine, Role } from '../engine/index.js';
import type { Accounts } from './accounts/Accounts.js';
import type { LoginThrottle } from './accounts/LoginThrottle.js';
import type { AuditAnchor } from './audit/auditAnchor.js';
import type { LiveUpdates } from './live/LiveUpdates.js';
import type { Logger } from './logger.js';
import type { ServiceStandard } from '../processes/standard.js';
import type { NotificationChannels } from './notifications/startNotifications.js';

export type StoreKind = 'sqlite' | 'mongo' | 'postgres';

/**
 * Who is acting on this request, as the directory knows them (authentication.ts sets it, from
 * a session cookie or a bearer token). Routes and redaction read only this.
 */
export interface ActingUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly groups: readonly string[];
  readonly agency?: string;
  readonly centre?: string;
  /** The UI language the user chose (kk, ru, en); absent until they choose. */
  readonly language?: 'kk' | 'ru' | 'en';
  /** False for the anonymous caller (no or stale credentials). */
  readonly authenticated: boolean;
  /** The password was given by an administrator: only changing it and logging out are allowed. */
  readonly mustChangePassword?: boolean;
}

/** No credentials: the id has parentheses, which no directory id may have. */
export const ANONYMOUS: ActingUser = Object.freeze({ id: '(anonymous)', name: 'anonymous', roles: [], groups: [], authenticated: false });

/** How the caller proved who they are. The token itself is never kept past authentication. */
export interface Credentials {
  readonly via: 'cookie' | 'bearer';
  /** The SHA-256 of the session token. */
  readonly sessionId: string;
  readonly expiresAt: string;
}

/** Per-request state (`ctx.state`), set by middleware before the routes run. */
export interface AppState {
  requestId: string;
  user: ActingUser;
  credentials?: Credentials;
}

export type AppContext = ParameterizedContext<AppState>;

/** Session and cookie settings (from the environment). */
export interface AuthSettings {
  /** `auto`: Secure when the request came over https. */
  readonly cookieSecure: 'auto' | 'on' | 'off';
  readonly sessionTtlMs: number;
  /** Failed logins per user name and address; in this process's memory. */
  readonly throttle: LoginThrottle;
}

/** What the app is built from: passed in, never imported, so tests can build one on any engine. */
export interface AppDeps {
  readonly engine: Engine;
  /** Passwords and sessions (the server's; accountsOf(engine)). */
  readonly accounts: Accounts;
  readonly logger: Logger;
  /** The engine does not say which store it runs on; the one who built it does. */
  readonly storeKind?: StoreKind;
  readonly auth: AuthSettings;
  /** Server-sent event streams (GET /api/events); logout ends the session's streams. */
  readonly live: LiveUpdates;
  /** The catalogue's service standards (processes/<CODE>/standard.json), served by GET /api/services. */
  readonly services?: readonly ServiceStandard[];
  /** The audit chain's key and checkpoint file, for GET /api/audit/verify; absent: the chain alone is checked. */
  readonly auditAnchor?: AuditAnchor;
  /** Which channels tell applicants (server/notifications); absent: none. */
  readonly notifications?: NotificationChannels;
}
