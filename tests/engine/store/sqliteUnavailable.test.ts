import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../engine/errors.js';
import { sqliteUnavailable } from '../../../engine/store/sqlite/sqliteUnavailable.js';

const dir = mkdtempSync(join(tmpdir(), 'tereze-unavailable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a real database throws from `run`. */
function thrownBy(run: (db: Database.Database) => void, options?: Database.Options): unknown {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.db`);
  new Database(file).exec('CREATE TABLE t (x BLOB)').close();
  const db = new Database(file, options);
  try {
    run(db);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
}

describe('sqliteUnavailable', () => {
  it('should name a full database (a real SQLITE_FULL) with a retry hint', () => {
    const full = thrownBy((db) => {
      db.pragma('max_page_count = 3');
      db.prepare('INSERT INTO t VALUES (zeroblob(100000))').run();
    });
    expect((full as { code?: string }).code).toBe('SQLITE_FULL');
    const error = sqliteUnavailable(full, join(dir, 'x.db'));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ reason: 'the disk holding the database is full', retryAfterSeconds: 60 });
    expect(error?.message).toContain(join(dir, 'x.db'));
  });

  it('should name a read-only database (a real SQLITE_READONLY) without a retry hint: an operator fixes it', () => {
    const readOnly = thrownBy((db) => db.prepare('INSERT INTO t VALUES (1)').run(), { readonly: true });
    expect((readOnly as { code?: string }).code).toBe('SQLITE_READONLY');
    expect(sqliteUnavailable(readOnly, 'x.db')).toMatchObject({ reason: 'the database is read-only', retryAfterSeconds: undefined });
  });

  it('should name the file system errors of opening, each with its folder', () => {
    const cases: [string, RegExp][] = [
      ['ENOSPC', /full/],
      ['EROFS', /read-only file system/],
      ['EACCES', /may not write/],
      ['ENOTDIR', /not a folder/],
      ['SQLITE_IOERR_WRITE', /failed to read or write/],
      ['SQLITE_CANTOPEN', /cannot be opened/],
      ['SQLITE_CORRUPT', /damaged/],
    ];
    for (const [code, reason] of cases) {
      const error = sqliteUnavailable(Object.assign(new Error(code), { code }), join(dir, 'data', 'tereze.db'));
      expect(error?.reason, code).toMatch(reason);
      expect(error?.message, code).toContain(join(dir, 'data'));
      expect(error?.reason, code).not.toContain(dir);
    }
  });

  it('should leave every other error alone (a constraint is a conflict, a bug is a bug)', () => {
    expect(sqliteUnavailable(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }), 'x.db')).toBeUndefined();
    expect(sqliteUnavailable(new TypeError('x'), 'x.db')).toBeUndefined();
    expect(sqliteUnavailable('SQLITE_FULL', 'x.db')).toBeUndefined();
  });
});
