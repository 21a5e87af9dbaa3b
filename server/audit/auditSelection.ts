import type { AuditEntry, Engine } from '../../engine/index.js';

/** What an auditor selects of the trail (every field optional; all given must hold). */
export interface AuditFilter {
  /** One subject: an application (instance id), a user, a task, a service code… */
  readonly subject?: string;
  readonly actor?: string;
  /** An action (`task.complete`), or a family of them by its prefix (`task` → `task.*`). */
  readonly action?: string;
  /** The period, ISO instants: `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
}

const PAGE = 1_000;

/**
 * The entries after `afterSeq` that the filter keeps, in seq order, at most `limit`: the trail
 * is read page by page through the store's `audit` (by subject when one is given), so a page
 * of a rare action may read far. The next page starts after the last seq returned.
 */
export async function selectAudit(engine: Engine, filter: AuditFilter, page: { afterSeq?: number; limit: number }): Promise<AuditEntry[]> {
  const kept: AuditEntry[] = [];
  const from = filter.from === undefined ? undefined : Date.parse(filter.from);
  const to = filter.to === undefined ? undefined : Date.parse(filter.to);
  const keeps = (entry: AuditEntry) => {
    if (filter.actor !== undefined && entry.actor !== filter.actor) return false;
    if (filter.action !== undefined && entry.action !== filter.action && !entry.action.startsWith(`${filter.action}.`)) return false;
    const at = Date.parse(entry.at);
    return (from === undefined || at >= from) && (to === undefined || at < to);
  };
  for (let after = page.afterSeq ?? 0; ; ) {
    const entries = await engine.audit({ ...(filter.subject ? { subject: filter.subject } : {}), afterSeq: after, limit: PAGE });
    for (const entry of entries) {
      if (!keeps(entry)) continue;
      kept.push(entry);
      if (kept.length === page.limit) return kept;
    }
    if (entries.length < PAGE) return kept;
    after = entries.at(-1)!.seq;
  }
}
