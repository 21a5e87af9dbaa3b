import { html } from 'lit';
import { ApiError, type ApiClient, type TrackingView } from '../api/ApiClient.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import './TrackResult.js';

/** The public tracking page (#/track[/number]): no login; the server answers without names. */
export class TrackPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    number: { type: String },
    view: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  declare api: ApiClient;
  declare number: string;
  declare view: TrackingView | undefined;
  declare problem: string;
  declare busy: boolean;
  static override styles = formStyles;

  constructor() {
    super();
    this.number = '';
    this.problem = '';
    this.busy = false;
  }

  override firstUpdated() {
    if (this.number) void this.lookUp(this.number);
  }

  override render() {
    return html`
      <h2>${t('track.title')}</h2>
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="tracking-number">${t('track.number')}</label>
          <span class="hint" id="tracking-hint">${t('track.numberHint')}</span>
          <input id="tracking-number" name="trackingNumber" inputmode="numeric" autocomplete="off" .value=${this.number}
            aria-describedby="tracking-hint" aria-invalid=${this.problem === t('track.invalid') ? 'true' : 'false'} required />
        </div>
        <div><button type="submit" ?disabled=${this.busy}>${t('track.submit')}</button></div>
      </form>
      <p class="status" role="status" aria-live="polite">${this.busy ? t('common.loading') : this.problem ? html`<span class="error">${this.problem}</span>` : ''}</p>
      <tereze-track-result .view=${this.view}></tereze-track-result>
    `;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('trackingNumber') ?? '').trim();
    history.replaceState(null, '', `#/track/${encodeURIComponent(value)}`);
    void this.lookUp(value);
  }

  private async lookUp(number: string) {
    this.number = number;
    this.view = undefined;
    if (!/^\d{4}-?\d{4}-?\d{4}$/.test(number.replace(/\s/g, ''))) {
      this.problem = t('track.invalid');
      return;
    }
    this.busy = true;
    this.problem = '';
    try {
      this.view = await this.api.track(number.replace(/\s/g, ''));
    } catch (error) {
      this.problem = error instanceof ApiError && error.status === 404 ? t('track.notFound') : error instanceof ApiError && error.status === 400 ? t('track.invalid') : t('common.error', { message: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('tereze-track-page', TrackPage);
