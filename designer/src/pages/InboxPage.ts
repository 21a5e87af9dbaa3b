import { css, html } from 'lit';
import { ApiError, type ApiClient, type SessionUser, type TaskView } from '../api/ApiClient.js';
import { LiveEvents, type LiveState } from '../api/LiveEvents.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import '../shared/TaskList.js';
import '../clerk/TransferForm.js';
import type { TransferRequest } from '../clerk/TransferForm.js';

/**
 * The inbox of a clerk (intake checks, hand-backs) or an official (files drawn for them at
 * random): the server's order, by deadline; refreshed live from /api/events. A clerk also
 * takes in an application from another centre here (the transfer form), so its tasks show up
 * in the queue beside it.
 */
export class InboxPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    tasks: { state: true },
    live: { state: true },
    message: { state: true },
    loaded: { state: true },
    transferBusy: { state: true },
    transferProblem: { state: true },
    transferred: { state: true },
  };
  declare api: ApiClient;
  declare user: SessionUser | undefined;
  declare tasks: TaskView[];
  declare live: LiveState | undefined;
  declare message: string;
  declare loaded: boolean;
  declare transferBusy: boolean;
  /** Said at render time, so a language switch re-says it. */
  declare transferProblem: (() => string) | undefined;
  /** The tracking number last moved to this centre: the confirmation names it. */
  declare transferred: string;
  private events: LiveEvents | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.tasks = [];
    this.message = '';
    this.loaded = false;
    this.transferBusy = false;
    this.transferred = '';
  }

  static override styles = [
    formStyles,
    css`
      .bar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin-bottom: 12px; }
      .live { font-size: 0.88rem; color: #4a5663; }
      .live[data-live='live']::before { content: '● '; color: #1a7f37; }
      .layout { display: grid; gap: 24px; align-items: start; }
      @media (min-width: 900px) { .layout.with-transfer { grid-template-columns: minmax(0, 1fr) minmax(280px, 340px); } }
      .transfer { background: #fff; border: 1px solid #c4ccd5; border-radius: 6px; padding: 14px 16px; }
      .transfer h2 { font-size: 1.1rem; }
      .transfer .done { margin: 0 0 12px; }
      .transfer .done button { margin-top: 6px; }
      .queue:focus { outline: none; }
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

  /** Clerks of a centre; an official's inbox has no counter. */
  private get takesTransfers(): boolean {
    return Boolean(this.user?.roles?.includes('clerk') && this.user.centre);
  }

  override render() {
    const transfers = this.takesTransfers;
    return html`<div class="layout ${transfers ? 'with-transfer' : ''}">
      <section class="queue" aria-labelledby="inbox-title">${this.renderQueue()}</section>
      ${transfers ? this.renderTransfer() : ''}
    </div>`;
  }

  private renderTransfer() {
    return html`<section class="transfer" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">${t('transfer.heading')}</h2>
      <div role="status" aria-live="polite">
        ${this.transferred
          ? html`<p class="done" data-transferred=${this.transferred}>${t('transfer.done', { trackingNumber: this.transferred })}
              <button type="button" class="secondary small" @click=${this.showQueue}>${t('transfer.showQueue')}</button></p>`
          : ''}
      </div>
      <tereze-transfer-form ?busy=${this.transferBusy} .problem=${this.transferProblem?.() ?? ''} .transferred=${this.transferred} @transfer=${this.transfer}></tereze-transfer-form>
    </section>`;
  }

  private renderQueue() {
    return html`
      <h2 id="inbox-title" tabindex="-1">${t('inbox.title')}</h2>
      <div class="bar">
        <span>${t('inbox.intro')}</span>
        <button type="button" class="secondary" @click=${() => this.load()}>${t('common.refresh')}</button>
        <span class="live" data-live=${this.live ?? ''}>${this.live === 'live' ? t('inbox.live') : this.live === 'polling' ? t('inbox.polling', { seconds: LiveEvents.POLL_SECONDS }) : ''}</span>
      </div>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      ${this.loaded ? html`<tereze-task-list .tasks=${this.tasks}></tereze-task-list>` : html`<p>${t('common.loading')}</p>`}
    `;
  }

  private async transfer(event: CustomEvent<TransferRequest>) {
    this.transferBusy = true;
    this.transferProblem = undefined;
    this.transferred = '';
    try {
      const moved = await this.api.transferApplication(event.detail);
      this.transferred = moved.trackingNumber;
      await this.load();
    } catch (error) {
      this.transferProblem = () => transferProblem(error);
    } finally {
      this.transferBusy = false;
    }
  }

  /** On a phone the queue is above the form: bring it into view, its heading focused. */
  private showQueue() {
    const heading = this.renderRoot.querySelector<HTMLElement>('#inbox-title');
    heading?.focus();
    heading?.scrollIntoView({ block: 'start' });
  }

  /** A burst of events is one fetch. */
  private scheduleLoad() {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.load(), 300);
  }

  private async load() {
    try {
      // A supervisor's own work (their groups' escalations), not the whole agency's: scope=inbox.
      const tasks = await this.api.tasks(this.user?.roles?.includes('supervisor') ? { scope: 'inbox' } : {});
      const changed = this.loaded && tasks.map((x) => x.id).join() !== this.tasks.map((x) => x.id).join();
      this.tasks = tasks;
      if (changed) this.message = t('inbox.updated', { count: tasks.length });
      this.loaded = true;
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }
}

/** The server's refusal in the clerk's words (applications.handlers.ts#transfer, transferApplication.ts). */
function transferProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return t('common.error', { message: (error as Error).message });
  const field = (error.body as { error?: { details?: { field?: string } } } | undefined)?.error?.details?.field;
  if (error.status === 404) return t('transfer.notFound');
  if (error.status === 400 && field === 'centre') return t('transfer.alreadyHere');
  if (error.status === 409) return t('transfer.closed');
  if (error.status === 403) return t('transfer.noCentre');
  return t('transfer.refused', { message: error.message });
}

customElements.define('tereze-inbox-page', InboxPage);
