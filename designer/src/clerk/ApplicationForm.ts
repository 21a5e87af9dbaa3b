import { css, html } from 'lit';
import type { StartApplication } from '../api/ApiClient.js';
import { documentName, type ServiceStandard } from '../catalogue/standards.js';
import { LocalizedElement, language, t, tMaybe } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { iinProblem } from './iin.js';
import { contactProblems, type ContactField } from './applicantContact.js';

export interface ServiceOption {
  readonly code: string;
  readonly standard: ServiceStandard | undefined;
  /** The deployed process's name, when the standard is not known to the build. */
  readonly name: string;
  /** The channels open to this user now (GET /api/routing/open); the standard's when unknown. */
  readonly channels?: readonly StartApplication['channel'][];
}

const CHANNELS = ['centre', 'agency', 'portal'] as const;
const NOTICE_LANGUAGES = ['kk', 'ru', 'en'] as const;

/**
 * The clerk's registration form: service, applicant (name, IIN), channel and the standard's
 * document checklist. Emits `register` with the application; an incomplete set still goes.
 */
export class ApplicationForm extends LocalizedElement {
  static override properties = {
    services: { attribute: false },
    busy: { type: Boolean },
    channel: {},
    heading: {},
    serviceCode: { state: true },
    errors: { state: true },
    notify: { state: true },
  };
  declare services: readonly ServiceOption[];
  declare busy: boolean;
  /** One channel only (the agency desk registers on `agency`); empty: the standard's channels. */
  declare channel: '' | StartApplication['channel'];
  /** The form's title; the clerk's by default. */
  declare heading: string;
  declare serviceCode: string;
  declare errors: Partial<Record<'service' | 'name' | 'iin' | ContactField, string>>;
  /** The applicant agreed to be told by SMS or e-mail: the contact fields show. */
  declare notify: boolean;

  constructor() {
    super();
    this.services = [];
    this.busy = false;
    this.channel = '';
    this.heading = '';
    this.serviceCode = '';
    this.errors = {};
    this.notify = false;
  }

  static override styles = [
    formStyles,
    css`
      .row { display: grid; grid-template-columns: 2fr 1fr; gap: 14px; }
      @media (max-width: 560px) { .row { grid-template-columns: 1fr; } }
      /* formStyles styles text inputs; the contact's tel and email inputs look the same */
      input[type='tel'], input[type='email'] {
        font: inherit; padding: 8px 10px; border: 1px solid #7b8794; border-radius: 4px; min-height: 24px; width: 100%; box-sizing: border-box; background: #fff;
      }
      input[type='tel'][aria-invalid='true'], input[type='email'][aria-invalid='true'] { border-color: #a40e26; border-width: 2px; }
      .contact { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; align-items: start; }
      .contact-language select { width: auto; min-width: 12em; justify-self: start; }
      @media (max-width: 560px) { .contact { grid-template-columns: 1fr; } }
    `,
  ];

  private get selected(): ServiceOption | undefined {
    return this.services.find((s) => s.code === this.serviceCode);
  }

  override render() {
    const lang = language();
    const selected = this.selected;
    const channels = this.channel ? [this.channel] : (selected?.channels ?? selected?.standard?.channels ?? CHANNELS);
    return html`
      <form @submit=${this.submit} novalidate aria-labelledby="register-title">
        <h2 id="register-title">${this.heading || t('register.title')}</h2>
        <div class="field">
          <label for="service">${t('register.service')}</label>
          <select id="service" name="serviceCode" required .value=${this.serviceCode} @change=${this.pickService}
            aria-invalid=${this.errors.service ? 'true' : 'false'} aria-describedby="service-error service-term">
            <option value="">${t('register.servicePick')}</option>
            ${this.services.map((s) => html`<option value=${s.code} ?selected=${s.code === this.serviceCode}>${s.standard?.names[lang] ?? s.name}</option>`)}
          </select>
          <span id="service-term" class="hint">${selected?.standard ? t('register.term', { duration: selected.standard.term.duration, unit: tMaybe(`unit.${selected.standard.term.unit}`, selected.standard.term.unit) }) : ''}</span>
          <span id="service-error" class="error">${this.errors.service ?? ''}</span>
        </div>
        <div class="row">
          <div class="field">
            <label for="applicant-name">${t('register.applicantName')}</label>
            <input id="applicant-name" name="name" autocomplete="off" required aria-invalid=${this.errors.name ? 'true' : 'false'} aria-describedby="name-error" />
            <span id="name-error" class="error">${this.errors.name ?? ''}</span>
          </div>
          <div class="field">
            <label for="applicant-iin">${t('register.iin')}</label>
            <input id="applicant-iin" name="iin" inputmode="numeric" maxlength="14" autocomplete="off" required
              aria-invalid=${this.errors.iin ? 'true' : 'false'} aria-describedby="iin-hint iin-error" @input=${this.checkIin} />
            <span id="iin-hint" class="hint">${t('register.iinHint')}</span>
            <span id="iin-error" class="error">${this.errors.iin ?? ''}</span>
          </div>
        </div>
        <fieldset>
          <legend>${t('notify.legend')}</legend>
          <label class="choice"><input type="checkbox" name="consent" id="notify-consent" .checked=${this.notify} @change=${this.toggleNotify} />${t('notify.consent')}</label>
          ${this.notify
            ? html`<div class="contact">
                  <div class="field">
                    <label for="applicant-phone">${t('notify.phone')}</label>
                    <input id="applicant-phone" name="phone" type="tel" inputmode="tel" autocomplete="off" placeholder="+7 701 123 45 67"
                      aria-invalid=${this.errors.phone ? 'true' : 'false'} aria-describedby="phone-hint phone-error" />
                    <span id="phone-hint" class="hint">${t('notify.phoneHint')}</span>
                    <span id="phone-error" class="error">${this.errors.phone ?? ''}</span>
                  </div>
                  <div class="field">
                    <label for="applicant-email">${t('notify.email')}</label>
                    <input id="applicant-email" name="email" type="email" autocomplete="off" placeholder="name@mail.kz"
                      aria-invalid=${this.errors.email ? 'true' : 'false'} aria-describedby="email-error" />
                    <span id="email-error" class="error">${this.errors.email ?? ''}</span>
                  </div>
                </div>
`
            : ''}
          <div class="field contact-language">
            <label for="applicant-language">${t('notify.language')}</label>
            <select id="applicant-language" name="language">
              ${NOTICE_LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === lang}>${t(`notify.language.${l}`)}</option>`)}
            </select>
            <span class="hint">${t('notify.languageHint')}</span>
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('register.channel')}</legend>
          ${channels.map(
            (channel, i) => html`<label class="choice"><input type="radio" name="channel" value=${channel} ?checked=${i === 0} />${t(`channel.${channel}`)}</label>`,
          )}
        </fieldset>
        ${selected?.standard
          ? html`<fieldset>
              <legend>${t('register.documents')}</legend>
              <span class="hint">${t('register.documentsHint')}</span>
              ${selected.standard.requiredDocuments.map(
                (doc, i) => html`<label class="choice"><input type="checkbox" name="documents" value=${doc} data-doc=${i} />${documentName(selected.standard!.code, doc, language())}</label>`,
              )}
            </fieldset>`
          : ''}
        <div><button type="submit" ?disabled=${this.busy}>${this.busy ? t('register.submitting') : t('register.submit')}</button></div>
      </form>
    `;
  }

  private toggleNotify(event: Event) {
    this.notify = (event.target as HTMLInputElement).checked;
    if (!this.notify) this.errors = { ...this.errors, phone: undefined, email: undefined };
  }

  private pickService(event: Event) {
    this.serviceCode = (event.target as HTMLSelectElement).value;
    this.errors = { ...this.errors, service: undefined };
  }

  /** Checked once 12 digits are in (and cleared while editing): never on blur, which would move the form under the pointer. */
  private checkIin(event: Event) {
    const value = (event.target as HTMLInputElement).value;
    if (value.replace(/\D/g, '').length < 12) {
      if (this.errors.iin) this.errors = { ...this.errors, iin: undefined };
      return;
    }
    const problem = iinProblem(value);
    this.errors = { ...this.errors, iin: problem ? t(`register.iin.${problem}`) : undefined };
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const iin = String(data.get('iin') ?? '').replace(/\s/g, '');
    const iinCheck = iinProblem(iin);
    const contact = this.notify ? contactProblems(String(data.get('phone') ?? ''), String(data.get('email') ?? '')) : { value: {}, problems: {} };
    this.errors = {
      service: this.serviceCode ? undefined : t('register.serviceRequired'),
      name: name ? undefined : t('register.nameRequired'),
      iin: iinCheck ? t(`register.iin.${iinCheck}`) : undefined,
      phone: contact.problems.phone ? t(contact.problems.phone) : undefined,
      email: contact.problems.email ? t(contact.problems.email) : undefined,
    };
    const firstInvalid = (['service', 'name', 'iin', 'phone', 'email'] as const).find((field) => this.errors[field]);
    if (firstInvalid) {
      const id = { service: 'service', name: 'applicant-name', iin: 'applicant-iin', phone: 'applicant-phone', email: 'applicant-email' }[firstInvalid];
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus());
      return;
    }
    const application: StartApplication = {
      serviceCode: this.serviceCode,
      channel: String(data.get('channel') ?? 'centre') as StartApplication['channel'],
      // The applicant's language always: their receipt and documents speak it, and their notices if they agree to them.
      applicant: { name, iin, language: String(data.get('language') ?? language()), ...(this.notify ? { ...contact.value, consent: true } : {}) },
      documents: data.getAll('documents').map(String),
    };
    this.dispatchEvent(new CustomEvent('register', { detail: application }));
  }
}

customElements.define('tereze-application-form', ApplicationForm);
