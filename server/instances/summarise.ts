import type { InstanceView } from '../../engine/index.js';

/** An instance in the operator's list: where it stands, never its variables. */
export function summarise(instance: InstanceView) {
  return {
    id: instance.id,
    key: instance.key,
    definitionId: instance.definitionId,
    state: instance.state,
    trackingNumber: instance.trackingNumber,
    ...(instance.serviceCode ? { serviceCode: instance.serviceCode } : {}),
    ...(instance.centre ? { centre: instance.centre } : {}),
    startedAt: instance.startedAt,
    ...(instance.endedAt ? { endedAt: instance.endedAt } : {}),
    elements: instance.tokens.map((t) => t.elementId),
    incidents: instance.incidents.map((i) => ({ tokenId: i.tokenId, elementId: i.elementId, message: i.message, at: i.at })),
  };
}
