import { html } from 'lit';
import { ApiError, type ApiClient, type Receipt, type StartApplication } from '../api/ApiClient.js';
import { STANDARDS, serviceName } from '../catalogue/standards.js';
import { LocalizedElement, language, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { dropDraft, formFields, isBlank, readDraft, restoreFields, writeDraft } from '../app/drafts.js';
import './ApplicationForm.js';
import type { ApplicationForm, ServiceOption } from './ApplicationForm.js';
import './ReceiptView.js';

/** The draft's name: one registration in progress per user and tab (drafts.ts). */
const DRAFT = 'register';

/**
 * The clerk's counter: register an application, then the receipt to print. The half-filled
 * form is kept as a draft (every field it has, whatever they are) and put back after a reload;
 * registering drops it.
 */
export class RegisterPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    services: { state: true },
    busy: { state: true },
    message: { state: true },
    receipt: { state: true },
    startedId: { state: true },
  };
  /** The application just registered: its file takes the scans handed in at intake. */
  declare startedId: string | undefined;
  declare api: ApiClient;
  declare services: ServiceOption[];
  declare busy: boolean;
  declare message: string;
  declare receipt: Receipt | undefined;
  static override styles = formStyles;

  constructor() {
    super();
    this.services = [];
    this.busy = false;
    this.message = '';
  }

  // Not connectedCallback: a lazily defined element gets its properties (api) at its first update.
  override firstUpdated() {
    void this.loadServices();
  }

  private draftForm: HTMLFormElement | undefined;

  /** Each new form (the first, and after "register another") is watched and, once, filled from the draft. */
  protected override async updated() {
    const element = this.renderRoot.querySelector<ApplicationForm>('tereze-application-form');
    if (!element || this.services.length === 0) return;
    await element.updateComplete;
    const form = element.renderRoot.querySelector('form');
    if (!form || form === this.draftForm) return;
    this.draftForm = form;
    const draft = readDraft(DRAFT);
    if (draft) {
      await restoreFields(form, draft, () => element.updateComplete);
      this.message = t('draft.restored');
    }
    const save = () => {
      const fields = formFields(form);
      if (isBlank(fields, form)) dropDraft(DRAFT);
      else writeDraft(DRAFT, fields);
    };
    form.addEventListener('input', save);
    form.addEventListener('change', save);
  }

  override render() {
    const status = html`<p class="status" role="status" aria-live="polite">${this.message}</p>`;
    if (this.receipt) {
      return html`${status}
        <tereze-receipt-view .receipt=${this.receipt} trackUrl=${`${location.origin}${location.pathname}#/track`}>
          <button type="button" @click=${() => print()}>${t('receipt.print')}</button>
          <button type="button" class="secondary" @click=${this.another}>${t('register.another')}</button>
          ${this.startedId ? html`<a class="button secondary" href=${`#/case/${encodeURIComponent(this.startedId)}`} data-case-link>${t('case.attachAtIntake')}</a>` : ''}
        </tereze-receipt-view>`;
    }
    return html`<tereze-application-form .services=${this.services} ?busy=${this.busy} @register=${this.register}></tereze-application-form>${status}`;
  }

  /**
   * The catalogue: the standards the build bundles, narrowed to the deployed services when the
   * server lets this user list definitions (clerks may not, yet: then every standard is offered
   * and the server refuses an undeployed one).
   */
  private async loadServices() {
    const lang = language();
    let deployed: Map<string, string> | undefined;
    try {
      const definitions = await this.api.definitions();
      deployed = new Map(definitions.filter((d) => d.serviceCode).map((d) => [d.serviceCode as string, d.name ?? d.key]));
    } catch (error) {
      if (!(error instanceof ApiError && (error.status === 403 || error.status === 404))) this.message = t('common.error', { message: (error as Error).message });
    }
    // Only what a start would accept now: the channels open to this clerk (a service with none is not offered).
    const open = await this.api.openChannels().then(
      (list) => new Map(list.map((o) => [o.serviceCode, o.channels])),
      () => undefined,
    );
    const codes = (deployed ? [...deployed.keys()] : open ? [...open.keys()] : [...STANDARDS.keys()]).filter((code) => !open || (open.get(code)?.length ?? 0) > 0);
    this.services = codes
      .map((code) => ({ code, standard: STANDARDS.get(code), name: deployed?.get(code) ?? code, ...(open?.has(code) ? { channels: open.get(code)! } : {}) }))
      .sort((a, b) => serviceName(a.code, lang, a.name).localeCompare(serviceName(b.code, lang, b.name)));
  }

  private async register(event: CustomEvent<StartApplication>) {
    const application = event.detail;
    this.busy = true;
    this.message = t('register.submitting');
    try {
      const started = await this.api.startApplication(application);
      this.startedId = started.id;
      const receipt = await this.api.receipt(started.id);
      this.receipt = { ...receipt, applicant: application.applicant as Receipt['applicant'] };
      dropDraft(DRAFT);
      this.message = t('register.done', { trackingNumber: started.trackingNumber });
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }

  private another() {
    this.receipt = undefined;
    this.startedId = undefined;
    this.message = '';
  }
}

customElements.define('tereze-register-page', RegisterPage);
