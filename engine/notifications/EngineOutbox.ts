import { NotFoundError } from '../errors.js';
import type { DeliveryRecord, NotificationOutbox } from '../store/notificationOutbox.js';
import type { Store } from '../store/port.js';

export const NOTIFICATION_AUDIT_ACTIONS = { retry: 'notification.retry' } as const;

/** The outbox as the engine offers it: the store's reads and leases, and an audited retry of a dead letter. */
export interface EngineOutbox extends NotificationOutbox {
  /** Puts a dead letter back to pending, due now, in the commit that audits who did it; ConflictError when it is not dead. */
  retryDeadLetter(id: string, options: { by: string }): Promise<DeliveryRecord>;
}

export function engineOutbox(store: Store, now: () => Date): EngineOutbox {
  return {
    acquireDeliveries: (request) => store.acquireDeliveries(request),
    settleDelivery: (id, owner, outcome) => store.settleDelivery(id, owner, outcome),
    getDelivery: (id) => store.getDelivery(id),
    listDeliveries: (query) => store.listDeliveries(query),
    countDeliveries: () => store.countDeliveries(),
    async retryDeadLetter(id, { by }) {
      const current = await store.getDelivery(id);
      if (!current) throw new NotFoundError('notification', id);
      const at = now().toISOString();
      const n = current.notification;
      await store.commit({
        deliveryRequeues: [{ id, at }],
        audit: [{ at, actor: by, action: NOTIFICATION_AUDIT_ACTIONS.retry, subject: n.instanceId, data: { notification: id, kind: n.kind ?? null, attempts: current.attempts, lastError: current.lastError ?? null } }],
      });
      return (await store.getDelivery(id))!;
    },
  };
}
