import type { AuditEntry, Store } from '../store/port.js';

export const STAT_DIMENSIONS = ['agency', 'service', 'channel', 'centre', 'official'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** The key of the `centre` row of applications that belong to no centre (portal, agency desk). */
export const NO_CENTRE = 'none';

/**
 * Which applications the statistics count: started within the period (`from` inclusive, `to`
 * exclusive, ISO instants), and of the centre, agency, service and channel given.
 */
export interface StatFilter {
  readonly from?: string;
  readonly to?: string;
  readonly centre?: string;
  readonly agency?: string;
  readonly service?: string;
  readonly channel?: string;
}

export interface SlaStatRow {
  /** The agency, service code, channel or official the row is about. */
  readonly key: string;
  /** Tasks with an SLA completed, and how many of them before they turned overdue. */
  readonly completed: number;
  readonly onTime: number;
  readonly late: number;
  /**
   * `onTime / (completed + overdueOpen)`: an open task past its deadline is late already, so a
   * backlog of overdue work pulls the rate down before anyone completes it. Null when nothing
   * completed and nothing is overdue.
   */
  readonly onTimeRate: number | null;
  /** Open tasks past their deadline now (flagged by the sweep, or due before `now`), and at risk. */
  readonly overdueOpen: number;
  readonly atRiskOpen: number;
  /** Applications started (by channel: the share that bypassed the centres is visible). */
  readonly applications: number;
  /** The applicants' hand-back ratings (1–5): how many, and their mean (null without any). */
  readonly ratings: number;
  readonly ratingAverage: number | null;
}

/** One day of the trend: what happened that day (in the calendar's zone). */
export interface TrendDay {
  readonly date: string;
  readonly started: number;
  readonly completed: number;
  /** Completions of tasks that had turned overdue. */
  readonly late: number;
  /** Tasks that turned overdue that day. */
  readonly turnedOverdue: number;
}

type DayCounts = { started: number; completed: number; late: number; turnedOverdue: number };

interface InstanceFacts {
  readonly serviceCode: string;
  readonly agency: string;
  readonly channel: string;
  readonly centre: string;
  readonly startedAt: string;
  /** The applicant's rating at hand-back and the clerk who recorded it. */
  rating?: { readonly value: number; readonly by: string };
}

interface TaskFacts {
  instanceId: string;
  sla: boolean;
  atRisk: boolean;
  overdue: boolean;
  dueAt?: string;
  completedBy?: string;
}

/**
 * SLA compliance computed from the audit trail — the record officials cannot edit — by a
 * fold that reads each entry once: later calls read only the entries appended since.
 */
export class SlaStats {
  private lastSeq = 0;
  private readonly instances = new Map<string, InstanceFacts>();
  private readonly tasks = new Map<string, TaskFacts>();
  /** date → agency → counts. */
  private readonly days = new Map<string, Map<string, DayCounts>>();
  private readonly dateOf: (iso: string) => string;
  private folding: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    /** The service code and agency of a definition (`key:version`). */
    private readonly describe: (definitionId: string) => Promise<{ serviceCode: string; agency: string }>,
    /** The zone days are counted in (the agencies'). */
    zone = 'Asia/Almaty',
  ) {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.dateOf = (iso) => format.format(new Date(iso));
  }

  /**
   * What happened each day of the last `days` days up to `now`: applications started, tasks
   * completed (late ones counted apart) and tasks that turned overdue — for the agencies given
   * (all when none is given).
   */
  async trend(days: number, now: Date, agencies?: ReadonlySet<string>): Promise<TrendDay[]> {
    await (this.folding ??= this.fold().finally(() => (this.folding = undefined)));
    const result: TrendDay[] = [];
    for (let i = days - 1; i >= 0; i--) {
      const date = this.dateOf(new Date(now.getTime() - i * 86_400_000).toISOString());
      const total: DayCounts = { started: 0, completed: 0, late: 0, turnedOverdue: 0 };
      for (const [agency, counts] of this.days.get(date) ?? []) {
        if (agencies && !agencies.has(agency)) continue;
        total.started += counts.started;
        total.completed += counts.completed;
        total.late += counts.late;
        total.turnedOverdue += counts.turnedOverdue;
      }
      result.push({ date, ...total });
    }
    return result;
  }

  private day(at: string, agency: string): DayCounts {
    const date = this.dateOf(at);
    let byAgency = this.days.get(date);
    if (!byAgency) this.days.set(date, (byAgency = new Map()));
    let counts = byAgency.get(agency);
    if (!counts) byAgency.set(agency, (counts = { started: 0, completed: 0, late: 0, turnedOverdue: 0 }));
    return counts;
  }

  /**
   * One row per agency, service, channel, centre or official, over the applications the filter
   * keeps. `now` decides which open tasks are past their deadline already.
   */
  async by(dimension: StatDimension, filter: StatFilter = {}, now: Date = new Date()): Promise<SlaStatRow[]> {
    await (this.folding ??= this.fold().finally(() => (this.folding = undefined)));
    const at = now.toISOString();
    const rows = new Map<string, { completed: number; onTime: number; late: number; overdueOpen: number; atRiskOpen: number; applications: number; ratings: number; ratingSum: number }>();
    const row = (key: string) => {
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { completed: 0, onTime: 0, late: 0, overdueOpen: 0, atRiskOpen: 0, applications: 0, ratings: 0, ratingSum: 0 }));
      return r;
    };
    const kept = (facts: InstanceFacts | undefined): facts is InstanceFacts => facts !== undefined && matches(facts, filter);
    for (const facts of this.instances.values()) {
      if (!kept(facts)) continue;
      if (dimension !== 'official') row(keyOf(dimension, facts)).applications++;
      if (facts.rating) {
        const r = row(dimension === 'official' ? facts.rating.by : keyOf(dimension, facts));
        r.ratings++;
        r.ratingSum += facts.rating.value;
      }
    }
    for (const task of this.tasks.values()) {
      if (!task.sla) continue;
      const instance = this.instances.get(task.instanceId);
      if (!kept(instance)) continue;
      const key = dimension === 'official' ? task.completedBy : keyOf(dimension, instance);
      if (key === undefined) continue;
      const r = row(key);
      if (task.completedBy !== undefined) {
        r.completed++;
        if (task.overdue) r.late++;
        else r.onTime++;
      } else {
        if (task.overdue || (task.dueAt !== undefined && task.dueAt <= at)) r.overdueOpen++;
        else if (task.atRisk) r.atRiskOpen++;
      }
    }
    return [...rows.entries()]
      .map(([key, { ratingSum, ...r }]) => ({
        key,
        ...r,
        onTimeRate: r.completed + r.overdueOpen ? r.onTime / (r.completed + r.overdueOpen) : null,
        ratingAverage: r.ratings ? ratingSum / r.ratings : null,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  /** The applications the filter keeps (ids), for a drill-down behind a number. */
  async applications(filter: StatFilter = {}): Promise<string[]> {
    await (this.folding ??= this.fold().finally(() => (this.folding = undefined)));
    return [...this.instances.entries()].filter(([, facts]) => matches(facts, filter)).map(([id]) => id);
  }

  private async fold(): Promise<void> {
    for (;;) {
      const page = await this.store.audit({ afterSeq: this.lastSeq, limit: 5_000 });
      for (const entry of page) await this.apply(entry);
      if (page.length) this.lastSeq = page.at(-1)!.seq;
      if (page.length < 5_000) return;
    }
  }

  private async apply(entry: AuditEntry): Promise<void> {
    const data = entry.data ?? {};
    switch (entry.action) {
      case 'instance.start': {
        const { serviceCode, agency } = await this.describe(String(data.definitionId));
        const facts = {
          serviceCode,
          agency,
          channel: typeof data.channel === 'string' ? data.channel : 'unknown',
          centre: typeof data.centre === 'string' ? data.centre : NO_CENTRE,
          startedAt: entry.at,
        };
        this.instances.set(entry.subject, facts);
        this.day(entry.at, agency).started++;
        return;
      }
      case 'task.assign':
        this.task(entry.subject, data);
        return;
      case 'task.atRisk':
      case 'task.overdue': {
        const task = this.task(entry.subject, data);
        task.sla = true;
        if (entry.action === 'task.atRisk') task.atRisk = true;
        else {
          task.overdue = true;
          this.day(entry.at, this.instances.get(task.instanceId)?.agency ?? 'unknown').turnedOverdue++;
        }
        return;
      }
      case 'task.complete': {
        const task = this.task(entry.subject, data);
        task.completedBy = entry.actor;
        const counts = this.day(entry.at, this.instances.get(task.instanceId)?.agency ?? 'unknown');
        counts.completed++;
        if (task.overdue) counts.late++;
        return;
      }
      case 'task.create': {
        const task = this.task(entry.subject, data);
        task.sla = typeof data.dueAt === 'string';
        if (typeof data.dueAt === 'string') task.dueAt = data.dueAt;
        return;
      }
      case 'application.rated': {
        const instance = this.instances.get(entry.subject);
        if (instance && typeof data.rating === 'number') instance.rating = { value: data.rating, by: entry.actor };
        return;
      }
    }
  }

  private task(id: string, data: Record<string, unknown>): TaskFacts {
    let task = this.tasks.get(id);
    if (!task) this.tasks.set(id, (task = { instanceId: String(data.instanceId ?? ''), sla: false, atRisk: false, overdue: false }));
    return task;
  }
}

function keyOf(dimension: Exclude<StatDimension, 'official'>, facts: InstanceFacts): string {
  return dimension === 'agency' ? facts.agency : dimension === 'service' ? facts.serviceCode : dimension === 'centre' ? facts.centre : facts.channel;
}

function matches(facts: InstanceFacts, filter: StatFilter): boolean {
  return (
    (filter.from === undefined || facts.startedAt >= filter.from) &&
    (filter.to === undefined || facts.startedAt < filter.to) &&
    (filter.centre === undefined || facts.centre === filter.centre) &&
    (filter.agency === undefined || facts.agency === filter.agency) &&
    (filter.service === undefined || facts.serviceCode === filter.service) &&
    (filter.channel === undefined || facts.channel === filter.channel)
  );
}
