import { poolHash } from '../../../engine/assignment/index.js';
import type { AuditEntry } from '../../../engine/index.js';

/**
 * Audit entries shaped as the engine writes them (TaskAssigner, Tasks, Directory), for the
 * pure assignment-integrity function. The chain fields are placeholders: the report reads
 * entries, it does not verify the chain (verifyChain does).
 */
export class AuditTrail {
  readonly entries: AuditEntry[] = [];
  private tasks = 0;
  private clock = Date.parse('2026-04-13T04:00:00Z'); // Monday 09:00 in Almaty

  /** Moves the trail's clock on (hours). */
  advance(hours: number): this {
    this.clock += hours * 3_600_000;
    return this;
  }

  get now(): string {
    return new Date(this.clock).toISOString();
  }

  /** Today's local date in Almaty (UTC+5). */
  get today(): string {
    return new Date(this.clock + 5 * 3_600_000).toISOString().slice(0, 10);
  }

  push(actor: string, action: string, subject: string, data: Record<string, unknown>): AuditEntry {
    const entry: AuditEntry = { seq: this.entries.length + 1, at: this.now, actor, action, subject, data, prev: '', hash: '' };
    this.entries.push(entry);
    return entry;
  }

  members(group: string, ids: readonly string[]): this {
    for (const id of ids) this.push('admin', 'user.put', `user:${id}`, { version: 1, roles: ['official'], groups: [group], active: true });
    return this;
  }

  absence(userId: string, by: string, from = this.today, to = from): AuditEntry {
    return this.push(by, 'absence.set', `absence:${userId}`, { version: 1, userId, from, to });
  }

  /** A random draw among `pool` that picked `pick`, recorded as the assigner records it. */
  draw(group: string, pool: readonly string[], pick: string, options: { excluded?: readonly string[]; instanceId?: string; hashOf?: readonly string[] } = {}): { seq: number; taskId: string } {
    const taskId = `t${++this.tasks}`;
    const instanceId = options.instanceId ?? `i${this.tasks}`;
    this.push('engine', 'task.create', taskId, { instanceId, elementId: 'review', group, office: 'back', dueAt: null });
    const entry = this.push('engine', 'task.assign', taskId, {
      instanceId,
      elementId: 'review',
      strategy: 'random',
      group,
      poolSize: pool.length,
      poolHash: poolHash(options.hashOf ?? pool),
      excluded: [...(options.excluded ?? [])].sort(),
      pick,
    });
    return { seq: entry.seq, taskId };
  }

  reassign(taskId: string, by: string, from: string, to: string, extra: Record<string, unknown> = { reason: 'urgent', mode: 'pick' }): AuditEntry {
    return this.push(by, 'task.reassign', taskId, { instanceId: 'i', from, to, ...extra });
  }

  complete(taskId: string, by: string): AuditEntry {
    return this.push(by, 'task.complete', taskId, { instanceId: 'i', elementId: 'review', outcome: null });
  }
}
