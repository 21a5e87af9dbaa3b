import Modeler from 'bpmn-js/lib/Modeler';
import { LitElement, html } from 'lit';
import { ApiError, type ApiClient, type DefinitionSummary, type DeployProblem } from '../api/ApiClient.js';
import { oversightApi } from '../api/oversightApi.js';
import { t } from '../i18n/i18n.js';
import { createModeler } from './createModeler.js';
import { LiveOverlay } from './liveOverlay.js';
import { newDiagramXml } from './newDiagram.js';
import { clearProblems, showProblems } from './problemMarkers.js';
import './DeployProblems.js';
import './ModelerToolbar.js';

type StatusKind = 'info' | 'ok' | 'error';

interface Selection { select(element: unknown): void }
interface Registry { get(id: string): unknown }
interface Box { x: number; y: number; width: number; height: number }
interface Canvas {
  scrollToElement(element: unknown): void;
  viewbox(): Box & { inner: Box; outer: Box };
  viewbox(box: Box): void;
}

/** The palette floats over the canvas' left edge: fit the diagram in the space beside it. */
const PALETTE_WIDTH = 80;
const MARGIN = 20;

function fitBesidePalette(canvas: Canvas) {
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !inner.height) return;
  const scale = Math.min(1, (outer.width - PALETTE_WIDTH - MARGIN) / inner.width, (outer.height - 2 * MARGIN) / inner.height);
  canvas.viewbox({ x: inner.x - PALETTE_WIDTH / scale, y: inner.y - MARGIN / scale, width: outer.width / scale, height: outer.height / scale });
}
interface CommandStack { undo(): void; redo(): void }

/**
 * The modeler page: toolbar, canvas, properties panel, deploy problems and a status line.
 * It renders into the light DOM because bpmn-js and its panel are styled by document CSS.
 * The page fetches (definitions, XML, deploy); the toolbar and the problem list only emit.
 */
export class ModelerPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    definitions: { state: true },
    versions: { state: true },
    problems: { state: true },
    status: { state: true },
    statusKind: { state: true },
    busy: { state: true },
    openKey: { state: true },
    overlayOn: { state: true },
  };

  declare api: ApiClient;
  declare definitions: DefinitionSummary[];
  declare versions: DefinitionSummary[];
  declare problems: DeployProblem[];
  declare status: string;
  declare statusKind: StatusKind;
  declare busy: boolean;
  /** The deployed process the canvas shows (opened from the server or just deployed); the overlay's key. */
  declare openKey: string | undefined;
  declare overlayOn: boolean;
  private overlay: LiveOverlay | undefined;

  /** The bpmn-js modeler (public for tools and end-to-end tests). */
  modeler: Modeler | undefined;
  /** What the last import reported: warnings count, or the error that stopped it. */
  lastImport: { name: string; warnings: number; error?: string } | undefined;
  private fileName = 'diagram.bpmn';

  constructor() {
    super();
    this.definitions = [];
    this.versions = [];
    this.problems = [];
    this.status = '';
    this.statusKind = 'info';
    this.busy = false;
    this.openKey = undefined;
    this.overlayOn = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  override render() {
    return html`
      <tereze-modeler-toolbar
        .definitions=${this.definitions}
        .versions=${this.versions}
        ?busy=${this.busy}
        ?overlayOn=${this.overlayOn}
        @toggle-overlay=${this.toggleOverlay}
        @new-diagram=${() => this.importXml(newDiagramXml(), 'new diagram')}
        @import-xml=${(e: CustomEvent<{ xml: string; name: string }>) => this.importXml(e.detail.xml, e.detail.name)}
        @download=${this.download}
        @undo=${() => this.modeler?.get<CommandStack>('commandStack').undo()}
        @redo=${() => this.modeler?.get<CommandStack>('commandStack').redo()}
        @pick-key=${(e: CustomEvent<{ key: string }>) => this.loadVersions(e.detail.key)}
        @open-definition=${(e: CustomEvent<{ key: string; version?: number }>) => this.openDefinition(e.detail.key, e.detail.version)}
        @deploy=${this.deploy}
      ></tereze-modeler-toolbar>
      <div class="modeler-body">
        <div class="modeler-main">
          <div class="modeler-canvas"></div>
          <tereze-deploy-problems
            .problems=${this.problems}
            ?hidden=${!this.problems.length}
            @select-element=${(e: CustomEvent<{ elementId: string }>) => this.selectElement(e.detail.elementId)}
          ></tereze-deploy-problems>
        </div>
        <aside class="modeler-panel"></aside>
      </div>
      <div class="status" data-kind=${this.statusKind} role="status">${this.status}</div>
    `;
  }

  override firstUpdated() {
    this.modeler = createModeler(this.querySelector('.modeler-canvas') as HTMLElement, this.querySelector('.modeler-panel') as HTMLElement, {
      loadGroups: () => oversightApi.groups(this.api),
    });
    void this.importXml(newDiagramXml(), 'new diagram');
    void this.loadDefinitions();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopOverlay();
    this.modeler?.destroy();
    this.modeler = undefined;
  }

  async importXml(xml: string, name: string): Promise<void> {
    if (!this.modeler) return;
    this.problems = [];
    // Another diagram: the overlay belonged to the process shown until now.
    this.stopOverlay();
    this.openKey = undefined;
    try {
      clearProblems(this.modeler);
      const { warnings } = await this.modeler.importXML(xml);
      this.lastImport = { name, warnings: warnings.length };
      this.fileName = name.endsWith('.bpmn') ? name : `${name.replace(/[^\w.-]+/g, '_')}.bpmn`;
      fitBesidePalette(this.modeler.get<Canvas>('canvas'));
      this.setStatus(`Opened ${name}${warnings.length ? ` with ${warnings.length} import warnings` : ''}`, 'info');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastImport = { name, warnings: 0, error: message };
      this.setStatus(`Could not open ${name}: ${message}`, 'error');
    }
  }

  private async loadDefinitions() {
    try {
      this.definitions = await this.api.definitions();
    } catch (error) {
      this.fail('Could not list the deployed processes', error);
    }
  }

  private async loadVersions(key: string) {
    try {
      this.versions = await this.api.versions(key);
    } catch (error) {
      this.fail(`Could not list the versions of ${key}`, error);
    }
  }

  private async openDefinition(key: string, version?: number) {
    try {
      const xml = await this.api.definitionXml(key, version);
      await this.importXml(xml, `${key}${version ? ` v${version}` : ''}`);
      if (!this.lastImport?.error) this.openKey = key;
      this.fileName = `${key}.bpmn`;
    } catch (error) {
      this.fail(`Could not open ${key}`, error);
    }
  }

  private async download() {
    if (!this.modeler) return;
    const { xml } = await this.modeler.saveXML({ format: true });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([xml ?? ''], { type: 'application/xml' }));
    link.download = this.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
  }

  private async deploy() {
    if (!this.modeler) return;
    this.busy = true;
    try {
      const { xml } = await this.modeler.saveXML({ format: true });
      const result = await this.api.deploy(xml ?? '');
      clearProblems(this.modeler);
      if (result.ok) {
        this.problems = [];
        this.openKey = result.key;
        const what = result.created ? `Deployed ${result.key} as version ${result.version}` : `${result.key} is unchanged: still version ${result.version}`;
        this.setStatus(`${what}${result.warnings.length ? ` (${result.warnings.length} warnings)` : ''}`, 'ok');
        await this.loadDefinitions();
        await this.loadVersions(result.key);
      } else {
        this.problems = [...result.errors];
        const marked = showProblems(this.modeler, result.errors);
        this.setStatus(`Not deployed: ${result.errors.length} problems, ${marked.length} elements marked`, 'error');
      }
    } catch (error) {
      this.fail('Deploy failed', error);
    } finally {
      this.busy = false;
    }
  }

  /** The live overlay on or off: on needs a deployed process on the canvas. */
  private toggleOverlay() {
    if (this.overlayOn) {
      this.stopOverlay();
      this.setStatus('', 'info');
      return;
    }
    if (!this.modeler || !this.openKey) {
      this.setStatus(t('modeler.heatmapNeedsKey'), 'info');
      return;
    }
    const key = this.openKey;
    this.overlayOn = true;
    this.overlay = new LiveOverlay(this.modeler, this.api, key, (result) => {
      if ('error' in result) {
        const { error } = result;
        const message = error instanceof ApiError ? `${error.message} (${error.status})` : error instanceof Error ? error.message : String(error);
        this.setStatus(t('modeler.heatmapFailed', { key, message }), 'error');
      } else {
        this.setStatus(t('modeler.heatmapLoaded', { elements: result.drawn }), 'info');
      }
    }).start();
  }

  private stopOverlay() {
    this.overlay?.stop();
    this.overlay = undefined;
    this.overlayOn = false;
  }

  selectElement(id: string) {
    if (!this.modeler) return;
    const element = this.modeler.get<Registry>('elementRegistry').get(id);
    if (!element) return;
    this.modeler.get<Selection>('selection').select(element);
    this.modeler.get<Canvas>('canvas').scrollToElement(element);
  }

  private fail(what: string, error: unknown) {
    const message = error instanceof ApiError ? `${error.message} (${error.status})` : error instanceof Error ? error.message : String(error);
    this.setStatus(`${what}: ${message}`, 'error');
  }

  private setStatus(message: string, kind: StatusKind) {
    this.status = message;
    this.statusKind = kind;
  }
}

customElements.define('tereze-modeler-page', ModelerPage);
