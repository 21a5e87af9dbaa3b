import type { Channel } from '../model/types.js';
import type { InstanceRecord } from '../store/port.js';

/**
 * Counts of a process version's applications for one service and channel: what the designer's
 * catalogue and the coordinator's routing facts add up (each by its own grouping).
 */
export interface InstanceTally {
  /** `key:version`. */
  readonly definitionId: string;
  readonly key: string;
  readonly version: number;
  readonly serviceCode?: string;
  readonly channel?: Channel;
  /** Applications not finished (with or without an incident). */
  readonly running: number;
  /** Of the running ones, those with a stuck token. */
  readonly withIncident: number;
  /** Finished ones that had a deadline, and of those the ones finished by it. */
  readonly completedWithDeadline: number;
  readonly completedOnTime: number;
  /** Running ones already past their deadline: late now, whatever happens next. */
  readonly runningOverdue: number;
  readonly total: number;
}

/** Groups instances by definition, service and channel; children of call activities count under their own process. */
export function instanceTallies(instances: readonly InstanceRecord[], now: Date): InstanceTally[] {
  const at = now.toISOString();
  const tallies = new Map<string, { -readonly [K in keyof InstanceTally]: InstanceTally[K] }>();
  for (const instance of instances) {
    const version = Number(instance.definitionId.slice(instance.definitionId.lastIndexOf(':') + 1));
    const id = `${instance.definitionId}|${instance.serviceCode ?? ''}|${instance.channel ?? ''}`;
    let tally = tallies.get(id);
    if (!tally) {
      tally = { definitionId: instance.definitionId, key: instance.key, version, running: 0, withIncident: 0, completedWithDeadline: 0, completedOnTime: 0, runningOverdue: 0, total: 0 };
      if (instance.serviceCode) tally.serviceCode = instance.serviceCode;
      if (instance.channel) tally.channel = instance.channel;
      tallies.set(id, tally);
    }
    tally.total++;
    const dueAt = instance.sla?.dueAt;
    if (instance.status === 'active') {
      tally.running++;
      if (instance.incidents.length) tally.withIncident++;
      if (dueAt && dueAt <= at) tally.runningOverdue++;
    } else if (instance.status === 'completed' && dueAt) {
      tally.completedWithDeadline++;
      if (instance.endedAt && instance.endedAt <= dueAt) tally.completedOnTime++;
    }
  }
  return [...tallies.values()].sort((a, b) => (a.definitionId < b.definitionId ? -1 : a.definitionId > b.definitionId ? 1 : 0));
}
