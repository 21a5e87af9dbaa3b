/**
 * The notification outbox's contract (engine/store/notificationOutbox.ts), run against every
 * adapter beside the store contract: the delivery record is written with its notification or
 * not at all, leases keep two workers apart, and the dead letters can be put back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../engine/errors.js';
import type { DeliveryOutcome, InstanceRecord, NotificationRecord, Store } from '../../../engine/store/port.js';

const T0 = '2026-03-20T04:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const note = (id: string, extra: Partial<NotificationRecord> = {}): NotificationRecord => ({
  id, instanceId: 'i1', at: T0, elementId: 'hand_back', messageName: 'readyForCollection', kind: 'readyForCollection', trackingNumber: 'TN-1', payload: {}, ...extra,
});
const instance = (id: string): InstanceRecord => ({
  id, key: 'p', definitionId: 'p:1', version: 1, status: 'active', variables: {}, tokens: [], incidents: [], trackingNumber: `TN-${id}`, startedAt: T0, nextToken: 1,
});
const retry = (attempts: number, error: string, next: string): DeliveryOutcome => ({ state: 'pending', attempts, nextAttemptAt: next, lastAttemptAt: T0, lastError: error, sent: {} });

export function describeOutboxContract(name: string, makeStore: () => Promise<Store>, skipReason?: string): void {
  if (skipReason !== undefined) {
    describe.skip(`notification outbox: ${name} (skipped: ${skipReason})`, () => {
      it.skip(`every outbox test (skipped: ${skipReason})`, () => {});
    });
    return;
  }

  describe(`notification outbox: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.init();
    });
    afterEach(async () => {
      await store.close();
    });

    it('should queue a notification for the applicant in its own commit, and nothing for a send task', async () => {
      await store.commit({ notifications: [note('n1'), note('n2', { kind: undefined, messageName: 'toRegistry' })] });
      const queued = await store.getDelivery('n1');
      expect(queued).toMatchObject({ id: 'n1', state: 'pending', attempts: 0, nextAttemptAt: T0, sent: {}, notification: { trackingNumber: 'TN-1', kind: 'readyForCollection' } });
      expect(await store.getDelivery('n2')).toBeUndefined();
      expect(await store.countDeliveries()).toEqual({ pending: 1, failed: 0, dead: 0, delivered: 0, skipped: 0 });
    });

    it('should write no delivery when the commit is refused', async () => {
      await store.commit({ instanceInserts: [instance('i1')] });
      await expect(store.commit({ instanceInserts: [instance('i1')], notifications: [note('n1')] })).rejects.toBeInstanceOf(ConflictError);
      expect(await store.getDelivery('n1')).toBeUndefined();
    });

    it('should lease due deliveries earliest first and keep them from another worker until the lease passes', async () => {
      await store.commit({ notifications: [note('late', { at: at(10) }), note('b', { at: at(-1) }), note('a', { at: at(-2) })] });
      const first = await store.acquireDeliveries({ now: T0, lockedUntil: at(1), owner: 'A', limit: 5 });
      expect(first.map((d) => d.id)).toEqual(['a', 'b']);
      expect(first[0]).toMatchObject({ lockOwner: 'A', lockedUntil: at(1) });
      expect(await store.acquireDeliveries({ now: T0, lockedUntil: at(1), owner: 'B', limit: 5 })).toEqual([]);
      // B cannot settle what A holds
      expect(await store.settleDelivery('a', 'B', retry(1, 'x', at(5)))).toBe(false);
      // A's lease runs out: B may take them
      const taken = await store.acquireDeliveries({ now: at(2), lockedUntil: at(3), owner: 'B', limit: 5 });
      expect(taken.map((d) => d.id)).toEqual(['a', 'b']);
      expect(await store.settleDelivery('a', 'A', retry(1, 'x', at(5)))).toBe(false);
    });

    it('should let two workers racing for the same deliveries take each at most once', async () => {
      await store.commit({ notifications: Array.from({ length: 10 }, (_, n) => note(`n${n}`)) });
      const [a, b] = await Promise.all([
        store.acquireDeliveries({ now: T0, lockedUntil: at(1), owner: 'A', limit: 10 }),
        store.acquireDeliveries({ now: T0, lockedUntil: at(1), owner: 'B', limit: 10 }),
      ]);
      const ids = [...a, ...b].map((d) => d.id).sort();
      expect(ids).toEqual(Array.from({ length: 10 }, (_, n) => `n${n}`).sort());
    });

    it('should record a failed attempt, retry it when due, and list it as failed with its error', async () => {
      await store.commit({ notifications: [note('n1')] });
      await store.acquireDeliveries({ now: T0, lockedUntil: at(1), owner: 'A', limit: 1 });
      expect(await store.settleDelivery('n1', 'A', retry(1, 'SMTP 421 try later', at(5)))).toBe(true);
      expect(await store.acquireDeliveries({ now: at(4), lockedUntil: at(6), owner: 'A', limit: 1 })).toEqual([]);
      const failed = await store.listDeliveries({ state: 'failed', limit: 10 });
      expect(failed).toMatchObject([{ id: 'n1', attempts: 1, lastError: 'SMTP 421 try later', lockOwner: null }]);
      expect(await store.countDeliveries()).toEqual({ pending: 1, failed: 1, dead: 0, delivered: 0, skipped: 0 });
      const [again] = await store.acquireDeliveries({ now: at(5), lockedUntil: at(6), owner: 'A', limit: 1 });
      expect(again?.attempts).toBe(1);
      expect(await store.settleDelivery('n1', 'A', { state: 'delivered', attempts: 1, nextAttemptAt: at(5), lastAttemptAt: at(5), deliveredAt: at(5), sent: { email: at(5) } })).toBe(true);
      const done = await store.getDelivery('n1');
      expect(done).toMatchObject({ state: 'delivered', deliveredAt: at(5), sent: { email: at(5) } });
      expect(done?.lastError).toBeUndefined();
      expect(await store.acquireDeliveries({ now: at(60), lockedUntil: at(61), owner: 'A', limit: 1 })).toEqual([]);
    });

    it('should keep a dead letter out of delivery until an operator puts it back', async () => {
      await store.commit({ notifications: [note('n1'), note('n2')] });
      await store.acquireDeliveries({ now: T0, lockedUntil: at(1), owner: 'A', limit: 1 });
      await store.settleDelivery('n1', 'A', { state: 'dead', attempts: 1, nextAttemptAt: T0, lastAttemptAt: T0, lastError: 'gateway 400: bad number', sent: {} });
      expect((await store.listDeliveries({ state: 'dead', limit: 10 })).map((d) => d.id)).toEqual(['n1']);
      expect((await store.acquireDeliveries({ now: at(60), lockedUntil: at(61), owner: 'A', limit: 5 })).map((d) => d.id)).toEqual(['n2']);
      const audit = [{ at: at(2), actor: 'operator', action: 'notification.retry', subject: 'n1' }];
      // n2 is not dead: the whole batch, audit and all, is refused
      await expect(store.commit({ deliveryRequeues: [{ id: 'n1', at: at(2) }, { id: 'n2', at: at(2) }], audit })).rejects.toBeInstanceOf(ConflictError);
      expect(await store.getDelivery('n1')).toMatchObject({ state: 'dead' });
      expect(await store.audit({})).toEqual([]);
      await store.commit({ deliveryRequeues: [{ id: 'n1', at: at(2) }], audit });
      expect(await store.getDelivery('n1')).toMatchObject({ id: 'n1', state: 'pending', attempts: 0, nextAttemptAt: at(2), requeued: 1, lastError: 'gateway 400: bad number' });
      expect(await store.audit({})).toMatchObject([{ action: 'notification.retry', subject: 'n1' }]);
      await expect(store.commit({ deliveryRequeues: [{ id: 'n1', at: at(3) }] })).rejects.toBeInstanceOf(ConflictError);
      expect((await store.acquireDeliveries({ now: at(2), lockedUntil: at(3), owner: 'B', limit: 5 })).map((d) => d.id)).toEqual(['n1']);
    });
  });
}
