import type { AuditEntry } from '../../store/port.js';

interface Member {
  active: boolean;
  groups: readonly string[];
}

/** An absence as the trail recorded it: when it was set, by whom, in which entry. */
export interface RecordedAbsence {
  readonly userId: string;
  readonly from: string;
  readonly to: string;
  readonly seq: number;
  readonly at: string;
  readonly by: string;
}

/**
 * The directory as the audit trail says it was at each moment: who belonged to which group,
 * who was active, who was absent on which dates. Fed the entries in order, it answers "who was
 * in the pool of this draw" without trusting the directory's current state (which an
 * administrator can change), and the draw's recorded pool hash confirms the answer.
 */
export class DirectoryReplay {
  private readonly members = new Map<string, Member>();
  private readonly absences = new Map<string, RecordedAbsence[]>();

  /** Takes the entries that change the directory; ignores the rest. */
  apply(entry: AuditEntry): void {
    const data = entry.data ?? {};
    switch (entry.action) {
      case 'user.put': {
        const id = entry.subject.replace(/^user:/, '');
        const groups = Array.isArray(data.groups) ? data.groups.filter((g): g is string => typeof g === 'string') : [];
        this.members.set(id, { active: data.active !== false, groups });
        return;
      }
      case 'absence.set': {
        const id = String(data.userId ?? entry.subject.replace(/^absence:/, ''));
        if (typeof data.from !== 'string' || typeof data.to !== 'string') return;
        this.absences.set(id, [...(this.absences.get(id) ?? []), { userId: id, from: data.from, to: data.to, seq: entry.seq, at: entry.at, by: entry.actor }]);
        return;
      }
      case 'absence.clear': {
        const id = String(data.userId ?? entry.subject.replace(/^absence:/, ''));
        const date = typeof data.date === 'string' ? data.date : undefined;
        if (date === undefined) return;
        this.absences.set(id, (this.absences.get(id) ?? []).filter((p) => !(p.from <= date && date <= p.to)));
        return;
      }
    }
  }

  /** Active members of a group, sorted by id (as the assigner sorts them). */
  membersOf(group: string): string[] {
    return [...this.members.entries()]
      .filter(([, m]) => m.active && m.groups.includes(group))
      .map(([id]) => id)
      .sort();
  }

  isAbsent(userId: string, localDate: string): boolean {
    return this.absenceOn(userId, localDate) !== undefined;
  }

  /** The latest-set absence that covers the date: the one that took the person out of a draw. */
  absenceOn(userId: string, localDate: string): RecordedAbsence | undefined {
    return (this.absences.get(userId) ?? []).findLast((p) => p.from <= localDate && localDate <= p.to);
  }

  /** The members of a group present on a date, less the excluded (four eyes): a draw's pool. */
  poolOf(group: string, localDate: string, excluded: readonly string[]): string[] {
    const out = new Set(excluded);
    return this.membersOf(group).filter((id) => !out.has(id) && !this.isAbsent(id, localDate));
  }
}
