import type { EngineEvent, EngineListener } from './EngineEvents.js';

/** In-process fan-out of engine events. A failing listener is isolated from the others and from the engine. */
export class EventBus {
  private readonly listeners = new Set<EngineListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
