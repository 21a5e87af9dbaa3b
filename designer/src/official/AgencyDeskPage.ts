import { html } from 'lit';
import { ApiError, type ApiClient, type SessionUser, type StartApplication } from '../api/ApiClient.js';
import { STANDARDS, serviceName } from '../catalogue/standards.js';
import type { ServiceOption } from '../clerk/ApplicationForm.js';
import '../clerk/ApplicationForm.js';
import { LocalizedElement, language, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/**
 * An official registers an application handed in at the agency's own desk: the clerk's form
 * with the channel fixed to `agency`, offering the agency's services whose standard has a desk.
 * Under single access the server refuses (403 `channel_closed`): the refusal is shown as such.
 */
export class AgencyDeskPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    busy: { state: true },
    message: { state: true },
    refusal: { state: true },
  };
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

  private get services(): ServiceOption[] {
    const lang = language();
    const agency = this.user?.agency;
    return [...STANDARDS.values()]
      .filter((s) => s.channels.includes('agency') && (!agency || s.agency === agency))
      .map((standard) => ({ code: standard.code, standard, name: standard.code }))
      .sort((a, b) => serviceName(a.code, lang).localeCompare(serviceName(b.code, lang)));
  }

  override render() {
    return html`
      <p class="hint">${t('desk.intro')}</p>
      <tereze-application-form .services=${this.services} channel="agency" heading=${t('desk.title')} ?busy=${this.busy} @register=${this.register}></tereze-application-form>
      <div role="alert" data-refusal>${this.refusal ? html`<p class="error">${t('desk.refused', { message: this.refusal })}</p><p>${t('desk.refusedHint', { service: this.refusedService })}</p>` : ''}</div>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
    `;
  }

  private async register(event: CustomEvent<StartApplication>) {
    this.busy = true;
    this.refusal = '';
    this.message = t('register.submitting');
    try {
      const started = await this.api.startApplication(event.detail);
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
}

customElements.define('tereze-agency-desk-page', AgencyDeskPage);
