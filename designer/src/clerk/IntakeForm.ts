import { html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { TaskCompletion } from '../official/DecisionForm.js';
import { formStyles } from '../shared/formStyles.js';

/** The completeness check: what came in against the standard's list. Emits `complete`. */
export class IntakeForm extends LocalizedElement {
  static override properties = { required: { attribute: false }, handedIn: { attribute: false }, busy: { type: Boolean } };
  declare required: readonly string[];
  declare handedIn: readonly string[];
  declare busy: boolean;
  static override styles = formStyles;

  constructor() {
    super();
    this.required = [];
    this.handedIn = [];
    this.busy = false;
  }

  override render() {
    const missing = this.required.filter((doc) => !this.handedIn.includes(doc));
    return html`<form @submit=${this.submit}>
      ${missing.length ? html`<div><strong>${t('task.missing')}:</strong><ul data-missing>${missing.map((d) => html`<li>${d}</li>`)}</ul></div>` : ''}
      <fieldset>
        <legend>${t('intake.legend')}</legend>
        <label class="choice"><input type="radio" name="outcome" value="complete" required ?checked=${missing.length === 0} />${t('intake.complete')}</label>
        <label class="choice"><input type="radio" name="outcome" value="incomplete" ?checked=${missing.length > 0} />${t('intake.incomplete')}</label>
      </fieldset>
      <div><button type="submit" ?disabled=${this.busy}>${t('task.submit')}</button></div>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const outcome = String(new FormData(event.target as HTMLFormElement).get('outcome') ?? '');
    if (!outcome) return;
    this.dispatchEvent(new CustomEvent<TaskCompletion>('complete', { detail: { outcome } }));
  }
}

customElements.define('tereze-intake-form', IntakeForm);
