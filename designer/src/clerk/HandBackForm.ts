import { css, html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { TaskCompletion } from '../official/DecisionForm.js';
import { formStyles } from '../shared/formStyles.js';

/** The hand-back: "handed over" and the applicant's rating 1–5 (radio buttons). Emits `complete`. */
export class HandBackForm extends LocalizedElement {
  static override properties = { busy: { type: Boolean }, problem: { state: true } };
  declare busy: boolean;
  declare problem: string;

  constructor() {
    super();
    this.busy = false;
    this.problem = '';
  }

  static override styles = [
    formStyles,
    css`
      .rating { display: flex; flex-wrap: wrap; gap: 6px; }
      .rating label { border: 1px solid #7b8794; border-radius: 6px; padding: 8px 12px; display: flex; gap: 6px; align-items: center; font-weight: normal; cursor: pointer; min-width: 44px; box-sizing: border-box; }
      .rating label:has(input:checked) { background: #0b5cad; color: #fff; border-color: #0b5cad; }
      .rating label:has(input:focus-visible) { outline: 3px solid #f5a623; outline-offset: 2px; }
    `,
  ];

  override render() {
    return html`<form @submit=${this.submit} novalidate>
      <label class="choice"><input type="checkbox" name="handedOver" value="yes" />${t('handback.handedOver')}</label>
      <fieldset>
        <legend>${t('handback.rating')}</legend>
        <div class="rating">
          ${[1, 2, 3, 4, 5].map(
            (value) => html`<label><input type="radio" name="rating" value=${value} aria-label=${t('handback.ratingValue', { value })} />${'★'.repeat(value)} <span>${value}</span></label>`,
          )}
        </div>
      </fieldset>
      <p class="error" role="alert">${this.problem}</p>
      <div><button type="submit" ?disabled=${this.busy}>${t('task.submit')}</button></div>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    if (!data.get('handedOver')) return void (this.problem = t('handback.confirmRequired'));
    const rating = Number(data.get('rating'));
    if (!rating) return void (this.problem = t('handback.ratingRequired'));
    this.problem = '';
    this.dispatchEvent(new CustomEvent<TaskCompletion>('complete', { detail: { outcome: 'handed over', variables: { rating } } }));
  }
}

customElements.define('tereze-hand-back-form', HandBackForm);
