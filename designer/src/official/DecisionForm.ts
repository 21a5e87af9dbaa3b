import { html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import type { DecisionOutcome } from './decisionOutcomes.js';

export interface TaskCompletion {
  readonly outcome?: string;
  readonly variables?: Record<string, unknown>;
}

const LABELS: Record<DecisionOutcome, MessageKey> = {
  approve: 'decision.approve',
  refuse: 'decision.refuse',
  'request documents': 'decision.requestDocuments',
  confirm: 'decision.confirm',
  'in order': 'decision.inOrder',
};

/** The official's decision: one of `outcomes`; a refusal names one of `grounds`. Emits `complete`. */
export class DecisionForm extends LocalizedElement {
  static override properties = {
    outcomes: { attribute: false },
    grounds: { attribute: false },
    busy: { type: Boolean },
    outcome: { state: true },
    problem: { state: true },
  };
  declare outcomes: readonly DecisionOutcome[];
  declare grounds: readonly string[];
  declare busy: boolean;
  declare outcome: DecisionOutcome | undefined;
  declare problem: string;
  static override styles = formStyles;

  constructor() {
    super();
    this.outcomes = [];
    this.grounds = [];
    this.busy = false;
    this.problem = '';
  }

  override render() {
    return html`<form @submit=${this.submit} novalidate>
      <fieldset>
        <legend>${t('decision.legend')}</legend>
        ${this.outcomes.map(
          (outcome) => html`<label class="choice"><input type="radio" name="outcome" value=${outcome} required
            @change=${() => ((this.outcome = outcome), (this.problem = ''))} />${t(LABELS[outcome])}</label>`,
        )}
      </fieldset>
      ${this.outcome === 'refuse'
        ? html`<div class="field">
            <label for="ground">${t('decision.ground')}</label>
            <select id="ground" name="ground" required aria-invalid=${this.problem ? 'true' : 'false'} aria-describedby="ground-error">
              <option value="">${t('decision.groundPick')}</option>
              ${this.grounds.map((ground) => html`<option value=${ground}>${ground}</option>`)}
            </select>
            <span id="ground-error" class="error">${this.problem}</span>
          </div>`
        : ''}
      <div><button type="submit" ?disabled=${this.busy || !this.outcome}>${t('task.submit')}</button></div>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    if (!this.outcome) return;
    const ground = String(new FormData(event.target as HTMLFormElement).get('ground') ?? '');
    if (this.outcome === 'refuse' && !ground) {
      this.problem = t('decision.groundRequired');
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#ground')?.focus());
      return;
    }
    const detail: TaskCompletion = { outcome: this.outcome, ...(this.outcome === 'refuse' ? { variables: { refusalGrounds: ground } } : {}) };
    this.dispatchEvent(new CustomEvent('complete', { detail }));
  }
}

customElements.define('tereze-decision-form', DecisionForm);
