import { css, html } from 'lit';
import { ApiError, type ApiClient, type ApplicationView, type SessionUser } from '../api/ApiClient.js';
import { serviceName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { casefileApi, type TimelineEntry } from './casefileApi.js';
import type { CommentForm } from './CommentForm.js';
import './ApplicationTable.js';
import './CaseTimeline.js';
import './CommentForm.js';
import '../casework/CaseActions.js';

/**
 * #/case/<application>: an application's case file — what it is, its decision (the instance
 * variable `decision`, until engine/reports/applicationOutcome.ts is there to read), the
 * timeline, a comment between the counter and the back office, and the applicant's other
 * applications by IIN on request (a look-up the server audits, so not on every open).
 */
export class CasePage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    instanceId: { type: String },
    application: { state: true },
    timeline: { state: true },
    history: { state: true },
    message: { state: true },
    done: { state: true },
    busy: { state: true },
  };
  declare api: ApiClient;
  declare user: SessionUser | undefined;
  declare instanceId: string;
  declare application: ApplicationView | undefined;
  declare timeline: readonly TimelineEntry[];
  declare history: readonly ApplicationView[] | undefined;
  declare message: string;
  declare done: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.instanceId = '';
    this.timeline = [];
    this.message = '';
    this.done = false;
    this.busy = false;
  }

  static override styles = [
    formStyles,
    css`
      .layout { display: grid; gap: 20px; align-items: start; }
      @media (min-width: 960px) { .layout { grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); } }
      section { background: #fff; border: 1px solid #c4ccd5; border-radius: 6px; padding: 14px 16px; min-width: 0; margin-bottom: 16px; }
      section h3 { margin-top: 0; }
      .decision[data-decision='approved'] { color: #1f5130; font-weight: 600; }
      .decision[data-decision='refused'] { color: #a40e26; font-weight: 600; }
    `,
  ];

  override firstUpdated() {
    void this.load();
  }

  private get writes(): boolean {
    const roles = this.user?.roles ?? [];
    return ['clerk', 'official', 'supervisor'].some((role) => roles.includes(role));
  }

  override render() {
    const app = this.application;
    const status = html`<p class="status ${this.done ? 'done' : ''}" role="status" aria-live="polite">${this.message}</p>`;
    if (!app) return html`<p><a href="#/search">${t('casefile.backToSearch')}</a></p>${status}`;
    const decision = typeof app.variables.decision === 'string' ? app.variables.decision : undefined;
    const iin = app.applicant?.iin;
    return html`
      <p><a href="#/search">${t('casefile.backToSearch')}</a></p>
      <h2>${t('casefile.title', { trackingNumber: app.trackingNumber })}</h2>
      <div class="layout">
        <div>
          <section aria-label=${t('casefile.title', { trackingNumber: app.trackingNumber })}>
            <dl>
              <dt>${t('common.service')}</dt><dd>${serviceName(app.serviceCode, language(), app.key)}</dd>
              <dt>${t('common.trackingNumber')}</dt><dd data-field="trackingNumber">${app.trackingNumber}</dd>
              ${app.applicant?.name ? html`<dt>${t('task.applicant')}</dt><dd>${app.applicant.name}${iin ? ` · ${iin}` : ''}</dd>` : ''}
              <dt>${t('casefile.received')}</dt><dd>${formatInstant(app.startedAt)}</dd>
              <dt>${t('casefile.decision')}</dt>
              <dd class="decision" data-decision=${decision ?? ''}>${decision ? t(`casefile.decision.${decision}` as MessageKey) : t('casefile.decision.none')}</dd>
            </dl>
          </section>
          <section aria-labelledby="case-work">
            <h3 id="case-work">${t('casefile.work.title')}</h3>
            <tereze-case-actions .api=${this.api} .user=${this.user} .instanceId=${this.instanceId} @case-changed=${this.reload}></tereze-case-actions>
          </section>
          <section aria-labelledby="case-timeline">
            <h3 id="case-timeline">${t('casefile.timeline.title')}</h3>
            <tereze-case-timeline .entries=${this.timeline} .serviceCode=${app.serviceCode}></tereze-case-timeline>
          </section>
        </div>
        <div>
          ${this.writes ? html`<section>${status}<tereze-comment-form ?busy=${this.busy} @comment=${this.comment}></tereze-comment-form></section>` : status}
        </div>
      </div>
      ${iin ? this.renderHistory(app) : ''}
    `;
  }

  private renderHistory(app: ApplicationView) {
    return html`<section aria-labelledby="case-history">
      <h3 id="case-history">${t('casefile.history.title')}</h3>
      ${this.history === undefined
        ? html`<p class="hint">${t('casefile.history.hint')}</p><button type="button" class="secondary" @click=${this.loadHistory}>${t('casefile.history.show')}</button>`
        : this.history.length === 0
          ? html`<p>${t('casefile.history.none')}</p>`
          : html`<tereze-application-table .applications=${this.history} .current=${app.id}></tereze-application-table>`}
    </section>`;
  }

  private load(): Promise<void> {
    return this.reload();
  }

  private readonly reload = async () => {
    try {
      [this.application, this.timeline] = await Promise.all([this.api.application(this.instanceId), casefileApi.timeline(this.api, this.instanceId)]);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  };

  private async comment(event: CustomEvent<string>) {
    const form = event.target as CommentForm;
    this.busy = true;
    this.done = false;
    try {
      await casefileApi.comment(this.api, this.instanceId, event.detail);
      form.clear();
      this.timeline = await casefileApi.timeline(this.api, this.instanceId);
      this.done = true;
      this.message = t('casefile.comment.done');
    } catch (error) {
      this.message = t('common.error', { message: error instanceof ApiError ? error.message : String(error) });
    } finally {
      this.busy = false;
    }
  }

  private async loadHistory() {
    const iin = this.application?.applicant?.iin;
    if (!iin) return;
    try {
      this.history = (await casefileApi.search(this.api, 'iin', iin, 0, 50)).items;
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }
}

customElements.define('tereze-case-page', CasePage);
