import type { ServiceHandler } from './api.js';
import { issueRefusal, issueResult, recordWithdrawal } from './decision/issueDecision.js';
import { InvalidArgumentError } from './errors.js';

export type HandlerRegistry = ReadonlyMap<string, ServiceHandler>;

/** Handlers every engine has: small, generic, and safe to name in any model. */
export const BUILT_IN_HANDLERS: Readonly<Record<string, ServiceHandler>> = Object.freeze({
  /** Does nothing: a placeholder step that still shows on the diagram and in the history. */
  noop: () => undefined,
  /** Stamps the moment the step ran, e.g. when a result document was issued. */
  stamp: ({ elementId, now }) => ({ [`${elementId}At`]: now.toISOString() }),
  /** The result goes to the centre: `decision: 'approved'`, `decidedAt` (engine/decision/issueDecision.ts). */
  issueResult,
  /** The reasoned refusal: `decision: 'refused'`, its grounds or the reason, `decidedAt`. */
  issueRefusal,
  /** The applicant withdrew (a withdrawal event sub-process): `decision: 'withdrawn'`, `withdrawnAt`. */
  recordWithdrawal,
});

export function handlerRegistry(extra: Readonly<Record<string, ServiceHandler>> = {}): Map<string, ServiceHandler> {
  const registry = new Map<string, ServiceHandler>(Object.entries(BUILT_IN_HANDLERS));
  for (const [name, handler] of Object.entries(extra)) registerInto(registry, name, handler);
  return registry;
}

export function registerInto(registry: Map<string, ServiceHandler>, name: string, handler: ServiceHandler): void {
  if (!/^[A-Za-z][\w.-]{0,63}$/.test(name)) throw new InvalidArgumentError('handler', `'${name}' is not a valid handler name`);
  if (typeof handler !== 'function') throw new InvalidArgumentError('handler', `handler '${name}' is not a function`);
  registry.set(name, handler);
}
