/**
 * The store's own physical limit on this machine, measured beside Tereze in the national-day run:
 * a bare better-sqlite3 file (WAL, as the sqlite store opens it) written with rows like one
 * step's — an instance row, a task row with two indexes, a history row and two audit rows, with
 * JSON documents at least the sizes the engine writes (DOCS below) — committed one step per transaction and
 * 50 steps per transaction, with `synchronous = NORMAL` and `FULL`. No engine code is involved:
 * this is what the disk and SQLite allow, the ceiling Tereze's steps per second are compared with.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { round } from './measure.js';

export interface StoreLimitFigure {
  readonly synchronous: 'NORMAL' | 'FULL';
  readonly stepsPerCommit: number;
  readonly steps: number;
  readonly stepsPerSec: number;
  readonly commitsPerSec: number;
}

const SCHEMA = `
CREATE TABLE instances (id TEXT PRIMARY KEY, version INTEGER NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE tasks (id TEXT PRIMARY KEY, instance_id TEXT NOT NULL, state TEXT NOT NULL, candidate_group TEXT, due_at TEXT, doc TEXT NOT NULL);
CREATE INDEX tasks_instance ON tasks(instance_id);
CREATE INDEX tasks_inbox ON tasks(state, candidate_group, due_at);
CREATE TABLE history (seq INTEGER PRIMARY KEY, instance_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX history_instance ON history(instance_id);
CREATE TABLE audit (seq INTEGER PRIMARY KEY, subject TEXT NOT NULL, hash TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX audit_subject ON audit(subject);
`;

/**
 * Document sizes: instance 2 KB, task 0.7 KB, history 1.5 KB, audit 0.4 KB. The engine's, measured
 * on NO-CRIMINAL-RECORD (avg(length(doc))), are 0.70, 0.63, 0.69 and 0.43 KB: these err large,
 * so the limit errs low. The engine's tables carry more indexes (instances 5, tasks 8).
 */
const pad = (n: number) => 'x'.repeat(n);
const DOCS = { instance: pad(2000), task: pad(700), history: pad(1500), audit: pad(400) };

/** Runs each configuration for about `seconds` (at least one full commit). */
export function measureStoreLimit(seconds: number, progress: (message: string) => void): StoreLimitFigure[] {
  const figures: StoreLimitFigure[] = [];
  for (const synchronous of ['NORMAL', 'FULL'] as const) {
    for (const stepsPerCommit of [1, 50]) {
      const dir = mkdtempSync(join(tmpdir(), 'tereze-store-limit-'));
      const db = new Database(join(dir, 'limit.sqlite'));
      try {
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${synchronous}`);
        db.exec(SCHEMA);
        const insertInstance = db.prepare('INSERT INTO instances (id, version, status, doc) VALUES (?, 1, ?, ?)');
        const insertTask = db.prepare('INSERT INTO tasks (id, instance_id, state, candidate_group, due_at, doc) VALUES (?, ?, ?, ?, ?, ?)');
        const insertHistory = db.prepare('INSERT INTO history (instance_id, doc) VALUES (?, ?)');
        const insertAudit = db.prepare('INSERT INTO audit (subject, hash, doc) VALUES (?, ?, ?)');
        let n = 0;
        const oneStep = () => {
          const id = `i${n}`;
          insertInstance.run(id, 'active', DOCS.instance);
          insertTask.run(`t${n}`, id, 'open', `group-${n % 7}`, new Date(1_700_000_000_000 + n * 1000).toISOString(), DOCS.task);
          insertHistory.run(id, DOCS.history);
          insertAudit.run(id, `h${n}a`, DOCS.audit);
          insertAudit.run(`t${n}`, `h${n}b`, DOCS.audit);
          n++;
        };
        const commit = db.transaction(() => {
          for (let k = 0; k < stepsPerCommit; k++) oneStep();
        });
        let commits = 0;
        const t0 = performance.now();
        let elapsed = 0;
        while (elapsed < seconds * 1000 || commits === 0) {
          commit.immediate();
          commits++;
          if (commits % 16 === 0) elapsed = performance.now() - t0;
        }
        elapsed = performance.now() - t0;
        const figure = { synchronous, stepsPerCommit, steps: n, stepsPerSec: round((n * 1000) / elapsed, 0), commitsPerSec: round((commits * 1000) / elapsed, 0) };
        progress(`store limit ${synchronous}, ${stepsPerCommit}/commit: ${figure.stepsPerSec} steps/s (${figure.commitsPerSec} commits/s)`);
        figures.push(figure);
      } finally {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return figures;
}
