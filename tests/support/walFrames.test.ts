/**
 * The benchmark's count of the pages each commit writes (tests/bench/walFrames.ts): read from the
 * WAL while a reader holds it, mapped to the table or index each page belongs to.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdWal, readWal } from '../bench/walFrames.js';

const dir = mkdtempSync(join(tmpdir(), 'tereze-wal-frames-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WAL frames per commit', () => {
  it('counts the commits made while the WAL is held, and the pages each wrote by table and index', () => {
    const path = join(dir, 'frames.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL); CREATE INDEX rows_kind ON rows (kind)');
    db.exec("INSERT INTO rows (kind, body) VALUES ('before', 'x')"); // before the hold: not counted
    const held = holdWal(path);
    const insert = db.prepare('INSERT INTO rows (kind, body) VALUES (?, ?)');
    const group = db.transaction((n: number) => {
      for (let i = 0; i < n; i++) insert.run(`k${i % 3}`, 'y'.repeat(100));
    });
    for (let i = 0; i < 5; i++) group(10);
    // a checkpoint meanwhile copies what it may, but the log is not started over
    db.pragma('wal_checkpoint(PASSIVE)');
    group(10);
    const frames = held.frames();
    db.close();
    expect(frames.commits).toBe(6);
    // each commit rewrote the index's leaf once and the table's last leaf (twice where it split),
    // and the header page (sqlite_schema's) where the file grew; nothing of another b-tree
    expect(frames.byName.rows_kind).toBe(1);
    expect(frames.byName.rows).toBeGreaterThanOrEqual(1);
    expect(Object.keys(frames.byName).sort()).toEqual(expect.arrayContaining(['rows', 'rows_kind']));
    for (const name of Object.keys(frames.byName)) expect(['rows', 'rows_kind', 'sqlite_schema']).toContain(name);
    expect(frames.framesPerCommit).toBeCloseTo(Object.values(frames.byName).reduce((a, b) => a + b, 0), 1);
  });

  it('says nothing is there for a file without a WAL', () => {
    expect(readWal(join(dir, 'none.sqlite-wal')).commits).toEqual([]);
  });
});
