import type { ParameterizedContext } from 'koa';
import type { Engine } from '../engine/index.js';
import type { Logger } from './logger.js';

export type StoreKind = 'sqlite' | 'mongo';

/**
 * Who is acting on this request. For now only an id taken from a header (see actingUser.ts);
 * the accounts issue adds roles, groups and the session here, and routes read only this.
 */
export interface ActingUser {
  readonly id: string;
}

/** Per-request state (`ctx.state`), set by middleware before the routes run. */
export interface AppState {
  requestId: string;
  user: ActingUser;
}

export type AppContext = ParameterizedContext<AppState>;

/** What the app is built from: passed in, never imported, so tests can build one on any engine. */
export interface AppDeps {
  readonly engine: Engine;
  readonly logger: Logger;
  /** The engine does not say which store it runs on; the one who built it does. */
  readonly storeKind?: StoreKind;
}
