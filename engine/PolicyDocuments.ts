import { transact } from './commit/transact.js';
import { WriteSet } from './commit/WriteSet.js';
import type { AuditInput, PolicyKind, PolicyRecord, Store } from './store/port.js';

export interface PolicyWriteOptions {
  readonly by: string;
  readonly action: string;
  readonly data?: Record<string, unknown>;
  readonly keepHistory?: boolean;
}

/**
 * Versioned organisation and policy documents (users, absences, calendars, routing) with a
 * short read cache. Every write is one commit with its audit entry; a concurrent write to the
 * same document loses with a ConflictError and is retried by re-reading.
 */
export class PolicyDocuments {
  private readonly cache = new Map<string, { record: PolicyRecord | undefined; at: number }>();
  private readonly lists = new Map<PolicyKind, { records: PolicyRecord[]; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** How long a read may be served from memory; another server's writes show after it. */
    private readonly ttlMs = 1_000,
  ) {}

  async get<T>(kind: PolicyKind, id: string): Promise<PolicyRecord<T> | undefined> {
    const key = `${kind}\u0000${id}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.record as PolicyRecord<T> | undefined;
    const record = await this.store.getPolicy<T>(kind, id);
    this.cache.set(key, { record: record as PolicyRecord | undefined, at: Date.now() });
    return record;
  }

  async list<T>(kind: PolicyKind): Promise<PolicyRecord<T>[]> {
    const hit = this.lists.get(kind);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.records as PolicyRecord<T>[];
    const records = await this.store.listPolicies<T>(kind);
    this.lists.set(kind, { records: records as PolicyRecord[], at: Date.now() });
    return records;
  }

  versions<T>(kind: PolicyKind, id: string): Promise<PolicyRecord<T>[]> {
    return this.store.policyVersions<T>(kind, id);
  }

  /** Writes the next version of a document, computed from the current one (retried on a race). */
  async write<T extends Record<string, unknown>>(
    kind: PolicyKind,
    id: string,
    next: (current: PolicyRecord<T> | undefined) => T,
    options: PolicyWriteOptions,
  ): Promise<PolicyRecord<T>> {
    const { value: record } = await transact(this.store, () => new WriteSet(), async (writes) => {
      const current = await this.store.getPolicy<T>(kind, id);
      const at = this.now().toISOString();
      const record: PolicyRecord<T> = { kind, id, version: (current?.version ?? 0) + 1, at, doc: next(current) };
      writes.writePolicy({ ...record, keepHistory: options.keepHistory ?? true });
      writes.audit({ at, actor: options.by, action: options.action, subject: `${kind}:${id}`, data: { version: record.version, ...(options.data ?? {}) } });
      return record;
    });
    this.forget(kind, id);
    return record;
  }

  /** Appends an audit entry that changes no document (a failed login, say). */
  async record(entry: AuditInput): Promise<void> {
    await this.store.commit({ audit: [entry] });
  }

  /** Drops cached reads of a document this engine just changed. */
  forget(kind: PolicyKind, id: string): void {
    this.cache.delete(`${kind}\u0000${id}`);
    this.lists.delete(kind);
  }
}
