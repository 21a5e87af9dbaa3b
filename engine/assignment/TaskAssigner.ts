import type { UserTaskSpec } from '../model/types.js';
import type { AuditInput, PolicyRecord, PolicyWrite, Store } from '../store/port.js';
import type { Directory } from './Directory.js';
import { drawIndex, leastLoaded, nextInRotation, poolHash } from './strategies.js';

/** What decides who may work a task, whoever asks: the draw, a claim, a completion, a reassignment. */
export interface EligibilityQuery {
  readonly spec: UserTaskSpec;
  /** The local date in the agency's zone: who is absent is decided per day. */
  readonly localDate: string;
  /** Users who may not take this task: assignees of the tasks named by `ps:excludeAssigneesOf`. */
  readonly excluded: readonly string[];
  /** The centre the application was taken in: front-office work stays with that centre's clerks. */
  readonly centre?: string;
}

export interface AssignmentRequest extends EligibilityQuery {
  readonly taskId: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly at: string;
  /** Rotation pointers already moved in this same step (two round-robin tasks at once). */
  readonly rotations: Map<string, PolicyWrite>;
}

export interface AssignmentOutcome {
  readonly assignee: string | null;
  /** Why the task waits unassigned although its strategy assigns (for the supervisor). */
  readonly attention?: string;
  readonly audit?: AuditInput;
}

/**
 * Who gets a task. Eligible: active members of the candidate group, not absent that day, not
 * excluded by the four-eyes rule. `random` draws uniformly from a cryptographic source and
 * records the pool (size and hash) and the pick; `round-robin` keeps its pointer per group;
 * `least-loaded` takes the fewest open tasks with a random tie-break; `claim` leaves the task
 * in the group queue. Nobody eligible: the task waits unassigned, flagged — never an error.
 */
export class TaskAssigner {
  constructor(
    private readonly directory: Directory,
    private readonly store: Store,
    private readonly random?: () => number,
  ) {}

  async assign(request: AssignmentRequest): Promise<AssignmentOutcome> {
    const { spec } = request;
    if (spec.assignment === 'claim' || !spec.candidateGroup) return { assignee: null };
    const group = spec.candidateGroup;
    const pool = await this.eligible(request);
    const excluded = [...new Set(request.excluded)].sort();
    if (pool.length === 0) {
      const attention = `no eligible official in group ${group} on ${request.localDate} (all absent, inactive or excluded)`;
      return { assignee: null, attention, audit: this.audit(request, drawn(spec.assignment, group, pool, excluded, null, attention)) };
    }
    let pick: string;
    if (spec.assignment === 'round-robin') {
      const pending = request.rotations.get(group);
      // Read fresh, not cached: the pointer moves with every assignment, and a stale version
      // would only lose the commit's guard and retry.
      const current = pending ? { version: pending.version, doc: pending.doc } : await this.store.getPolicy<{ last: string }>('rotation', group);
      pick = nextInRotation(pool, (current?.doc as { last?: string } | undefined)?.last);
      request.rotations.set(group, { kind: 'rotation', id: group, version: (current?.version ?? 0) + 1, at: request.at, doc: { last: pick }, keepHistory: false });
    } else if (spec.assignment === 'least-loaded') {
      const tied = leastLoaded(pool, await this.store.countOpenTasks(pool));
      pick = tied[drawIndex(tied.length, this.random)]!;
    } else {
      pick = pool[drawIndex(pool.length, this.random)]!;
    }
    return { assignee: pick, audit: this.audit(request, drawn(spec.assignment, group, pool, excluded, pick)) };
  }

  /**
   * The eligible pool, sorted by id: active members of the candidate group, not absent that
   * day, not excluded by four eyes, and for front-office work of the application's centre.
   */
  async eligible(query: EligibilityQuery): Promise<string[]> {
    const group = query.spec.candidateGroup;
    if (!group) return [];
    const excluded = new Set(query.excluded);
    const centre = query.spec.office === 'front' ? query.centre : undefined;
    return (await this.directory.available(group, query.localDate))
      .filter((u) => !excluded.has(u.id) && (centre === undefined || u.centre === centre))
      .map((u) => u.id);
  }

  /** A uniform pick from a pool (a supervisor's re-draw), from the engine's source of randomness. */
  drawFrom(pool: readonly string[]): string {
    return pool[drawIndex(pool.length, this.random)]!;
  }

  /** Why a user is not in the eligible pool, in words (undefined when they are in it). */
  async whyNotEligible(userId: string, query: EligibilityQuery): Promise<string | undefined> {
    const group = query.spec.candidateGroup;
    const user = await this.directory.findUser(userId);
    if (!user) return `${userId} is not a user`;
    if (!user.active) return `${userId} is not active`;
    if (!group) return `the task has no candidate group to take it from`;
    if (!user.groups.includes(group)) return `${userId} is not a member of ${group}`;
    if (query.spec.office === 'front' && query.centre !== undefined && user.centre !== query.centre) {
      return `${userId} works at ${user.centre ?? 'no centre'}, and this application belongs to ${query.centre}`;
    }
    if (query.excluded.includes(userId)) return `${userId} already worked on this application and may not also take this task (four eyes)`;
    if (!(await this.eligible(query)).includes(userId)) return `${userId} is absent on ${query.localDate}`;
    return undefined;
  }

  private audit(request: AssignmentRequest, data: Record<string, unknown>): AuditInput {
    return { at: request.at, actor: 'engine', action: 'task.assign', subject: request.taskId, data: { instanceId: request.instanceId, elementId: request.elementId, ...data } };
  }
}

export type RotationRecord = PolicyRecord<{ last: string }>;

/**
 * What a draw records: strategy, group, the pool's size and hash, who was excluded, the pick
 * (and, when nobody could be drawn, why).
 * Built whole (`{ ...base, pick }` took the added key on V8's slow path: engine/records/withChanges.ts).
 */
function drawn(strategy: string, group: string, pool: readonly string[], excluded: readonly string[], pick: string | null, attention?: string): Record<string, unknown> {
  return { strategy, group, poolSize: pool.length, poolHash: poolHash(pool), excluded, pick, ...(attention === undefined ? {} : { attention }) };
}
