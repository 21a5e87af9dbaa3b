import { unitNamesOf, type InstanceTally, type OrgUnit } from '../../engine/index.js';
import type { ServiceStandard } from '../../processes/standard.js';

export interface ServiceFacts {
  readonly serviceCode: string;
  readonly names?: ServiceStandard['names'];
  readonly agency?: string;
  /** The agency's name in the directory (administration), when it has one. */
  readonly agencyName?: string;
  /** That name in other languages (kk, ru, en), when the directory gives them. */
  readonly agencyNames?: Partial<Record<'kk' | 'ru' | 'en', string>>;
  /** The channels the service standard offers; the access switch only means something with `agency` among them. */
  readonly channels: readonly string[];
  readonly hasAgencyChannel: boolean;
  /** Applications ever taken in, by channel, and each channel's part of them (0–1). */
  readonly byChannel: Readonly<Record<string, number>>;
  readonly channelShare: Readonly<Record<string, number>>;
  readonly total: number;
  /** Applications waiting now (not finished). */
  readonly waiting: number;
  /**
   * Finished on time over those finished with a deadline and those running past it (an open
   * application past its deadline is late already); absent while there is nothing to count.
   */
  readonly onTimeRate?: number;
}

/** The facts a coordinator weighs beside a service's access switch, for every service code a deployed process carries. */
export function serviceFacts(serviceCodes: readonly string[], tallies: readonly InstanceTally[], standards: readonly ServiceStandard[], agencies: ReadonlyMap<string, Pick<OrgUnit, 'name' | 'translations'>> = new Map()): ServiceFacts[] {
  return [...new Set(serviceCodes)].sort().map((code) => {
    const standard = standards.find((s) => s.code === code);
    const mine = tallies.filter((t) => t.serviceCode === code);
    const byChannel: Record<string, number> = {};
    let total = 0;
    let waiting = 0;
    let onTime = 0;
    let counted = 0;
    for (const tally of mine) {
      const channel = tally.channel ?? 'other';
      byChannel[channel] = (byChannel[channel] ?? 0) + tally.total;
      total += tally.total;
      waiting += tally.running;
      onTime += tally.completedOnTime;
      counted += tally.completedWithDeadline + tally.runningOverdue;
    }
    const channelShare = Object.fromEntries(Object.entries(byChannel).map(([channel, n]) => [channel, n / total]));
    const channels = standard?.channels ?? [];
    const agency = standard ? agencies.get(standard.agency) : undefined;
    const agencyNames = agency ? unitNamesOf(agency) : undefined;
    return {
      serviceCode: code,
      ...(standard ? { names: standard.names, agency: standard.agency } : {}),
      ...(agency ? { agencyName: agency.name, ...(agencyNames ? { agencyNames } : {}) } : {}),
      channels,
      hasAgencyChannel: channels.includes('agency'),
      byChannel,
      channelShare,
      total,
      waiting,
      ...(counted ? { onTimeRate: onTime / counted } : {}),
    };
  });
}
