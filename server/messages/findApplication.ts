import type { Engine, InstanceView } from '../../engine/index.js';

/** The application a message names, by tracking number or instance id (NotFoundError when there is none). */
export function findApplication(engine: Engine, body: { readonly trackingNumber?: string | undefined; readonly instanceId?: string | undefined }): Promise<InstanceView> {
  return body.trackingNumber !== undefined ? engine.instanceByTrackingNumber(body.trackingNumber) : engine.instance(body.instanceId!);
}
