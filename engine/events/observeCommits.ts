import type { Clock } from '../clock.js';
import type { CommitBatch, Store } from '../store/port.js';
import type { EventBus } from './EventBus.js';

/**
 * The store, with every successful commit told to the bus: one place sees every state change,
 * whichever part of the engine made it. Without listeners it adds nothing but a size check.
 */
export function observeCommits(store: Store, bus: EventBus, clock: Clock): Store {
  const commit = async (batch: CommitBatch): Promise<void> => {
    if (bus.size === 0) return store.commit(batch);
    const started = performance.now();
    await store.commit(batch);
    bus.emit({
      type: 'commit',
      source: 'local',
      at: clock.now().toISOString(),
      durationMs: performance.now() - started,
      tasksCreated: batch.taskInserts ?? [],
      tasksChanged: (batch.taskUpdates ?? []).map((u) => u.record),
      instancesStarted: batch.instanceInserts ?? [],
      instancesChanged: (batch.instanceUpdates ?? []).map((u) => u.record),
    });
  };
  // Every other member goes to the store itself, with the store as `this`.
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'commit') return commit;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
