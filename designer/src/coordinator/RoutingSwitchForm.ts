import { html } from 'lit';
import type { AccessMode, RoutingSwitch } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { astanaInstant } from './astanaTime.js';

/**
 * Switch one service between single and alternative access: a reason is required, the
 * effective date optional (now). Emits `switch-access` with the body and `cancel`.
 */
export class RoutingSwitchForm extends LocalizedElement {
  static override properties = { service: {}, current: {}, busy: { type: Boolean }, error: { state: true } };
  declare service: string;
  declare current: AccessMode | '';
  declare busy: boolean;
  declare error: string;
  static override styles = formStyles;

  constructor() {
    super();
    this.service = '';
    this.current = '';
    this.busy = false;
    this.error = '';
  }

  override render() {
    const proposed: AccessMode = this.current === 'single' ? 'alternative' : 'single';
    return html`<form @submit=${this.submit} novalidate aria-labelledby="switch-title">
      <h3 id="switch-title">${t('routing.switchTitle', { service: this.service })}</h3>
      <fieldset>
        <legend>${t('routing.newMode')}</legend>
        ${(['single', 'alternative'] as const).map((mode) => html`<label class="choice"><input type="radio" name="mode" value=${mode} ?checked=${mode === proposed} />${t(`routing.mode.${mode}`)}</label>`)}
      </fieldset>
      <div class="field">
        <label for="routing-reason">${t('common.reason')}</label>
        <textarea id="routing-reason" name="reason" rows="2" maxlength="500" required aria-invalid=${this.error ? 'true' : 'false'} aria-describedby="routing-reason-hint routing-reason-error"></textarea>
        <span id="routing-reason-hint" class="hint">${t('routing.reasonHint')}</span>
        <span id="routing-reason-error" class="error">${this.error}</span>
      </div>
      <div class="field">
        <label for="routing-effective">${t('routing.effectiveFrom')}</label>
        <input id="routing-effective" name="effectiveFrom" type="datetime-local" aria-describedby="routing-effective-hint" />
        <span id="routing-effective-hint" class="hint">${t('routing.effectiveHint')}</span>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${t('routing.switch')}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLElement>('input[name=mode]:checked')?.focus();
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const reason = String(data.get('reason') ?? '').trim();
    if (!reason) {
      this.error = t('routing.reasonRequired');
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#routing-reason')?.focus());
      return;
    }
    this.error = '';
    const effective = String(data.get('effectiveFrom') ?? '');
    const body: RoutingSwitch = { mode: String(data.get('mode')) as AccessMode, reason, ...(effective ? { effectiveFrom: astanaInstant(effective) } : {}) };
    this.dispatchEvent(new CustomEvent('switch-access', { detail: body }));
  }
}

customElements.define('tereze-routing-switch-form', RoutingSwitchForm);
