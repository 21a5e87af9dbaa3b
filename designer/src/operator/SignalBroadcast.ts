import { css, html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import { operatorApi, type SignalAnswer } from '../api/operatorApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/**
 * The operator broadcasts a signal (POST /api/signals/:name): "the land registry is back" wakes
 * every application waiting for it, in every service. A broadcast reaches much at once, so it
 * asks to be confirmed first; the answer says how many applications it reached and started.
 */
export class SignalBroadcast extends LocalizedElement {
  static override properties = { api: { attribute: false }, name: { state: true }, confirming: { state: true }, busy: { state: true }, answer: { state: true }, problem: { state: true } };
  declare api: ApiClient;
  declare name: string;
  declare confirming: boolean;
  declare busy: boolean;
  declare answer: SignalAnswer | undefined;
  declare problem: string;

  static override styles = [
    formStyles,
    css`
      form { max-width: 36rem; margin: 16px 0; }
      .confirm { border-left: 4px solid #a40e26; padding-left: 10px; }
      .actions { display: flex; gap: 8px; }
    `,
  ];

  constructor() {
    super();
    this.name = '';
    this.confirming = false;
    this.busy = false;
    this.problem = '';
  }

  override render() {
    return html`<form @submit=${this.submit} aria-labelledby="signal-title">
      <h3 id="signal-title">${t('ops.signal.title')}</h3>
      <div class="field">
        <label for="signal-name">${t('ops.signal.name')}</label>
        <span id="signal-hint" class="hint">${t('ops.signal.hint')}</span>
        <input id="signal-name" name="signal" aria-describedby="signal-hint" .value=${this.name} @input=${(e: Event) => ((this.name = (e.target as HTMLInputElement).value), (this.confirming = false))} />
      </div>
      ${this.confirming
        ? html`<div class="confirm" role="alertdialog" aria-labelledby="signal-confirm-text">
            <p id="signal-confirm-text">${t('ops.signal.confirmText', { name: this.name.trim() })}</p>
            <div class="actions">
              <button type="submit" class="danger" ?disabled=${this.busy}>${t('ops.signal.confirm')}</button>
              <button type="button" class="secondary" @click=${() => (this.confirming = false)}>${t('ops.signal.cancel')}</button>
            </div>
          </div>`
        : html`<div><button type="submit" class="secondary">${t('ops.signal.submit')}</button></div>`}
      <p role="status" data-answer>${this.answer ? t('ops.signal.answer', { name: this.answer.signalName, reached: this.answer.reached.length, started: this.answer.started.length }) : ''}</p>
      <p class="error" role="alert" data-problem>${this.problem}</p>
    </form>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const name = this.name.trim();
    this.answer = undefined;
    if (!name) {
      this.problem = t('ops.signal.nameRequired');
      return;
    }
    this.problem = '';
    if (!this.confirming) {
      this.confirming = true;
      return;
    }
    this.busy = true;
    try {
      this.answer = await operatorApi.signal(this.api, name);
      this.confirming = false;
      this.dispatchEvent(new CustomEvent('broadcast', { bubbles: true, composed: true }));
    } catch (error) {
      this.problem = t('ops.signal.failed', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('tereze-signal-broadcast', SignalBroadcast);
