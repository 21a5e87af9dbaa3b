import type { Clock } from '../clock.js';
import type { Store, StoreWatch } from '../store/port.js';
import type { EngineListener } from './EngineEvents.js';
import { EventBus } from './EventBus.js';

/**
 * Every change to the store, from every server sharing it, for live updates: opened on the
 * store's change feed when the first listener comes, closed when the last leaves. If the feed
 * fails, or cannot open (a replica set election, a database restart, a network blip), it is
 * reopened after a pause.
 */
export class StoreFeed {
  private readonly bus = new EventBus();
  private watch: Promise<StoreWatch> | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get available(): boolean {
    return typeof this.store.watch === 'function';
  }

  subscribe(listener: EngineListener): () => void {
    const unsubscribe = this.bus.subscribe(listener);
    this.open();
    return () => {
      unsubscribe();
      if (this.bus.size === 0) void this.shut();
    };
  }

  /**
   * Resolves once the feed listens, so a change committed anywhere after it reaches the
   * listeners; at once when nobody listens or the store has no feed. A feed that failed to open
   * resolves too (it reopens by itself): a caller waits for the feed, never on a database down.
   */
  async listening(): Promise<void> {
    await this.watch?.catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.shut();
  }

  private open(): void {
    if (this.watch || this.closed || !this.store.watch) return;
    const watch = this.store.watch(
      (change) => this.bus.emit({ type: 'commit', source: 'store', at: this.clock.now().toISOString(), durationMs: 0, ...change }),
      (error) => {
        this.onError(error);
        void this.shut().then(() => this.reopenSoon());
      },
    );
    this.watch = watch;
    // A feed that could not even open (the database down as the first listener came): try again.
    watch.catch((error: unknown) => {
      this.onError(error);
      if (this.watch === watch) this.watch = undefined;
      this.reopenSoon();
    });
  }

  private reopenSoon(): void {
    setTimeout(() => this.bus.size > 0 && this.open(), 1_000).unref();
  }

  private async shut(): Promise<void> {
    const watch = this.watch;
    this.watch = undefined;
    if (watch) await (await watch.catch(() => undefined))?.close();
  }
}
