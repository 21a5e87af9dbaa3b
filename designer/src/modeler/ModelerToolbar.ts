import { LitElement, css, html } from 'lit';
import type { DefinitionSummary } from '../api/ApiClient.js';
import { t } from '../i18n/i18n.js';

/**
 * The modeler's toolbar. Properties down: the deployed definitions and the versions of the
 * chosen key. Events up: `new-diagram`, `import-xml` {xml, name}, `download`, `undo`, `redo`,
 * `pick-key` {key}, `open-definition` {key, version}, `deploy`, `toggle-overlay` (the live overlay;
 * `overlayOn` says whether it is on).
 */
export class ModelerToolbar extends LitElement {
  static override properties = {
    definitions: { attribute: false },
    versions: { attribute: false },
    busy: { type: Boolean },
    overlayOn: { type: Boolean },
    selectedKey: { state: true },
  };

  declare definitions: readonly DefinitionSummary[];
  declare versions: readonly DefinitionSummary[];
  declare busy: boolean;
  declare overlayOn: boolean;
  declare selectedKey: string;

  constructor() {
    super();
    this.definitions = [];
    this.versions = [];
    this.busy = false;
    this.overlayOn = false;
    this.selectedKey = '';
  }

  static override styles = css`
    :host { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #d7dce2; background: #f7f8fa; }
    button, select { font: inherit; padding: 4px 10px; border: 1px solid #b8c0cc; border-radius: 4px; background: #fff; cursor: pointer; }
    button:disabled { opacity: 0.5; cursor: default; }
    button[aria-pressed='true'] { background: #ddf4ff; border-color: #1f6feb; font-weight: 600; }
    button.primary { background: #1f6feb; color: #fff; border-color: #1f6feb; }
    .sep { width: 1px; height: 22px; background: #d7dce2; margin: 0 4px; }
    input[type='file'] { display: none; }
  `;

  override render() {
    const versions = this.versions.filter((v) => v.key === this.selectedKey);
    return html`
      <button data-action="new" @click=${() => this.emit('new-diagram')}>New</button>
      <button data-action="open-file" @click=${() => this.fileInput().click()}>Open file…</button>
      <input type="file" accept=".bpmn,.xml,application/xml,text/xml" @change=${this.onFile} />
      <button data-action="download" @click=${() => this.emit('download')}>Download XML</button>
      <span class="sep"></span>
      <button data-action="undo" title="Undo (Ctrl+Z)" @click=${() => this.emit('undo')}>Undo</button>
      <button data-action="redo" title="Redo (Ctrl+Y)" @click=${() => this.emit('redo')}>Redo</button>
      <span class="sep"></span>
      <select name="definition" aria-label="Deployed process" @change=${this.onKey}>
        <option value="">Deployed process…</option>
        ${this.definitions.map((d) => html`<option value=${d.key} ?selected=${d.key === this.selectedKey}>${d.name ? `${d.name} (${d.key})` : d.key}</option>`)}
      </select>
      <select name="version" aria-label="Version" ?disabled=${!versions.length}>
        ${versions.map((v) => html`<option value=${v.version}>v${v.version}</option>`)}
      </select>
      <button data-action="open-definition" ?disabled=${!this.selectedKey} @click=${this.onOpen}>Open</button>
      <span class="sep"></span>
      <button data-action="live-overlay" aria-pressed=${this.overlayOn ? 'true' : 'false'} title=${t('modeler.heatmapLegend')} @click=${() => this.emit('toggle-overlay')}>${t('modeler.heatmap')}</button>
      <span class="sep"></span>
      <button class="primary" data-action="deploy" ?disabled=${this.busy} @click=${() => this.emit('deploy')}>Deploy</button>
    `;
  }

  private fileInput(): HTMLInputElement {
    return this.renderRoot.querySelector('input[type=file]') as HTMLInputElement;
  }

  private async onFile(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const xml = await file.text();
    input.value = '';
    this.emit('import-xml', { xml, name: file.name });
  }

  private onKey(event: Event) {
    this.selectedKey = (event.target as HTMLSelectElement).value;
    if (this.selectedKey) this.emit('pick-key', { key: this.selectedKey });
  }

  private onOpen() {
    const select = this.renderRoot.querySelector('select[name=version]') as HTMLSelectElement;
    const version = Number(select.value) || undefined;
    this.emit('open-definition', { key: this.selectedKey, version });
  }

  private emit(name: string, detail?: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('tereze-modeler-toolbar', ModelerToolbar);
