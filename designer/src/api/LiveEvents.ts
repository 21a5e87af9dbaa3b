export type LiveState = 'live' | 'polling';

/**
 * Server-sent events from `/api/events`, for pages that show live work (inboxes). Any event
 * means "something changed": the page fetches again. While the stream is down (not deployed
 * yet, server restarting) it reconnects with back-off and meanwhile polls, so an inbox never
 * goes stale. The session cookie authenticates the stream (EventSource sends no headers).
 */
export class LiveEvents {
  static readonly POLL_SECONDS = 15;
  private source: EventSource | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private retryMs = 1_000;
  private closed = false;

  constructor(
    private readonly onChange: () => void,
    private readonly onState: (state: LiveState) => void = () => undefined,
    private readonly url = '/api/events',
  ) {}

  start(): this {
    this.closed = false;
    this.connect();
    return this;
  }

  close(): void {
    this.closed = true;
    this.source?.close();
    clearTimeout(this.retryTimer);
    clearInterval(this.pollTimer);
  }

  private connect() {
    if (this.closed || typeof EventSource === 'undefined') return this.poll();
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    source.onopen = () => {
      this.retryMs = 1_000;
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
      this.onState('live');
    };
    source.onmessage = () => this.onChange();
    for (const name of ['task', 'tasks', 'application', 'change']) source.addEventListener(name, () => this.onChange());
    source.onerror = () => {
      source.close();
      this.poll();
      if (this.closed) return;
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 60_000);
    };
  }

  private poll() {
    if (this.pollTimer || this.closed) return;
    this.onState('polling');
    this.pollTimer = setInterval(() => this.onChange(), LiveEvents.POLL_SECONDS * 1_000);
  }
}
