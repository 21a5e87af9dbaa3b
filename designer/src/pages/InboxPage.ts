import { css, html } from 'lit';
import type { ApiClient, TaskView } from '../api/ApiClient.js';
import { LiveEvents, type LiveState } from '../api/LiveEvents.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import '../shared/TaskList.js';

/**
 * The inbox of a clerk (intake checks, hand-backs) or an official (files drawn for them at
 * random): the server's order, by deadline; refreshed live from /api/events.
 */
export class InboxPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    tasks: { state: true },
    live: { state: true },
    message: { state: true },
    loaded: { state: true },
  };
  declare api: ApiClient;
  declare tasks: TaskView[];
  declare live: LiveState | undefined;
  declare message: string;
  declare loaded: boolean;
  private events: LiveEvents | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.tasks = [];
    this.message = '';
    this.loaded = false;
  }

  static override styles = [
    formStyles,
    css`
      .bar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin-bottom: 12px; }
      .live { font-size: 0.88rem; color: #4a5663; }
      .live[data-live='live']::before { content: '● '; color: #1a7f37; }
    `,
  ];

  // Not connectedCallback: a lazily defined element gets its properties (api) at its first update.
  override firstUpdated() {
    void this.load();
    this.events = new LiveEvents(
      () => this.scheduleLoad(),
      (state) => (this.live = state),
    ).start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.events?.close();
    clearTimeout(this.pending);
  }

  override render() {
    return html`
      <h2>${t('inbox.title')}</h2>
      <div class="bar">
        <span>${t('inbox.intro')}</span>
        <button type="button" class="secondary" @click=${() => this.load()}>${t('common.refresh')}</button>
        <span class="live" data-live=${this.live ?? ''}>${this.live === 'live' ? t('inbox.live') : this.live === 'polling' ? t('inbox.polling', { seconds: LiveEvents.POLL_SECONDS }) : ''}</span>
      </div>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      ${this.loaded ? html`<tereze-task-list .tasks=${this.tasks}></tereze-task-list>` : html`<p>${t('common.loading')}</p>`}
    `;
  }

  /** A burst of events is one fetch. */
  private scheduleLoad() {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.load(), 300);
  }

  private async load() {
    try {
      const tasks = await this.api.tasks();
      const changed = this.loaded && tasks.map((x) => x.id).join() !== this.tasks.map((x) => x.id).join();
      this.tasks = tasks;
      if (changed) this.message = t('inbox.updated', { count: tasks.length });
      this.loaded = true;
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }
}

customElements.define('tereze-inbox-page', InboxPage);
