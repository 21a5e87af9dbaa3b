import { PassThrough } from 'node:stream';
import type { Engine, EngineEvent, TaskRecord } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import { shapeResponse } from '../auth/redaction.js';
import { supervisionOf } from '../auth/supervision.js';

/**
 * Live inbox updates (GET /api/events): server-sent event streams fed by `engine.subscribe`,
 * each filtered to its user's scope and redacted as the task routes redact.
 *
 * In-process only: a change committed by another server process sharing a MongoDB is not seen
 * here. Multi-server fan-out needs a change-stream source (MongoDB change streams on `tasks`)
 * feeding the same `publish`; that is not built yet.
 */
export interface LiveUpdatesOptions {
  readonly heartbeatMs?: number;
}

interface Listener {
  readonly user: ActingUser;
  readonly sessionId: string | undefined;
  readonly stream: PassThrough;
  /** Null for a worker (clerk, official): their rule needs no lookup. */
  readonly oversees: ((task: TaskRecord) => boolean) | null;
}

export class LiveUpdates {
  private readonly listeners = new Set<Listener>();
  private readonly heartbeat: NodeJS.Timeout;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly engine: Engine,
    options: LiveUpdatesOptions = {},
  ) {
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  /** Opens a stream for this user; it ends at logout, at shutdown, or when the client goes. */
  async open(user: ActingUser, sessionId: string | undefined): Promise<PassThrough> {
    const stream = new PassThrough();
    const supervision = user.roles.includes('supervisor') || user.roles.includes('auditor') ? await supervisionOf(this.engine, user) : undefined;
    const oversees = supervision ? (task: TaskRecord) => supervision.all || supervision.keys.has(task.key) : null;
    const listener: Listener = { user, sessionId, stream, oversees };
    this.listeners.add(listener);
    // Every server's changes: with MongoDB, another server's commit reaches this one's streams.
    this.unsubscribe ??= this.engine.subscribe((event) => this.publish(event), { scope: 'all' });
    stream.on('close', () => this.listeners.delete(listener));
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
    for (const listener of this.listeners) if (listener.sessionId === sessionId) listener.stream.end();
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Ends every stream (shutdown: a server cannot close while event streams hold their requests open). */
  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const listener of this.listeners) listener.stream.end();
    this.listeners.clear();
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
