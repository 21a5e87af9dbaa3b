import { z } from 'zod';
import type { RouteSpec } from '../route.js';

export const SignalParams = z.object({
  /** The BPMN signal's name (`<bpmn:signal name="…">`), e.g. `registryRestored`. */
  name: z.string().trim().min(1, 'name the signal').max(200),
});

export const SignalBody = z.strictObject({
  /** Merged into every application the signal reaches, and the variables of those it starts. */
  variables: z.record(z.string(), z.unknown()).optional(),
});

export const signalRoutes = {
  broadcast: {
    method: 'post',
    path: '/api/signals/:name',
    summary:
      'Broadcasts a signal (the land registry is back, the rules changed): every running application waiting at a signal catch or holding a signal boundary ' +
      'event of that name is reached, in every service, and each process with a signal start event of that name starts (its latest version). ' +
      'Not kept: what waits later is not reached. Answers what it reached and started. ' +
      'For `integration` accounts (an agency system announcing its state) and `operator`s (who run the engine); audited as `signal.broadcast` with the account as actor.',
    access: { roles: ['integration', 'operator'] },
    params: SignalParams,
    body: { kind: 'json', schema: SignalBody },
    responses: [200],
    responseBody: z.looseObject({
      signalName: z.string(),
      reached: z.array(z.looseObject({ instanceId: z.string(), elements: z.array(z.string()) })),
      started: z.array(z.looseObject({ instanceId: z.string(), key: z.string() })),
    }),
  },
} as const satisfies Record<string, RouteSpec>;
