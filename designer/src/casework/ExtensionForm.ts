import { css, html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';

/** DOMAIN rule 6: at most 15 calendar days in all. */
const MAX_DAYS = 15;

export interface ExtensionRequest {
  readonly days: number;
  readonly reason: string;
}

/** "Extend the deadline": calendar days (1–15) and a reason. Emits `extend`; the page shows the new deadline. */
export class ExtensionForm extends LocalizedElement {
  static override properties = {
    busy: { type: Boolean },
    problem: {},
    errors: { state: true },
  };
  declare busy: boolean;
  declare problem: string;
  declare errors: { days?: MessageKey; reason?: MessageKey };

  constructor() {
    super();
    this.busy = false;
    this.problem = '';
    this.errors = {};
  }

  static override styles = [formStyles, css`form { gap: 10px; } h3, p { margin: 0; } input[type='number'] { font: inherit; padding: 8px 10px; border: 1px solid #7b8794; border-radius: 4px; width: 8em; }`];

  override render() {
    return html`<form @submit=${this.submit} novalidate aria-labelledby="extend-title">
      <h3 id="extend-title">${t('case.extend.title')}</h3>
      <p class="hint">${t('case.extend.intro')}</p>
      <div class="field">
        <label for="extend-days">${t('case.extend.days')}</label>
        <input id="extend-days" name="days" type="number" min="1" max=${MAX_DAYS} step="1" required aria-invalid=${this.errors.days ? 'true' : 'false'} aria-describedby="extend-days-error" />
        <span id="extend-days-error" class="error">${this.errors.days ? t(this.errors.days) : ''}</span>
      </div>
      <div class="field">
        <label for="extend-reason">${t('common.reason')}</label>
        <textarea id="extend-reason" name="reason" rows="2" maxlength="1000" required aria-invalid=${this.errors.reason ? 'true' : 'false'} aria-describedby="extend-reason-error"></textarea>
        <span id="extend-reason-error" class="error">${this.errors.reason ? t(this.errors.reason) : ''}</span>
      </div>
      <p class="error" role="alert" data-problem>${this.problem}</p>
      <div><button type="submit" ?disabled=${this.busy}>${t('case.extend.submit')}</button></div>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const days = Number(data.get('days'));
    const reason = String(data.get('reason') ?? '').trim();
    this.errors = {
      ...(Number.isInteger(days) && days >= 1 && days <= MAX_DAYS ? {} : { days: 'case.extend.daysInvalid' as const }),
      ...(reason ? {} : { reason: 'case.reasonRequired' as const }),
    };
    if (this.errors.days || this.errors.reason) return;
    this.dispatchEvent(new CustomEvent<ExtensionRequest>('extend', { detail: { days, reason } }));
  }
}

customElements.define('tereze-extension-form', ExtensionForm);
