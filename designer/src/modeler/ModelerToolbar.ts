import { css, html } from 'lit';
import type { DefinitionSummary } from '../api/ApiClient.js';
import { LocalizedElement, t } from '../i18n/i18n.js';

/**
 * The modeler's toolbar. Properties down: the deployed definitions and the versions of the
 * chosen key. Events up: `new-diagram`, `import-xml` {xml, name}, `download`, `undo`, `redo`,
 * `pick-key` {key}, `open-definition` {key, version}, `deploy`, `show-home` (the catalogue), `toggle-overlay` (the live overlay;
 * `overlayOn` says whether it is on). Grouped (file, edit, deployed processes) so the groups wrap
 * as wholes while Deploy stays at the end of the first row; re-rendered on a language switch.
 */
export class ModelerToolbar extends LocalizedElement {
  static override properties = {
    definitions: { attribute: false },
    versions: { attribute: false },
    busy: { type: Boolean },
    overlayOn: { type: Boolean },
    selectedKey: { state: true },
    opened: { attribute: false },
  };
  /** The deployed version on the canvas (opened from the home or here): the selects follow it. */
  declare opened: { readonly key: string; readonly version?: number } | undefined;

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
    /* Deploy stays at the end of the first row; the groups before it wrap as wholes. */
    :host { display: flex; align-items: flex-start; gap: 6px 12px; padding: 6px 10px; border-bottom: 1px solid #d7dce2; background: #f7f8fa; }
    .tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; flex: 1 1 auto; min-width: 0; }
    .group { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; min-width: 0; }
    .group + .group { padding-left: 12px; border-left: 1px solid #d7dce2; }
    button, select { font: inherit; padding: 4px 10px; border: 1px solid #b8c0cc; border-radius: 4px; background: #fff; cursor: pointer; white-space: nowrap; }
    select[name='definition'] { width: 16rem; max-width: 100%; min-width: 8rem; flex: 0 1 auto; text-overflow: ellipsis; }
    button:disabled { opacity: 0.5; cursor: default; }
    button[aria-pressed='true'] { background: #ddf4ff; border-color: #1f6feb; font-weight: 600; }
    button.primary { background: #1f6feb; color: #fff; border-color: #1f6feb; }
    button[data-action='deploy'] { flex: none; margin-left: auto; }
    :focus-visible { outline: 3px solid #f5a623; outline-offset: 1px; }
    input[type='file'] { display: none; }
  `;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('opened') && this.opened) this.selectedKey = this.opened.key;
  }

  override render() {
    const versions = this.versions.filter((v) => v.key === this.selectedKey);
    const shown = this.opened?.key === this.selectedKey ? this.opened.version : undefined;
    return html`
      <div class="tools">
        <div class="group" role="group" aria-label=${t('modeler.tools.file')}>
          <button data-action="catalogue" title=${t('modeler.homeTitle')} @click=${() => this.emit('show-home')}>${t('modeler.home')}</button>
          <button data-action="new" title=${t('modeler.newTitle')} @click=${() => this.emit('new-diagram')}>${t('modeler.new')}</button>
          <button data-action="open-file" @click=${() => this.fileInput().click()}>${t('modeler.openFile')}</button>
          <input type="file" accept=".bpmn,.xml,application/xml,text/xml" @change=${this.onFile} />
          <button data-action="download" @click=${() => this.emit('download')}>${t('modeler.download')}</button>
        </div>
        <div class="group" role="group" aria-label=${t('modeler.tools.edit')}>
          <button data-action="undo" title=${t('modeler.undoTitle')} @click=${() => this.emit('undo')}>${t('modeler.undo')}</button>
          <button data-action="redo" title=${t('modeler.redoTitle')} @click=${() => this.emit('redo')}>${t('modeler.redo')}</button>
        </div>
        <div class="group" role="group" aria-label=${t('modeler.tools.server')}>
          <select name="definition" aria-label=${t('modeler.deployedProcess')} title=${this.selectedTitle()} @change=${this.onKey}>
            <option value="">${t('modeler.pickProcess')}</option>
            ${this.definitions.map((d) => html`<option value=${d.key} ?selected=${d.key === this.selectedKey}>${d.name ? `${d.name} (${d.key})` : d.key}</option>`)}
          </select>
          <select name="version" aria-label=${t('modeler.version')} ?disabled=${!versions.length}>
            ${versions.map((v) => html`<option value=${v.version} ?selected=${v.version === shown}>${t('modeler.versionOption', { version: v.version })}</option>`)}
          </select>
          <button data-action="open-definition" title=${t('modeler.openTitle')} ?disabled=${!this.selectedKey} @click=${this.onOpen}>${t('modeler.open')}</button>
          <button data-action="live-overlay" aria-pressed=${this.overlayOn ? 'true' : 'false'} title=${t('modeler.heatmapLegend')} @click=${() => this.emit('toggle-overlay')}>${t('modeler.heatmap')}</button>
        </div>
      </div>
      <button class="primary" data-action="deploy" title=${t('modeler.deployTitle')} ?disabled=${this.busy} @click=${() => this.emit('deploy')}>${t('modeler.deploy')}</button>
    `;
  }

  /** The chosen process' full name, as the narrowed select may cut it. */
  private selectedTitle(): string {
    const d = this.definitions.find((x) => x.key === this.selectedKey);
    return d ? (d.name ? `${d.name} (${d.key})` : d.key) : t('modeler.deployedProcess');
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
