import type { AuditEntry } from '../store/port.js';
import { expectedHash, GENESIS } from './chain.js';

export interface ExportCheck {
  readonly ok: boolean;
  /** Entries whose hash was recomputed. */
  readonly checked: number;
  /** Links checked: an entry following its predecessor (seq − 1) in the export, or seq 1 on the genesis link. */
  readonly links: number;
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
}

/**
 * Checks entries exported from the trail without the store: each entry's hash recomputed from
 * its own fields, and the link of every entry whose predecessor is in the export too (a
 * contiguous range is checked end to end; a filtered selection entry by entry, and its
 * links where neighbours were kept). The export's first entry links to what the trail had
 * before it: only the genesis link of seq 1 can be checked here, the rest by the signed
 * checkpoints or `GET /api/audit/verify`.
 */
export function verifyExport(entries: readonly AuditEntry[]): ExportCheck {
  let checked = 0;
  let links = 0;
  let previous: AuditEntry | undefined;
  for (const entry of entries) {
    checked++;
    if (previous && entry.seq <= previous.seq) return broken(entry, `seq ${entry.seq} follows seq ${previous.seq}: the export is out of order`);
    if (entry.hash !== expectedHash(entry)) return broken(entry, `the hash of entry ${entry.seq} does not match its fields`);
    if (entry.seq === 1) {
      links++;
      if (entry.prev !== GENESIS) return broken(entry, 'the first entry of the trail does not link to the genesis');
    } else if (previous && previous.seq === entry.seq - 1) {
      links++;
      if (entry.prev !== previous.hash) return broken(entry, `entry ${entry.seq} does not link to entry ${previous.seq}`);
    }
    previous = entry;
  }
  return { ok: true, checked, links };

  function broken(entry: AuditEntry, reason: string): ExportCheck {
    return { ok: false, checked, links, firstBroken: { seq: entry.seq, reason } };
  }
}
