import { poolHash } from '../../assignment/index.js';
import type { AuditEntry } from '../../store/port.js';
import { DirectoryReplay, type RecordedAbsence } from './DirectoryReplay.js';

/** A random draw whose pool the trail confirms. */
export interface Draw {
  readonly seq: number;
  readonly at: string;
  readonly group: string;
  readonly taskId: string;
  readonly instanceId: string;
  readonly pick: string;
  /** Who could have been drawn (reconstructed from the trail; its hash matches the recorded one). */
  readonly pool: readonly string[];
  /** Four-eyes exclusions: the officials who did the earlier task of this application. */
  readonly excluded: readonly string[];
  /** Members kept out by an absence set shortly before this draw, with that absence. */
  readonly lateAbsent: readonly RecordedAbsence[];
}

export interface Reassignment {
  readonly seq: number;
  readonly at: string;
  readonly by: string;
  readonly taskId: string;
  readonly group: string;
  readonly from: string | null;
  readonly to: string;
  readonly mode: 'pick' | 'redraw';
  readonly reason: string;
  /** Who else could have been named: present members of the group, less the current assignee. */
  readonly candidates: readonly string[];
}

export interface Completion {
  readonly seq: number;
  readonly taskId: string;
  readonly by: string;
}

export interface Facts {
  readonly draws: Draw[];
  readonly unverified: { readonly seq: number; readonly group: string }[];
  readonly reassignments: Reassignment[];
  readonly completions: Map<string, Completion>;
}

export interface CollectOptions {
  /** Local dates (YYYY-MM-DD, inclusive) of the period; the whole trail when absent. */
  readonly from?: string;
  readonly to?: string;
  readonly group?: string;
  readonly lateAbsenceHours: number;
  /** The local date of an instant in the agencies' zone: absences are per local day. */
  readonly localDate: (iso: string) => string;
}

const HOUR = 3_600_000;

/**
 * One pass over the trail in order. The directory is replayed from the first entry (a draw
 * in the period needs the memberships set long before it); draws, reassignments and
 * completions are kept only when their local date falls in the period.
 */
export function collectFacts(entries: Iterable<AuditEntry>, options: CollectOptions): Facts {
  const replay = new DirectoryReplay();
  const facts: Facts = { draws: [], unverified: [], reassignments: [], completions: new Map() };
  const groupOfTask = new Map<string, string>();
  const excludedOfTask = new Map<string, readonly string[]>();
  const inPeriod = (date: string) => (options.from === undefined || date >= options.from) && (options.to === undefined || date <= options.to);
  const wanted = (group: string) => options.group === undefined || options.group === group;

  for (const entry of entries) {
    replay.apply(entry);
    const data = entry.data ?? {};
    if (entry.action === 'task.create' && typeof data.group === 'string') groupOfTask.set(entry.subject, data.group);
    if (entry.action === 'task.assign') {
      const group = typeof data.group === 'string' ? data.group : groupOfTask.get(entry.subject);
      if (group === undefined) continue;
      groupOfTask.set(entry.subject, group);
      const excluded = strings(data.excluded);
      excludedOfTask.set(entry.subject, excluded);
      // Only uniform draws are tested: round-robin and least-loaded are not meant to be uniform.
      if (data.strategy !== 'random' || typeof data.pick !== 'string' || !wanted(group)) continue;
      const date = options.localDate(entry.at);
      if (!inPeriod(date)) continue;
      const draw = drawOf(entry, replay, group, date, excluded, data.pick, String(data.poolHash ?? ''), options.lateAbsenceHours);
      if (draw) facts.draws.push(draw);
      else facts.unverified.push({ seq: entry.seq, group });
    }
    if (entry.action === 'task.reassign') {
      const group = groupOfTask.get(entry.subject);
      if (group === undefined || !wanted(group) || typeof data.to !== 'string') continue;
      const date = options.localDate(entry.at);
      if (!inPeriod(date)) continue;
      const from = typeof data.from === 'string' ? data.from : null;
      // Entries from before reassignment had modes were all named picks.
      const mode = data.mode === 'redraw' ? 'redraw' : 'pick';
      const candidates = replay.poolOf(group, date, from ? [from] : []);
      facts.reassignments.push({ seq: entry.seq, at: entry.at, by: entry.actor, taskId: entry.subject, group, from, to: data.to, mode, reason: String(data.reason ?? ''), candidates });
      if (mode === 'redraw') {
        // A re-draw is a random draw too. Its pool leaves out the one it was taken from and, the
        // rule being the same as at the first draw, the four-eyes exclusions; the recorded hash
        // decides which reading of the pool was used (the first that matches).
        const fourEyes = excludedOfTask.get(entry.subject) ?? [];
        const readings = [[...fourEyes, ...(from ? [from] : [])], from ? [from] : [], [...fourEyes]];
        const hash = String(data.poolHash ?? '');
        const draw = readings.map((excluded) => drawOf(entry, replay, group, date, [...new Set(excluded)], data.to as string, hash, options.lateAbsenceHours)).find((d) => d !== undefined);
        if (draw) facts.draws.push(draw);
        else facts.unverified.push({ seq: entry.seq, group });
      }
    }
    if (entry.action === 'task.complete') {
      if (inPeriod(options.localDate(entry.at))) facts.completions.set(entry.subject, { seq: entry.seq, taskId: entry.subject, by: entry.actor });
    }
  }
  return facts;
}

function drawOf(
  entry: AuditEntry,
  replay: DirectoryReplay,
  group: string,
  date: string,
  excluded: readonly string[],
  pick: string,
  recordedHash: string,
  lateHours: number,
): Draw | undefined {
  const pool = replay.poolOf(group, date, excluded);
  if (poolHash(pool) !== recordedHash || !pool.includes(pick)) return undefined;
  const out = new Set(excluded);
  const drawnAt = Date.parse(entry.at);
  const lateAbsent: RecordedAbsence[] = [];
  for (const member of replay.membersOf(group)) {
    if (out.has(member)) continue;
    const absence = replay.absenceOn(member, date);
    if (absence && drawnAt - Date.parse(absence.at) <= lateHours * HOUR) lateAbsent.push(absence);
  }
  return { seq: entry.seq, at: entry.at, group, taskId: entry.subject, instanceId: String(entry.data?.instanceId ?? ''), pick, pool, excluded, lateAbsent };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
