import { css, html } from 'lit';
import { isValidTrackingNumber } from '../../../engine/intake/isValidTrackingNumber.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { iinProblem } from './iin.js';

/** What the clerk asks the server to move: the number from the receipt, the IIN from the identity document. */
export interface TransferRequest {
  /** As the server stores it: `0000-0000-0000`. */
  readonly trackingNumber: string;
  readonly iin: string;
  readonly reason: string;
}

type Field = 'number' | 'iin' | 'reason';
const FIELDS = ['number', 'iin', 'reason'] as const;
const INPUT_ID: Record<Field, string> = { number: 'transfer-number', iin: 'transfer-iin', reason: 'transfer-reason' };

/**
 * "Transfer an application to this centre": tracking number, the applicant's IIN and a reason,
 * each checked before anything is sent (the first wrong one takes the focus). Emits `transfer`;
 * the page sends it and hands back `problem` (the server's refusal in words) or `transferred`
 * (the number moved: the form empties itself for the next applicant).
 */
export class TransferForm extends LocalizedElement {
  static override properties = {
    busy: { type: Boolean },
    problem: {},
    transferred: {},
    errors: { state: true },
  };
  declare busy: boolean;
  declare problem: string;
  declare transferred: string;
  /** Keys, not strings: a language switch re-says them. */
  declare errors: Partial<Record<Field, MessageKey>>;

  constructor() {
    super();
    this.busy = false;
    this.problem = '';
    this.transferred = '';
    this.errors = {};
  }

  static override styles = [
    formStyles,
    css`
      form { gap: 10px; }
      h3, p { margin: 0; }
    `,
  ];

  override updated(changed: Map<string, unknown>) {
    if (changed.has('transferred') && this.transferred) this.renderRoot.querySelector('form')?.reset();
  }

  override render() {
    const invalid = (field: Field) => (this.errors[field] ? 'true' : 'false');
    return html`<form @submit=${this.submit} novalidate aria-labelledby="transfer-title">
      <h3 id="transfer-title">${t('transfer.title')}</h3>
      <p class="hint">${t('transfer.intro')}</p>
      <div class="field">
        <label for="transfer-number">${t('common.trackingNumber')}</label>
        <span id="transfer-number-hint" class="hint">${t('transfer.numberHint')}</span>
        <input id="transfer-number" name="trackingNumber" inputmode="numeric" maxlength="16" autocomplete="off" required
          aria-invalid=${invalid('number')} aria-describedby="transfer-number-hint transfer-number-error" @input=${() => this.clear('number')} />
        <span id="transfer-number-error" class="error">${this.error('number')}</span>
      </div>
      <div class="field">
        <label for="transfer-iin">${t('register.iin')}</label>
        <span id="transfer-iin-hint" class="hint">${t('transfer.iinHint')}</span>
        <input id="transfer-iin" name="iin" inputmode="numeric" maxlength="14" autocomplete="off" required
          aria-invalid=${invalid('iin')} aria-describedby="transfer-iin-hint transfer-iin-error" @input=${() => this.clear('iin')} />
        <span id="transfer-iin-error" class="error">${this.error('iin')}</span>
      </div>
      <div class="field">
        <label for="transfer-reason">${t('common.reason')}</label>
        <span id="transfer-reason-hint" class="hint">${t('transfer.reasonHint')}</span>
        <textarea id="transfer-reason" name="reason" rows="2" maxlength="500" required
          aria-invalid=${invalid('reason')} aria-describedby="transfer-reason-hint transfer-reason-error" @input=${() => this.clear('reason')}></textarea>
        <span id="transfer-reason-error" class="error">${this.error('reason')}</span>
      </div>
      <p class="error" role="alert" data-problem>${this.problem}</p>
      <div><button type="submit" ?disabled=${this.busy}>${this.busy ? t('transfer.submitting') : t('transfer.submit')}</button></div>
    </form>`;
  }

  private error(field: Field): string {
    const key = this.errors[field];
    return key ? t(key) : '';
  }

  private clear(field: Field) {
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const digits = String(data.get('trackingNumber') ?? '').replace(/[\s-]/g, '');
    const iin = String(data.get('iin') ?? '').replace(/\s/g, '');
    const reason = String(data.get('reason') ?? '').trim();
    const iinCheck = iinProblem(iin);
    this.errors = {
      number: !digits ? 'transfer.numberRequired' : isValidTrackingNumber(digits) ? undefined : 'transfer.numberInvalid',
      iin: !iin ? 'transfer.iinRequired' : iinCheck ? (`register.iin.${iinCheck}` as const) : undefined,
      reason: reason ? undefined : 'transfer.reasonRequired',
    };
    const firstInvalid = FIELDS.find((field) => this.errors[field]);
    if (firstInvalid) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${INPUT_ID[firstInvalid]}`)?.focus());
      return;
    }
    const trackingNumber = `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
    this.dispatchEvent(new CustomEvent<TransferRequest>('transfer', { detail: { trackingNumber, iin, reason } }));
  }
}

customElements.define('tereze-transfer-form', TransferForm);
