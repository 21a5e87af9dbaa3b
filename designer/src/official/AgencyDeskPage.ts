import { html } from 'lit';
import { ApiError, type ApiClient, type OpenChannels, type Receipt, type SessionUser, type StartApplication } from '../api/ApiClient.js';
import { STANDARDS, serviceName } from '../catalogue/standards.js';
import type { ServiceOption } from '../clerk/ApplicationForm.js';
import '../clerk/ApplicationForm.js';
import '../clerk/ReceiptView.js';
import { LocalizedElement, language, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/** 128 random bits in hex (crypto.randomUUID exists only on https and localhost pages). */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * An official registers an application handed in at the agency's own desk: the clerk's form
 * with the channel fixed to `agency`, offering the agency's services whose standard has a desk.
 * Under single access the server refuses (403 `channel_closed`): the refusal is shown as such.
 * Once registered, the receipt to print replaces the form (so a second click cannot register the
 * applicant twice; each filled form also carries its own Idempotency-Key, which makes a repeat of
 * the same request answer the first registration instead of starting another).
 */
export class AgencyDeskPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    busy: { state: true },
    message: { state: true },
    refusal: { state: true },
    receipt: { state: true },
    open: { state: true },
  };
  /** Per service: the desk's channel open now, or closed with the coordinator's reason (GET /api/routing/open); undefined until known. */
  declare open: Map<string, OpenChannels> | undefined;
  declare receipt: Receipt | undefined;
  /** One key per filled form: a repeat of its registration (double click, resend after a re-login) starts nothing new. */
  private idempotencyKey = newIdempotencyKey();
  declare api: ApiClient;
  declare user: SessionUser | undefined;
  declare busy: boolean;
  declare message: string;
  declare refusal: string;
  private refusedService = '';
  static override styles = formStyles;

  constructor() {
    super();
    this.busy = false;
    this.message = '';
    this.refusal = '';
  }

  override firstUpdated() {
    void this.api.openChannels().then(
      (list) => (this.open = new Map(list.map((o) => [o.serviceCode, o]))),
      () => undefined,
    );
  }

  /** The agency's services whose desk is open now (all of its desk services while that is not known). */
  private get services(): ServiceOption[] {
    const lang = language();
    const agency = this.user?.agency;
    return [...STANDARDS.values()]
      .filter((s) => s.channels.includes('agency') && (!agency || s.agency === agency))
      .filter((s) => !this.open || this.open.get(s.code)?.channels.includes('agency'))
      .map((standard) => ({ code: standard.code, standard, name: standard.code }))
      .sort((a, b) => serviceName(a.code, lang).localeCompare(serviceName(b.code, lang)));
  }

  override render() {
    if (this.receipt) {
      return html`<p class="status" role="status" aria-live="polite">${this.message}</p>
        <tereze-receipt-view .receipt=${this.receipt} trackUrl=${`${location.origin}${location.pathname}#/track`}>
          <button type="button" @click=${() => print()}>${t('receipt.print')}</button>
          <button type="button" class="secondary" @click=${this.another}>${t('register.another')}</button>
        </tereze-receipt-view>`;
    }
    return html`
      <p class="hint">${t('desk.intro')}</p>
      <tereze-application-form .services=${this.services} channel="agency" heading=${t('desk.title')} ?busy=${this.busy} @register=${this.register}></tereze-application-form>
      ${this.renderClosed()}
      <div role="alert" data-refusal>${this.refusal ? html`<p class="error">${t('desk.refused', { message: this.refusal })}</p><p>${t('desk.refusedHint', { service: this.refusedService })}</p>` : ''}</div>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
    `;
  }

  /** Services of the agency the desk may not take in now, each with the coordinator's reason: not offered, but not hidden either. */
  private renderClosed() {
    const lang = language();
    const closed = [...(this.open?.values() ?? [])].flatMap((o) => o.closed.filter((c) => c.channel === 'agency').map((c) => ({ code: o.serviceCode, reason: c.reason })));
    if (!closed.length) return '';
    return html`<section data-closed aria-labelledby="desk-closed-title">
      <h3 id="desk-closed-title">${t('desk.closedTitle')}</h3>
      <p class="hint">${t('desk.closedHint')}</p>
      <ul>${closed.map((c) => html`<li data-service=${c.code}>${serviceName(c.code, lang, c.code)}${c.reason ? html` — ${c.reason}` : ''}</li>`)}</ul>
    </section>`;
  }

  private async register(event: CustomEvent<StartApplication>) {
    this.busy = true;
    this.refusal = '';
    this.message = t('register.submitting');
    try {
      const application = event.detail;
      const started = await this.api.startApplication(application, { idempotencyKey: this.idempotencyKey });
      const receipt = await this.api.receipt(started.id);
      this.receipt = { ...receipt, applicant: receipt.applicant ?? (application.applicant as Receipt['applicant']) };
      this.message = t('register.done', { trackingNumber: started.trackingNumber });
    } catch (error) {
      this.message = '';
      if (error instanceof ApiError && error.code === 'channel_closed') {
        this.refusedService = serviceName(event.detail.serviceCode, language(), event.detail.serviceCode);
        this.refusal = error.message;
      }
      else this.message = t('common.error', { message: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }

  /** The next applicant: an empty form with a key of its own. */
  private another() {
    this.receipt = undefined;
    this.message = '';
    this.idempotencyKey = newIdempotencyKey();
  }
}

customElements.define('tereze-agency-desk-page', AgencyDeskPage);
