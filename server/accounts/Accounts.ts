import { hash, randomBytes } from 'node:crypto';
import { InvalidArgumentError, type Directory, type DirectoryUser, type Engine, type PolicyDocuments } from '../../engine/index.js';
import { hashPassword, verifyPassword, type PasswordHash } from './PasswordHash.js';

/**
 * The stored credential (policy kind `credential`, as before the move out of the engine): the
 * hash, where the password came from (`demo`: the demo organisation's; `reset`: given by an
 * administrator) and whether it must be changed at the next login.
 */
interface CredentialDoc extends Record<string, unknown> {
  readonly password?: PasswordHash;
  readonly origin?: 'set' | 'demo' | 'reset';
  readonly mustChange?: boolean;
  readonly changedAt: string;
}

interface SessionDoc extends Record<string, unknown> {
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt?: string;
}

export interface Session {
  /** The SHA-256 of the token: safe to log and to audit, useless to present. */
  readonly id: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** The password was given by an administrator: only changing it (and logging out) is allowed. */
  readonly mustChangePassword: boolean;
}

export interface NewSession extends Session {
  /** The bearer secret. Given out once; the store keeps only its hash. */
  readonly token: string;
}

export const DEFAULT_SESSION_MS = 12 * 3_600_000;
const MAX_PASSWORD = 1_024;

/** A session token's id: what the store keys it by (every request asks: one-shot `crypto.hash`, UTF-8 as before). */
export function sessionIdOf(token: string): string {
  return hash('sha256', token, 'hex');
}

const byEngine = new WeakMap<Engine, Accounts>();

/** The one Accounts of an engine: the app, its event streams and the scripts share it. */
export function accountsOf(engine: Engine): Accounts {
  let accounts = byEngine.get(engine);
  if (!accounts) byEngine.set(engine, (accounts = new Accounts(engine.documents, engine.directory, () => new Date())));
  return accounts;
}

/**
 * Passwords and sessions of the directory's users: the server's, not the engine's (the
 * engine keeps who is who; the server decides who is logged in). Passwords are kept only as scrypt hashes
 * (`credential` documents); sessions only under the SHA-256 of their token (`session`
 * documents), so a copy of the store lets nobody log in. Nothing here returns or logs a hash.
 */
export class Accounts {
  private decoy: Promise<PasswordHash> | undefined;

  constructor(
    private readonly documents: PolicyDocuments,
    private readonly directory: Directory,
    private readonly now: () => Date,
  ) {}

  /**
   * Sets a user's password (audited as `credential.set`, without the hash). `origin: 'reset'`
   * (an administrator's temporary password) makes the user change it at the next login.
   */
  async setPassword(userId: string, password: string, options: { by?: string; origin?: 'set' | 'demo' | 'reset' } = {}): Promise<void> {
    await this.directory.getUser(userId);
    if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD) {
      throw new InvalidArgumentError('password', `must be 1 to ${MAX_PASSWORD} characters`);
    }
    const hashed = await hashPassword(password);
    const origin = options.origin ?? 'set';
    const mustChange = origin === 'reset';
    await this.documents.write<CredentialDoc>('credential', userId, () => ({ password: hashed, origin, mustChange, changedAt: this.now().toISOString() }), {
      by: options.by ?? 'system',
      action: 'credential.set',
      data: { userId, origin, mustChange },
      keepHistory: false,
    });
  }

  /** Removes a user's password: nobody can log in as them until one is set again. */
  async removePassword(userId: string, options: { by?: string; reason?: string } = {}): Promise<void> {
    await this.documents.write<CredentialDoc>('credential', userId, () => ({ changedAt: this.now().toISOString() }), {
      by: options.by ?? 'system',
      action: 'credential.remove',
      data: { userId, ...(options.reason ? { reason: options.reason } : {}) },
      keepHistory: false,
    });
  }

  async hasPassword(userId: string): Promise<boolean> {
    return (await this.documents.get<CredentialDoc>('credential', userId))?.doc.password !== undefined;
  }

  /** Whether a credential was ever stored for the user (a removed password still counts). */
  async hasCredentialRecord(userId: string): Promise<boolean> {
    return (await this.documents.get<CredentialDoc>('credential', userId)) !== undefined;
  }

  async mustChangePassword(userId: string): Promise<boolean> {
    return (await this.documents.get<CredentialDoc>('credential', userId))?.doc.mustChange === true;
  }

  /** Every user's credential state at once (the administrator's list): whether they can log in, and must change it. */
  async credentialStates(): Promise<Map<string, { hasPassword: boolean; mustChangePassword: boolean }>> {
    const all = await this.documents.list<CredentialDoc>('credential');
    return new Map(all.map((r) => [r.id, { hasPassword: r.doc.password !== undefined, mustChangePassword: r.doc.password !== undefined && r.doc.mustChange === true }]));
  }

  /** The users whose password is still the demo organisation's. */
  async demoCredentials(): Promise<string[]> {
    const all = await this.documents.list<CredentialDoc>('credential');
    return all.filter((r) => r.doc.password && r.doc.origin === 'demo').map((r) => r.id);
  }

  /**
   * The user, when the password is theirs and they are active. An unknown user costs the same
   * scrypt work as a known one, so the answer's timing does not tell which names exist.
   */
  async verify(userId: string, password: string): Promise<DirectoryUser | undefined> {
    if (typeof password !== 'string' || password.length > MAX_PASSWORD) return undefined;
    const user = await this.directory.findUser(userId);
    const stored = user ? (await this.documents.get<CredentialDoc>('credential', userId))?.doc.password : undefined;
    const ok = await verifyPassword(password, stored ?? (await this.decoyHash()));
    return ok && stored && user?.active ? user : undefined;
  }

  /** Opens a session (audited as `session.create`): the token is returned once, its hash is kept. */
  async createSession(userId: string, options: { ttlMs?: number; via?: string } = {}): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const id = sessionIdOf(token);
    const createdAt = this.now().toISOString();
    const expiresAt = new Date(this.now().getTime() + (options.ttlMs ?? DEFAULT_SESSION_MS)).toISOString();
    await this.documents.write<SessionDoc>('session', id, () => ({ userId, createdAt, expiresAt }), {
      by: userId,
      action: 'session.create',
      data: { userId, expiresAt, ...(options.via ? { via: options.via } : {}) },
      keepHistory: false,
    });
    return { token, id, userId, createdAt, expiresAt, mustChangePassword: await this.mustChangePassword(userId) };
  }

  /** The live session a token opens, with its user; undefined when unknown, expired, revoked or the user is inactive. */
  async session(token: string): Promise<{ session: Session; user: DirectoryUser } | undefined> {
    if (typeof token !== 'string' || token.length < 32 || token.length > 128) return undefined;
    return this.liveSession(sessionIdOf(token));
  }

  /**
   * The same answer by the session's id (the token's hash), for whoever already holds one: a
   * long-lived event stream checks again that its session still stands.
   */
  async liveSession(id: string): Promise<{ session: Session; user: DirectoryUser } | undefined> {
    const record = await this.documents.get<SessionDoc>('session', id);
    if (!record || record.doc.revokedAt || record.doc.expiresAt <= this.now().toISOString()) return undefined;
    const user = await this.directory.findUser(record.doc.userId);
    if (!user?.active) return undefined;
    const { userId, createdAt, expiresAt } = record.doc;
    return { session: { id, userId, createdAt, expiresAt, mustChangePassword: await this.mustChangePassword(userId) }, user };
  }

  /** Ends a session (logout), by its id; audited as `session.revoke`. */
  async revokeSession(sessionId: string, options: { by?: string } = {}): Promise<void> {
    const current = await this.documents.get<SessionDoc>('session', sessionId);
    if (!current || current.doc.revokedAt) return;
    await this.documents.write<SessionDoc>('session', sessionId, (c) => ({ ...(c?.doc ?? current.doc), revokedAt: this.now().toISOString() }), {
      by: options.by ?? current.doc.userId,
      action: 'session.revoke',
      data: { userId: current.doc.userId },
      keepHistory: false,
    });
  }

  /**
   * Ends every live session of a user but `except` (the one changing its own password): after a
   * password change or reset, a session opened with the old password must not go on. Returns
   * the ids ended, so their event streams can be closed too.
   */
  async revokeSessionsOf(userId: string, options: { except?: string; by: string }): Promise<string[]> {
    const now = this.now().toISOString();
    const live = (await this.documents.list<SessionDoc>('session')).filter(
      (r) => r.doc.userId === userId && !r.doc.revokedAt && r.doc.expiresAt > now && r.id !== options.except,
    );
    for (const record of live) await this.revokeSession(record.id, { by: options.by });
    return live.map((r) => r.id);
  }

  /** Appends `login.failed` to the audit trail: the name tried, from where, and why (never the password). */
  async recordLoginFailure(attempt: { username: string; address: string; reason: 'bad_credentials' | 'throttled' }): Promise<void> {
    await this.documents.record({
      at: this.now().toISOString(),
      actor: 'anonymous',
      action: 'login.failed',
      subject: `user:${attempt.username.slice(0, 100)}`,
      data: { address: attempt.address.slice(0, 100), reason: attempt.reason },
    });
  }

  private decoyHash(): Promise<PasswordHash> {
    return (this.decoy ??= hashPassword(randomBytes(24).toString('base64')));
  }
}
