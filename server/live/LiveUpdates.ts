import { PassThrough } from 'node:stream';
import { accountsOf } from '../accounts/Accounts.js';
import type { Engine, EngineEvent, TaskRecord } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import { shapeResponse } from '../auth/redaction.js';
import { supervisionOf } from '../auth/supervision.js';
import { HttpProblem } from '../HttpProblem.js';

/**
 * Live inbox updates (GET /api/events): server-sent event streams fed by `engine.subscribe`,
 * each filtered to its user's scope and redacted as the task routes redact.
 *
 * Every server's changes: subscribed with `scope: 'all'`, so a commit on another node sharing
 * the database (PostgreSQL LISTEN/NOTIFY, MongoDB change streams) reaches this node's streams.
 * A stream says "connected" only once that feed listens: from then on it misses nothing.
 */
export interface LiveUpdatesOptions {
  readonly heartbeatMs?: number;
  /** How often each stream's session is checked again (revoked, expired, user deactivated). */
  readonly revalidateMs?: number;
  readonly maxStreamsPerUser?: number;
}

/**
 * Streams one user may hold open at once (tabs, windows, devices). More is refused with 429
 * rather than closing the oldest: the designer's EventSource reconnects when its stream ends,
 * so closing the oldest would make a sixth tab evict one tab after another, every second.
 * Refused, the sixth tab polls (LiveEvents does) and tries again later.
 */
export const MAX_STREAMS_PER_USER = 5;
/** Ten seconds: a deactivated user or a session revoked on another server stops hearing within that. */
export const REVALIDATE_MS = 10_000;
/** The longest delay setTimeout keeps (about 24.8 days); a later expiry is left to revalidation. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The session a stream was opened on: its id (the token's hash) and when it expires. */
export interface StreamSession {
  readonly sessionId: string;
  readonly expiresAt: string;
}

type EndReason = 'logged_out' | 'session_expired' | 'session_ended';

interface Listener {
  readonly user: ActingUser;
  readonly sessionId: string | undefined;
  readonly stream: PassThrough;
  /** Null for a worker (clerk, official): their rule needs no lookup. Set once the supervision lookup is done. */
  oversees: ((task: TaskRecord) => boolean) | null;
  expiry: NodeJS.Timeout | undefined;
}

export class LiveUpdates {
  private readonly listeners = new Set<Listener>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly revalidation: NodeJS.Timeout;
  private readonly maxStreamsPerUser: number;
  private revalidating = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly engine: Engine,
    options: LiveUpdatesOptions = {},
  ) {
    this.maxStreamsPerUser = options.maxStreamsPerUser ?? MAX_STREAMS_PER_USER;
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
    this.revalidation = setInterval(() => void this.revalidate(), options.revalidateMs ?? REVALIDATE_MS);
    this.revalidation.unref();
  }

  /**
   * Opens a stream for this user; it ends at logout, when its session expires, is revoked or
   * its user deactivated, at shutdown, or when the client goes. 429 beyond the per-user limit.
   */
  async open(user: ActingUser, session: StreamSession | undefined): Promise<PassThrough> {
    const held = [...this.listeners].filter((l) => l.user.id === user.id).length;
    if (held >= this.maxStreamsPerUser) {
      throw new HttpProblem(
        429,
        'too_many_streams',
        `${this.maxStreamsPerUser} live event streams are already open for ${user.id}, the most one user may hold: close one (another tab or window) and try again`,
        { limit: this.maxStreamsPerUser },
        { 'Retry-After': '30' },
      );
    }
    const stream = new PassThrough();
    // Taken before the supervision lookup below, so parallel opens cannot all pass the count.
    const listener: Listener = { user, sessionId: session?.sessionId, stream, oversees: null, expiry: undefined };
    this.listeners.add(listener);
    stream.on('close', () => this.forget(listener));
    try {
      const supervision = user.roles.includes('supervisor') || user.roles.includes('auditor') ? await supervisionOf(this.engine, user) : undefined;
      if (supervision) listener.oversees = (task: TaskRecord) => supervision.all || supervision.keys.has(task.key);
    } catch (error) {
      this.forget(listener);
      throw error;
    }
    if (session) {
      const left = Date.parse(session.expiresAt) - Date.now();
      if (left <= 0) this.end(listener, 'session_expired');
      else if (left <= MAX_TIMER_MS) {
        listener.expiry = setTimeout(() => this.end(listener, 'session_expired'), left);
        listener.expiry.unref();
      }
    }
    // Every server's changes: with MongoDB, another server's commit reaches this one's streams.
    this.unsubscribe ??= this.engine.subscribe((event) => this.publish(event), { scope: 'all' });
    // "connected" promises every change from now on: the feed must listen before it is said.
    await this.engine.feedListening();
    // retry: how long a browser's EventSource waits before reconnecting.
    stream.write(`retry: 5000\n: connected as ${user.id}\n\n`);
    return stream;
  }

  /** Tells every listener the task changes of one commit that concern them. */
  publish(event: EngineEvent): void {
    if (this.listeners.size === 0) return;
    const changes = [...event.tasksCreated.map((task) => ({ change: 'created', task })), ...event.tasksChanged.map((task) => ({ change: 'changed', task }))];
    for (const listener of this.listeners) {
      for (const { change, task } of changes) {
        if (!concerns(listener, task)) continue;
        const data = JSON.stringify({ change, task: shapeResponse('task', listener.user, task) });
        listener.stream.write(`event: task\ndata: ${data}\n\n`);
      }
    }
  }

  /** Ends the streams of a session (logout). */
  endSession(sessionId: string): void {
    for (const listener of this.listeners) if (listener.sessionId === sessionId) this.end(listener, 'logged_out');
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Ends every stream (shutdown: a server cannot close while event streams hold their requests open). */
  close(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.revalidation);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const listener of this.listeners) {
      clearTimeout(listener.expiry);
      listener.stream.end();
    }
    this.listeners.clear();
  }

  /**
   * Ends the streams whose session no longer stands: revoked (logout on another server, an
   * administrator), expired, or its user deactivated. Logout here ends them at once; this
   * catches what this process was not told. One lookup per session, not per stream.
   */
  private async revalidate(): Promise<void> {
    if (this.revalidating || this.listeners.size === 0) return;
    this.revalidating = true;
    try {
      const sessions = new Set([...this.listeners].map((l) => l.sessionId).filter((id): id is string => id !== undefined));
      for (const sessionId of sessions) {
        if (await accountsOf(this.engine).liveSession(sessionId)) continue;
        for (const listener of this.listeners) if (listener.sessionId === sessionId) this.end(listener, 'session_ended');
      }
    } catch {
      // The store is unreachable: try again at the next round rather than cut every stream.
    } finally {
      this.revalidating = false;
    }
  }

  /** Says why, then ends the stream; the slot is free at once. */
  private end(listener: Listener, reason: EndReason): void {
    if (!this.listeners.has(listener)) return;
    this.forget(listener);
    listener.stream.end(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
  }

  private forget(listener: Listener): void {
    clearTimeout(listener.expiry);
    this.listeners.delete(listener);
  }

  private broadcast(text: string): void {
    for (const listener of this.listeners) listener.stream.write(text);
  }
}

/**
 * The inbox rule: a clerk's front-office and an official's back-office tasks assigned to them,
 * unassigned in one of their groups, or completed by them (a task drawn for a colleague of
 * the same group is the colleague's news, not theirs); a supervisor's or auditor's: the
 * processes they oversee.
 */
function concerns(listener: Listener, task: TaskRecord): boolean {
  const { user } = listener;
  if (listener.oversees?.(task)) return true;
  const office = task.office === 'front' ? 'clerk' : task.office === 'back' ? 'official' : undefined;
  if (office ? !user.roles.includes(office) : !(user.roles.includes('clerk') || user.roles.includes('official'))) return false;
  if (task.assignee === user.id || task.completedBy === user.id) return true;
  return !task.assignee && task.state === 'open' && task.candidateGroup !== undefined && user.groups.includes(task.candidateGroup);
}
