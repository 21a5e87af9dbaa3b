import { css, html } from 'lit';
import { ApiError, type ApiClient, type ApplicationView } from '../api/ApiClient.js';
import { isValidTrackingNumber } from '../../../engine/intake/isValidTrackingNumber.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { casefileApi, type SearchBy } from './casefileApi.js';
import './ApplicationTable.js';

const PAGE = 20;
const HINTS: Record<SearchBy, MessageKey> = { trackingNumber: 'casefile.search.hintTracking', iin: 'casefile.search.hintIin', name: 'casefile.search.hintName' };

/** #/search: applications by tracking number, IIN or name, within the caller's scope (the server decides), paged. */
export class SearchPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    by: { state: true },
    text: { state: true },
    problem: { state: true },
    results: { state: true },
    offset: { state: true },
    more: { state: true },
    busy: { state: true },
    failure: { state: true },
  };
  declare api: ApiClient;
  declare by: SearchBy;
  declare text: string;
  declare problem: MessageKey | undefined;
  declare results: readonly ApplicationView[] | undefined;
  declare offset: number;
  declare more: boolean;
  declare busy: boolean;
  declare failure: string;

  constructor() {
    super();
    this.by = 'trackingNumber';
    this.text = '';
    this.offset = 0;
    this.more = false;
    this.busy = false;
    this.failure = '';
  }

  static override styles = [
    formStyles,
    css`
      form { max-width: 720px; }
      .row { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: end; }
      .row .field { flex: 1 1 220px; }
      .row .field.submit { flex: 0 0 auto; }
      fieldset { display: flex; flex-wrap: wrap; gap: 6px 18px; }
      fieldset legend { padding: 0 4px; }
      .pager { display: flex; gap: 10px; margin-top: 10px; flex-wrap: wrap; }
    `,
  ];

  override render() {
    return html`
      <h2>${t('casefile.search.title')}</h2>
      <p class="hint">${t('casefile.search.intro')}</p>
      <form @submit=${this.submit} novalidate role="search">
        <fieldset>
          <legend>${t('casefile.search.by')}</legend>
          ${(['trackingNumber', 'iin', 'name'] as const).map(
            (by) => html`<label class="choice"><input type="radio" name="by" value=${by} .checked=${this.by === by} @change=${() => this.choose(by)} />
              ${t(by === 'trackingNumber' ? 'casefile.search.byTracking' : by === 'iin' ? 'casefile.search.byIin' : 'casefile.search.byName')}</label>`,
          )}
        </fieldset>
        <div class="row">
          <div class="field">
            <label for="search-text">${t('casefile.search.query')}</label>
            <span class="hint" id="search-hint">${t(HINTS[this.by])}</span>
            <input id="search-text" name="text" .value=${this.text} autocomplete="off" inputmode=${this.by === 'name' ? 'text' : 'numeric'}
              aria-describedby="search-hint search-error" aria-invalid=${this.problem ? 'true' : 'false'} @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)} />
            <span class="error" id="search-error">${this.problem ? t(this.problem) : ''}</span>
          </div>
          <div class="field submit"><span></span><button type="submit" ?disabled=${this.busy}>${t('casefile.search.submit')}</button><span class="error"></span></div>
        </div>
      </form>
      <p class="status" role="status" aria-live="polite">${this.failure}</p>
      ${this.results ? this.renderResults(this.results) : ''}
    `;
  }

  private renderResults(results: readonly ApplicationView[]) {
    if (results.length === 0 && this.offset === 0) return html`<p data-empty>${t('casefile.search.none')}</p>`;
    return html`
      <tereze-application-table .applications=${results} .caption=${t('casefile.search.results', { page: this.offset / PAGE + 1 })}></tereze-application-table>
      <div class="pager">
        ${this.offset > 0 ? html`<button type="button" class="secondary" @click=${() => this.page(this.offset - PAGE)}>${t('casefile.search.previous')}</button>` : ''}
        ${this.more ? html`<button type="button" class="secondary" @click=${() => this.page(this.offset + PAGE)}>${t('casefile.search.next')}</button>` : ''}
      </div>
    `;
  }

  private choose(by: SearchBy) {
    this.by = by;
    this.problem = undefined;
  }

  private check(): string | undefined {
    const text = this.text.trim();
    if (!text) return void (this.problem = 'casefile.search.required');
    if (this.by === 'trackingNumber') {
      const digits = text.replace(/[\s-]/g, '');
      if (!isValidTrackingNumber(digits)) return void (this.problem = 'casefile.search.trackingInvalid');
      return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
    }
    if (this.by === 'iin' && !/^\d{12}$/.test(text)) return void (this.problem = 'casefile.search.iinInvalid');
    if (this.by === 'name' && text.length < 3) return void (this.problem = 'casefile.search.nameShort');
    return text;
  }

  private submit(event: Event) {
    event.preventDefault();
    this.problem = undefined;
    const text = this.check();
    if (text === undefined) return;
    this.query = text;
    void this.page(0);
  }

  private query = '';

  private async page(offset: number) {
    this.busy = true;
    this.failure = '';
    try {
      const { items, more } = await casefileApi.search(this.api, this.by, this.query, offset, PAGE);
      this.results = items;
      this.more = more;
      this.offset = offset;
    } catch (error) {
      this.failure = t('common.error', { message: error instanceof ApiError ? error.message : String(error) });
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('tereze-search-page', SearchPage);

