import { ChannelClosedError, ForbiddenError, NotFoundError, type Engine } from '../../engine/index.js';
import type { ServiceStandard } from '../../processes/standard.js';
import type { ActingUser } from '../AppContext.js';
import type { ScopeChecks } from '../auth/access.js';
import { HttpProblem } from '../HttpProblem.js';

const CHANNELS = ['centre', 'agency', 'portal'] as const;

export interface OpenChannels {
  readonly serviceCode: string;
  /** The channels this caller may register the service on now: a start on one of them is not refused for its channel. */
  readonly channels: readonly string[];
  /** Channels the caller would use but the routing policy closes now, with the coordinator's reason. */
  readonly closed: readonly { readonly channel: string; readonly reason?: string; readonly effectiveFrom?: string }[];
}

/**
 * Which channels a registration form may offer this caller, service by service: the standard's
 * channels, kept when the start's own checks pass — the scope rule (`startChannel`: clerks at
 * their centre, officials at their agency's desk for its services) and the routing policy
 * (single access closes the agency's desk). The same two checks a start makes, so what is
 * offered is exactly what the server then accepts.
 */
export async function openChannels(engine: Engine, scopes: ScopeChecks, standards: readonly ServiceStandard[], user: ActingUser, at: Date): Promise<OpenChannels[]> {
  const codes = [...new Set((await engine.definitions()).flatMap((d) => (d.serviceCode ? [d.serviceCode] : [])))].sort();
  return Promise.all(
    codes.map(async (serviceCode) => {
      const offered = standards.find((s) => s.code === serviceCode)?.channels ?? CHANNELS;
      const channels: string[] = [];
      const closed: { channel: string; reason?: string; effectiveFrom?: string }[] = [];
      for (const channel of offered) {
        try {
          await scopes.startChannel(user, { params: {}, query: {}, body: { channel, serviceCode } });
        } catch (error) {
          if (error instanceof HttpProblem || error instanceof ForbiddenError || error instanceof NotFoundError) continue;
          throw error;
        }
        try {
          await engine.routing.check(serviceCode, channel, at);
          channels.push(channel);
        } catch (error) {
          if (!(error instanceof ChannelClosedError)) throw error;
          closed.push({ channel, ...(error.decision ? { reason: error.decision.reason, effectiveFrom: error.decision.effectiveFrom } : {}) });
        }
      }
      return { serviceCode, channels, closed };
    }),
  );
}
