import { ChannelClosedError, InvalidArgumentError } from '../errors.js';
import { INSTANT_FORMAT, parseInstant, saneInstant } from '../isoTime.js';
import type { Channel } from '../model/types.js';
import type { PolicyDocuments } from '../PolicyDocuments.js';

export const ACCESS_MODES = ['single', 'alternative'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** One coordinator decision: a service (optionally in one region) switched to a mode. */
export interface RoutingDecision {
  readonly serviceCode: string;
  readonly region?: string;
  readonly mode: AccessMode;
  /** Applications started from this instant on follow the decision; those in flight keep their course. */
  readonly effectiveFrom: string;
  readonly by: string;
  readonly reason: string;
  readonly decidedAt: string;
  readonly version: number;
}

export interface SetRouting {
  readonly mode: AccessMode;
  readonly reason: string;
  readonly by: string;
  readonly effectiveFrom?: Date | string;
  readonly region?: string;
}

/** Without any decision a service is open on every channel its process accepts. */
export const DEFAULT_MODE: AccessMode = 'alternative';

/**
 * Access policy per service: `single` (applications only through the centres — and the
 * portal, which the centres' operator runs) or `alternative` (the agency's own desk too).
 */
export class RoutingPolicy {
  constructor(
    private readonly documents: PolicyDocuments,
    private readonly now: () => Date,
  ) {}

  async set(serviceCode: string, change: SetRouting): Promise<RoutingDecision> {
    const code = requireCode(serviceCode);
    if (!(ACCESS_MODES as readonly string[]).includes(change?.mode)) {
      throw new InvalidArgumentError('mode', `'${String(change?.mode)}' is not one of ${ACCESS_MODES.join(', ')}`);
    }
    if (typeof change.reason !== 'string' || !change.reason.trim()) throw new InvalidArgumentError('reason', 'a routing switch needs a reason');
    if (typeof change.by !== 'string' || !change.by.trim()) throw new InvalidArgumentError('by', 'is required');
    const effectiveFrom = change.effectiveFrom === undefined ? this.now() : effectiveInstant(change.effectiveFrom);
    const id = documentId(code, change.region);
    const record = await this.documents.write<Omit<RoutingDecision, 'version'>>(
      'routing',
      id,
      () => ({
        serviceCode: code,
        ...(change.region ? { region: change.region } : {}),
        mode: change.mode,
        effectiveFrom: effectiveFrom.toISOString(),
        by: change.by,
        reason: change.reason.trim(),
        decidedAt: this.now().toISOString(),
      }),
      { by: change.by, action: 'routing.switch', data: { mode: change.mode, effectiveFrom: effectiveFrom.toISOString(), reason: change.reason, region: change.region ?? null } },
    );
    return { ...record.doc, version: record.version };
  }

  /** Every decision for a service (and region), oldest first. */
  async history(serviceCode: string, region?: string): Promise<RoutingDecision[]> {
    const versions = await this.documents.versions<Omit<RoutingDecision, 'version'>>('routing', documentId(requireCode(serviceCode), region));
    return versions.map((r) => ({ ...r.doc, version: r.version }));
  }

  /** The latest decision of every service and region. */
  async list(): Promise<RoutingDecision[]> {
    const latest = await this.documents.list<Omit<RoutingDecision, 'version'>>('routing');
    return latest.map((r) => ({ ...r.doc, version: r.version }));
  }

  /**
   * The mode in force at an instant: of the decisions already effective then, the one with the
   * latest effectiveFrom (a later decision wins a tie). A region's own decisions come first.
   */
  async modeAt(serviceCode: string, at: Date, region?: string): Promise<{ mode: AccessMode; decision?: RoutingDecision }> {
    for (const id of region ? [documentId(serviceCode, region), documentId(serviceCode)] : [documentId(serviceCode)]) {
      // Every version, always: a newer decision may take effect earlier than a scheduled one
      // (decide single from the 10th, then alternative from the 5th), and from the 10th the
      // schedule says single, whichever decision was made last.
      const decisions = (await this.documents.versions<Omit<RoutingDecision, 'version'>>('routing', id)).map((r) => ({ ...r.doc, version: r.version }));
      const effective = decisions
        .filter((d) => Date.parse(d.effectiveFrom) <= at.getTime())
        .sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom) || a.version - b.version)
        .at(-1);
      if (effective) return { mode: effective.mode, decision: effective };
    }
    return { mode: DEFAULT_MODE };
  }

  /** Refuses a start the policy closes: the agency's desk under single access. */
  async check(serviceCode: string | undefined, channel: Channel | undefined, at: Date, region?: string): Promise<void> {
    if (!serviceCode || channel !== 'agency') return;
    const { mode, decision } = await this.modeAt(serviceCode, at, region);
    if (mode === 'single') throw new ChannelClosedError(serviceCode, channel, decision ? { reason: decision.reason, effectiveFrom: decision.effectiveFrom } : undefined);
  }
}

/** A decision dated in the year 0 or rolled over from 30 February would silently rule forever (or never). */
function effectiveInstant(value: Date | string): Date {
  const instant = value instanceof Date ? saneInstant(value) : typeof value === 'string' ? parseInstant(value) : undefined;
  if (!instant) throw new InvalidArgumentError('effectiveFrom', `'${value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : String(value)}' is not ${INSTANT_FORMAT}`);
  return instant;
}

function documentId(serviceCode: string, region?: string): string {
  return region ? `${serviceCode}@${region}` : serviceCode;
}

function requireCode(serviceCode: string): string {
  if (typeof serviceCode !== 'string' || !/^[\w.-]{1,64}$/.test(serviceCode)) {
    throw new InvalidArgumentError('serviceCode', `'${String(serviceCode)}' is not a service code`);
  }
  return serviceCode;
}
