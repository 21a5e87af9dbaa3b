import { css, html } from 'lit';
import type { ApiClient, SessionUser } from '../api/ApiClient.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import { notificationsApi, type NotificationDelivery, type NotificationFilter, type NotificationStatus } from './notificationsApi.js';

const TABS: readonly NotificationFilter[] = ['dead', 'failed', 'pending', 'delivered'];

/**
 * The operators' outbox (#/notifications): which channels deliver, what waits, what fails and
 * why, and the dead letters, each of which can be put back for delivery (audited on the server).
 */
export class NotificationsPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    tab: { state: true },
    status: { state: true },
    rows: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
  };
  declare api: ApiClient;
  declare user: SessionUser | undefined;
  declare tab: NotificationFilter;
  declare status: NotificationStatus | undefined;
  declare rows: readonly NotificationDelivery[] | undefined;
  declare error: string;
  declare notice: string;
  declare busy: string;

  static override styles = [
    formStyles,
    tableStyles,
    css`
      .channels { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
      .channel[data-on='false'] { color: #a40e26; font-weight: 600; }
      .channel[data-on='true'] { color: #14532d; font-weight: 600; }
      .problem { margin: 8px 0 0; color: #7a4b00; }
      .tabs { display: flex; flex-wrap: wrap; gap: 8px; margin: 14px 0; }
      .error-text { font-family: ui-monospace, monospace; font-size: 0.85rem; overflow-wrap: anywhere; color: #a40e26; }
      .to { white-space: nowrap; }
      td a { overflow-wrap: anywhere; }
    `,
  ];

  constructor() {
    super();
    this.tab = 'dead';
    this.error = '';
    this.notice = '';
    this.busy = '';
  }

  protected override firstUpdated() {
    void this.load();
  }

  private async load() {
    try {
      this.error = '';
      const [status, rows] = await Promise.all([notificationsApi.status(this.api), notificationsApi.list(this.api, this.tab)]);
      this.status = status;
      this.rows = rows;
    } catch (error) {
      this.error = t('notifications.loadFailed', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  private pick(tab: NotificationFilter) {
    this.tab = tab;
    this.notice = '';
    this.rows = undefined;
    void this.load();
  }

  private async retry(row: NotificationDelivery) {
    this.busy = row.id;
    this.notice = '';
    try {
      await notificationsApi.retry(this.api, row.id);
      this.notice = t('notifications.retried', { trackingNumber: row.trackingNumber });
      await this.load();
    } catch (error) {
      this.error = t('notifications.retryFailed', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.busy = '';
    }
  }

  private get operator(): boolean {
    return (this.user?.roles ?? []).includes('operator');
  }

  override render() {
    const status = this.status;
    return html`<section>
      <h2>${t('notifications.title')}</h2>
      <p class="hint">${t('notifications.intro')}</p>
      ${status ? this.renderStatus(status) : ''}
      <div class="tabs" role="group" aria-label=${t('notifications.tabs')}>
        ${TABS.map(
          (tab) => html`<button type="button" class=${this.tab === tab ? '' : 'secondary'} data-tab=${tab} aria-pressed=${this.tab === tab ? 'true' : 'false'} @click=${() => this.pick(tab)}>
            ${t(`notifications.tab.${tab}` as MessageKey)}${status ? ` (${status.counts[tab]})` : ''}
          </button>`,
        )}
      </div>
      ${this.notice ? html`<p class="done" role="status">${this.notice}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.rows ? this.renderRows(this.rows) : this.error ? '' : html`<p>${t('notifications.loading')}</p>`}
    </section>`;
  }

  private renderStatus(status: NotificationStatus) {
    const { email, sms } = status.channels;
    const problem: MessageKey | undefined = !email && !sms ? 'notifications.problem.none' : !email ? 'notifications.problem.email' : !sms ? 'notifications.problem.sms' : undefined;
    return html`<div class="panel-box" data-status>
      <div class="channels">
        <strong>${t('notifications.channels')}</strong>
        <span class="channel" data-channel="email" data-on=${String(email)}>${t('notifications.channel.email')}: ${email ? t('notifications.on') : t('notifications.off')}</span>
        <span class="channel" data-channel="sms" data-on=${String(sms)}>${t('notifications.channel.sms')}: ${sms ? t('notifications.on') : t('notifications.off')}</span>
      </div>
      ${problem ? html`<p class="problem">${t(problem)}</p>` : ''}
    </div>`;
  }

  private renderRows(rows: readonly NotificationDelivery[]) {
    if (!rows.length) return html`<p data-empty>${t('notifications.empty')}</p>`;
    const dead = this.tab === 'dead';
    return html`<table>
      <thead>
        <tr>
          <th>${t('notifications.col.application')}</th><th>${t('notifications.col.kind')}</th><th>${t('notifications.col.to')}</th>
          <th class="num">${t('notifications.col.attempts')}</th><th>${t('notifications.col.lastError')}</th>
          <th>${this.tab === 'delivered' ? t('notifications.col.deliveredAt') : dead ? t('notifications.col.at') : t('notifications.col.next')}</th>
          ${dead ? html`<th>${t('notifications.col.actions')}</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr data-notification=${row.id}>
            <td data-label=${t('notifications.col.application')}>${this.operator ? html`<a href="#/instance/${encodeURIComponent(row.instanceId)}">${row.trackingNumber}</a>` : row.trackingNumber}</td>
            <td data-label=${t('notifications.col.kind')}>${t(`notifications.kind.${row.kind}` as MessageKey)}</td>
            <td data-label=${t('notifications.col.to')}>${row.recipients.length
              ? row.recipients.map((r) => html`<div class="to">${t(`notifications.channel.${r.channel}` as MessageKey)} ${r.to}${r.sentAt ? ' ✓' : ''}</div>`)
              : t('notifications.noContact')}</td>
            <td class="num" data-label=${t('notifications.col.attempts')}>${row.attempts}</td>
            <td data-label=${t('notifications.col.lastError')}>${row.lastError ? html`<span class="error-text">${row.lastError}</span>` : '—'}</td>
            <td data-label=${this.tab === 'delivered' ? t('notifications.col.deliveredAt') : dead ? t('notifications.col.at') : t('notifications.col.next')}>
              ${formatInstant(this.tab === 'delivered' ? row.deliveredAt : dead ? (row.lastAttemptAt ?? row.createdAt) : row.nextAttemptAt)}
            </td>
            ${dead
              ? html`<td><button type="button" data-retry=${row.id} ?disabled=${this.busy === row.id} @click=${() => this.retry(row)}>${t('notifications.retry')}</button></td>`
              : ''}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define('tereze-notifications-page', NotificationsPage);
