/**
 * The pages a step writes (issue 15, item 3), read from the WAL itself: every commit appends one
 * frame per page it changed, so the frames of a run's commits, each mapped to the table or index
 * its page belongs to (SQLite's `dbstat`), say which b-trees a group commit touches and how often.
 *
 * A reader holding a snapshot from before the run keeps the WAL from starting over (a checkpoint
 * may copy frames, but the log is rewound only once no reader needs it), so every frame the run
 * wrote is still there at its end. Pages are mapped as the file holds them at the end: a page
 * freed and reused by another b-tree in between counts for the last (rare in a day's run, which
 * deletes little).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';

/** One commit's frames: the page numbers it wrote, in order. */
export type WalCommit = readonly number[];

export interface WalLog {
  /** The WAL header's salts: a log started over has new ones. */
  readonly salts: readonly [number, number];
  readonly pageSize: number;
  readonly commits: readonly WalCommit[];
}

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** The commits in a WAL file (the valid frames of its current salts); empty when there is none. */
export function readWal(walPath: string): WalLog {
  let wal: Buffer;
  try {
    wal = readFileSync(walPath);
  } catch {
    return { salts: [0, 0], pageSize: 0, commits: [] };
  }
  if (wal.length < WAL_HEADER) return { salts: [0, 0], pageSize: 0, commits: [] };
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)] as const;
  const commits: number[][] = [];
  let current: number[] = [];
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
    // A frame of an earlier log (the file is rewound, not truncated) ends the current one.
    if (wal.readUInt32BE(at + 8) !== salts[0] || wal.readUInt32BE(at + 12) !== salts[1]) break;
    current.push(wal.readUInt32BE(at));
    // The size of the database after the commit: set on a transaction's last frame only.
    if (wal.readUInt32BE(at + 4) !== 0) {
      commits.push(current);
      current = [];
    }
  }
  return { salts, pageSize, commits };
}

export interface WalFrames {
  readonly commits: number;
  /** Frames in all, over those commits. */
  readonly frames: number;
  readonly framesPerCommit: number;
  /** Table or index → frames per commit, most first; pages no b-tree holds at the end as `(free)`. */
  readonly byName: Readonly<Record<string, number>>;
}

/** The frames of `commits` per commit, by the b-tree each page belongs to in the file at `path`. */
export function framesByName(path: string, commits: readonly WalCommit[]): WalFrames {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const owner = new Map<number, string>();
  try {
    for (const row of db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]) owner.set(row.pageno, row.name);
  } finally {
    db.close();
  }
  const counts = new Map<string, number>();
  let frames = 0;
  for (const commit of commits) {
    for (const page of commit) {
      const name = owner.get(page) ?? '(free)';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      frames++;
    }
  }
  const per = (n: number) => Math.round((n / Math.max(1, commits.length)) * 100) / 100;
  return {
    commits: commits.length,
    frames,
    framesPerCommit: per(frames),
    byName: Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => [name, per(n)])),
  };
}

/**
 * Holds the WAL of the file at `path` from now on: `frames()` then gives the frames of every
 * commit made since, by b-tree. Throws there if the log started over all the same (the holder
 * began on an empty log, which a checkpoint may rewind).
 */
export function holdWal(path: string): { frames(): WalFrames; release(): void } {
  const before = readWal(`${path}-wal`);
  const holder = new Database(path, { readonly: true, fileMustExist: true });
  holder.exec('BEGIN');
  holder.prepare('SELECT COUNT(*) FROM sqlite_schema').get(); // the read transaction starts here
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    holder.exec('COMMIT');
    holder.close();
  };
  return {
    frames() {
      const after = readWal(`${path}-wal`);
      release();
      if (after.salts[0] !== before.salts[0] || after.salts[1] !== before.salts[1]) throw new Error(`the WAL of ${path} started over during the run: its frames cannot be counted`);
      return framesByName(path, after.commits.slice(before.commits.length));
    },
    release,
  };
}
