import { css, html } from 'lit';
import type { CatalogueEntry } from '../api/catalogueApi.js';
import { LocalizedElement, formatInstant, language, t } from '../i18n/i18n.js';

/**
 * The designer's home: every deployed process with its service (code and full name), running
 * applications and incidents, and its versions to open. Properties down: `entries` (undefined
 * while loading), `error`. Events up: `open-version` {key, version}, `new-diagram`, `close-home`.
 */
export class CatalogueHome extends LocalizedElement {
  static override properties = { entries: { attribute: false }, error: { attribute: false }, canClose: { type: Boolean } };
  declare entries: readonly CatalogueEntry[] | undefined;
  declare error: string | undefined;
  declare canClose: boolean;

  constructor() {
    super();
    this.entries = undefined;
    this.error = undefined;
    this.canClose = false;
  }

  static override styles = css`
    :host { display: block; overflow: auto; background: #fff; padding: 16px 20px; box-sizing: border-box; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin-bottom: 12px; }
    h2 { font-size: 18px; margin: 0; flex: 1 1 auto; }
    button { font: inherit; padding: 4px 10px; border: 1px solid #b8c0cc; border-radius: 4px; background: #fff; cursor: pointer; }
    button.primary { background: #1f6feb; color: #fff; border-color: #1f6feb; }
    :focus-visible { outline: 3px solid #f5a623; outline-offset: 1px; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e7ec; vertical-align: top; }
    th { font-weight: 600; color: #444; background: #f7f8fa; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    .service { color: #555; font-size: 13px; }
    code { font-size: 12px; color: #555; }
    .versions { display: flex; flex-wrap: wrap; gap: 4px; }
    .versions button { padding: 2px 8px; font-size: 13px; }
    .incidents { color: #a40e26; font-weight: 600; }
    .error { color: #a40e26; }
    @media (max-width: 640px) {
      :host { padding: 10px; }
      table, tbody, tr, td { display: block; width: 100%; box-sizing: border-box; }
      thead { display: none; }
      tr { border-bottom: 1px solid #d7dce2; padding: 6px 0; }
      td { border: 0; padding: 2px 0; }
      td.num { text-align: left; }
      td[data-label]::before { content: attr(data-label) ': '; color: #555; }
    }
  `;

  override render() {
    return html`
      <header>
        <h2>${t('home.title')}</h2>
        <button class="primary" data-action="home-new" @click=${() => this.emit('new-diagram')}>${t('home.newDiagram')}</button>
        ${this.canClose ? html`<button data-action="home-close" @click=${() => this.emit('close-home')}>${t('home.backToDiagram')}</button>` : ''}
      </header>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''} ${this.entries === undefined && !this.error ? html`<p>${t('home.loading')}</p>` : ''}
      ${this.entries && !this.entries.length ? html`<p>${t('home.empty')}</p>` : ''} ${this.entries?.length ? this.table(this.entries) : ''}
    `;
  }

  private table(entries: readonly CatalogueEntry[]) {
    return html`
      <table>
        <thead>
          <tr>
            <th>${t('home.process')}</th>
            <th>${t('home.service')}</th>
            <th class="num">${t('home.running')}</th>
            <th class="num">${t('home.incidents')}</th>
            <th>${t('home.versions')}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (entry) => html`
              <tr data-key=${entry.key}>
                <td>${entry.name ?? entry.key}<br /><code>${entry.key}</code></td>
                <td class="service" data-label=${t('home.service')}>${entry.service ? html`${this.serviceName(entry)} <code>${entry.service.code}</code>` : '—'}</td>
                <td class="num" data-label=${t('home.running')}>${entry.running}</td>
                <td class="num ${entry.incidents ? 'incidents' : ''}" data-label=${t('home.incidents')}>${entry.incidents}</td>
                <td data-label=${t('home.versions')}>
                  <div class="versions">
                    ${entry.versions.map(
                      (v) => html`<button
                        data-action="open-version"
                        data-version=${v.version}
                        title=${t('home.versionTitle', { version: v.version, at: formatInstant(v.deployedAt), by: v.deployedBy ?? '—', running: v.running, incidents: v.incidents })}
                        @click=${() => this.emit('open-version', { key: entry.key, version: v.version })}
                      >${t('modeler.versionOption', { version: v.version })}</button>`,
                    )}
                  </div>
                </td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }

  private serviceName(entry: CatalogueEntry): string {
    const names = entry.service?.names;
    if (!names) return '';
    return names[language()] || names.en;
  }

  private emit(name: string, detail?: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('tereze-catalogue-home', CatalogueHome);
