import Modeler from 'bpmn-js/lib/Modeler';
import { html } from 'lit';
import { ApiError, type ApiClient, type DefinitionSummary, type DeployProblem } from '../api/ApiClient.js';
import { catalogueApi, type CatalogueEntry } from '../api/catalogueApi.js';
import { oversightApi } from '../api/oversightApi.js';
import { LocalizedElement, onLanguageChange, t } from '../i18n/i18n.js';
import { createModeler } from './createModeler.js';
import { LiveOverlay } from './liveOverlay.js';
import { newDiagramXml } from './newDiagram.js';
import { clearProblems, showProblems } from './problemMarkers.js';
import { elementFacts, versionDiff, type ModdleNode, type VersionDiff } from './diff/index.js';
import type { DeployPlan } from './DeployConfirm.js';
import './CatalogueHome.js';
import './DeployConfirm.js';
import './DeployProblems.js';
import './ModelerToolbar.js';
import './VersionChanges.js';

type StatusKind = 'info' | 'ok' | 'error';

interface Selection { select(element: unknown): void }
interface Registry { get(id: string): { businessObject?: { name?: string } } | undefined }
interface Moddle { fromXML(xml: string, type?: string): Promise<{ rootElement: unknown }> }
interface Markers { addMarker(id: string, marker: string): void }
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
interface EventBus { fire(event: string): void; on(event: string, listener: () => void): void }
/** The status line's text, worked out at render time so that it follows a language switch. */
type StatusText = () => string;

/**
 * The modeler page: toolbar, canvas, properties panel, deploy problems and a status line.
 * It renders into the light DOM because bpmn-js and its panel are styled by document CSS.
 * The page fetches (definitions, XML, deploy); the toolbar and the problem list only emit.
 * A language switch re-renders the toolbar, the status line and the problem list, and refreshes
 * the properties panel (the "Public service" group; bpmn-js' own labels stay English).
 */
export class ModelerPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    definitions: { state: true },
    versions: { state: true },
    problems: { state: true },
    status: { state: true },
    statusKind: { state: true },
    busy: { state: true },
    openKey: { state: true },
    opened: { state: true },
    overlayOn: { state: true },
    catalogue: { state: true },
    catalogueError: { state: true },
    homeOpen: { state: true },
    changes: { state: true },
    deployPlan: { state: true },
  };

  declare api: ApiClient;
  declare definitions: DefinitionSummary[];
  declare versions: DefinitionSummary[];
  declare problems: DeployProblem[];
  declare status: StatusText;
  declare statusKind: StatusKind;
  declare busy: boolean;
  /** The deployed process the canvas shows (opened from the server or just deployed); the overlay's key. */
  declare openKey: string | undefined;
  /** The deployed version on the canvas, for the toolbar's selects (undefined: a new or imported diagram). */
  declare opened: { key: string; version?: number } | undefined;
  declare overlayOn: boolean;
  /** The designer's home (`GET /api/catalogue`): undefined while it loads. */
  declare catalogue: CatalogueEntry[] | undefined;
  declare catalogueError: string | undefined;
  /** The home covers the canvas until a diagram is opened or made, and again from the toolbar. */
  declare homeOpen: boolean;
  /** What the opened version changed from the one before it (marked on the canvas too). */
  declare changes: { diff: VersionDiff; version: number; against: number } | undefined;
  /** Set while the deploy confirmation is open. */
  declare deployPlan: DeployPlan | undefined;
  /** Edits since the diagram was opened or deployed: New and Open ask before discarding them. */
  dirty = false;
  /** Whether a diagram was opened or made by the designer (the first blank one is not). */
  private hasDiagram = false;
  private overlay: LiveOverlay | undefined;

  /** The bpmn-js modeler (public for tools and end-to-end tests). */
  modeler: Modeler | undefined;
  /** What the last import reported: warnings count, or the error that stopped it. */
  lastImport: { name: string; warnings: number; error?: string } | undefined;
  private fileName = 'diagram.bpmn';
  private unsubscribePanel: (() => void) | undefined;

  constructor() {
    super();
    this.definitions = [];
    this.versions = [];
    this.problems = [];
    this.status = () => '';
    this.statusKind = 'info';
    this.busy = false;
    this.openKey = undefined;
    this.opened = undefined;
    this.overlayOn = false;
    this.catalogue = undefined;
    this.catalogueError = undefined;
    this.homeOpen = true;
    this.changes = undefined;
    this.deployPlan = undefined;
  }

  protected override createRenderRoot() {
    return this;
  }

  override render() {
    return html`
      <tereze-modeler-toolbar
        .definitions=${this.definitions}
        .versions=${this.versions}
        .opened=${this.opened}
        ?busy=${this.busy}
        ?overlayOn=${this.overlayOn}
        @toggle-overlay=${this.toggleOverlay}
        @show-home=${this.showHome}
        @new-diagram=${this.newDiagram}
        @import-xml=${(e: CustomEvent<{ xml: string; name: string }>) => this.mayDiscard() && this.importXml(e.detail.xml, e.detail.name)}
        @download=${this.download}
        @undo=${() => this.modeler?.get<CommandStack>('commandStack').undo()}
        @redo=${() => this.modeler?.get<CommandStack>('commandStack').redo()}
        @pick-key=${(e: CustomEvent<{ key: string }>) => this.loadVersions(e.detail.key)}
        @open-definition=${(e: CustomEvent<{ key: string; version?: number }>) => this.mayDiscard() && this.openDefinition(e.detail.key, e.detail.version)}
        @deploy=${this.deploy}
      ></tereze-modeler-toolbar>
      <div class="modeler-body">
        <div class="modeler-main">
          <div class="modeler-canvas"></div>
          <tereze-version-changes
            .diff=${this.changes?.diff}
            .version=${this.changes?.version ?? 0}
            .against=${this.changes?.against ?? 0}
            ?hidden=${!this.changes}
            @select-element=${(e: CustomEvent<{ elementId: string }>) => this.selectElement(e.detail.elementId)}
          ></tereze-version-changes>
          <tereze-deploy-problems
            .problems=${this.problems}
            .labelOf=${(id: string) => this.elementLabel(id)}
            ?hidden=${!this.problems.length}
            @select-element=${(e: CustomEvent<{ elementId: string }>) => this.selectElement(e.detail.elementId)}
          ></tereze-deploy-problems>
        </div>
        <aside class="modeler-panel"></aside>
        <tereze-catalogue-home
          class="modeler-home"
          ?hidden=${!this.homeOpen}
          ?canClose=${this.hasDiagram}
          .entries=${this.catalogue}
          .error=${this.catalogueError}
          @new-diagram=${this.newDiagram}
          @close-home=${() => (this.homeOpen = false)}
          @open-version=${(e: CustomEvent<{ key: string; version: number }>) => this.mayDiscard() && this.openDefinition(e.detail.key, e.detail.version)}
        ></tereze-catalogue-home>
      </div>
      <tereze-deploy-confirm .plan=${this.deployPlan} @confirm-deploy=${this.confirmDeploy} @cancel-deploy=${() => (this.deployPlan = undefined)}></tereze-deploy-confirm>
      <div class="status" data-kind=${this.statusKind} role="status">${this.status()}</div>
    `;
  }

  override firstUpdated() {
    this.modeler = createModeler(this.querySelector('.modeler-canvas') as HTMLElement, this.querySelector('.modeler-panel') as HTMLElement, {
      loadGroups: () => oversightApi.groups(this.api),
    }, { validate: (xml) => this.api.validate(xml) });
    this.modeler.get<EventBus>('eventBus').on('commandStack.changed', () => (this.dirty = true));
    void this.importXml(newDiagramXml(), () => t('modeler.newDiagramName'), { keepHome: true });
    void this.loadDefinitions();
    void this.loadCatalogue();
    // The panel is preact inside bpmn-js: asking it to re-run the providers redraws the selection's groups.
    // The overlay's badges are redrawn (their words) by fetching again.
    this.unsubscribePanel = onLanguageChange(() => {
      this.modeler?.get<EventBus>('eventBus').fire('propertiesPanel.providersChanged');
      void this.overlay?.refresh();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribePanel?.();
    this.stopOverlay();
    this.modeler?.destroy();
    this.modeler = undefined;
  }

  /** Opens `xml` on the canvas; `name` (a file's, a key's, or one said in the UI's language) names it in the status line. */
  async importXml(xml: string, label: string | (() => string), options: { keepHome?: boolean } = {}): Promise<void> {
    if (!this.modeler) return;
    if (!options.keepHome) {
      this.homeOpen = false;
      this.hasDiagram = true;
    }
    this.changes = undefined;
    const nameNow = typeof label === 'string' ? () => label : label;
    const name = nameNow();
    this.problems = [];
    // Another diagram: the overlay belonged to the process shown until now.
    this.stopOverlay();
    this.openKey = undefined;
    this.opened = undefined;
    try {
      clearProblems(this.modeler);
      const { warnings } = await this.modeler.importXML(xml);
      this.dirty = false;
      this.lastImport = { name, warnings: warnings.length };
      this.fileName = name.endsWith('.bpmn') ? name : `${name.replace(/[^\w.-]+/g, '_')}.bpmn`;
      fitBesidePalette(this.modeler.get<Canvas>('canvas'));
      this.setStatus(() => (warnings.length ? t('modeler.openedWarnings', { name: nameNow(), count: warnings.length }) : t('modeler.opened', { name: nameNow() })), 'info');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastImport = { name, warnings: 0, error: message };
      this.setStatus(() => t('modeler.openFailed', { name: nameNow(), message }), 'error');
    }
  }

  private async loadDefinitions() {
    try {
      this.definitions = await this.api.definitions();
    } catch (error) {
      this.fail((message) => t('modeler.listFailed', { message }), error);
    }
  }

  private async loadVersions(key: string) {
    try {
      this.versions = await this.api.versions(key);
    } catch (error) {
      this.fail((message) => t('modeler.versionsFailed', { key, message }), error);
    }
  }

  private async openDefinition(key: string, version?: number) {
    try {
      const xml = await this.api.definitionXml(key, version);
      await this.importXml(xml, () => (version ? `${key} ${t('modeler.versionOption', { version })}` : key));
      if (!this.lastImport?.error) {
        this.openKey = key;
        // The toolbar's process and version selects show what is open, also when opened from the home.
        if (!this.versions.some((v) => v.key === key)) await this.loadVersions(key);
        this.opened = { key, version: version ?? Math.max(0, ...this.versions.filter((v) => v.key === key).map((v) => v.version)) };
        await this.showChangesFromPrevious(key, version);
      }
      this.fileName = `${key}.bpmn`;
    } catch (error) {
      this.fail((message) => t('modeler.definitionFailed', { key, message }), error);
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

  /** Deploy asks first, with what changes from the version deployed now. */
  private async deploy() {
    if (!this.modeler) return;
    try {
      const key = this.canvasProcessKey();
      if (!key) return void (await this.deployNow());
      const latest = await this.latestVersion(key);
      const elements = elementFacts(this.modeler.getDefinitions() as ModdleNode).size;
      const diff = latest ? versionDiff(await this.factsOfVersion(key, latest), elementFacts(this.modeler.getDefinitions() as ModdleNode)) : undefined;
      this.deployPlan = { key, latest, elements, ...(diff ? { diff } : {}) };
    } catch (error) {
      this.fail((message) => t('modeler.deployFailed', { message }), error);
    }
  }

  private async confirmDeploy() {
    this.deployPlan = undefined;
    await this.deployNow();
  }

  private async deployNow() {
    if (!this.modeler) return;
    this.busy = true;
    try {
      const { xml } = await this.modeler.saveXML({ format: true });
      const result = await this.api.deploy(xml ?? '');
      clearProblems(this.modeler);
      if (result.ok) {
        this.problems = [];
        this.openKey = result.key;
        const { key, version, created } = result;
        const count = result.warnings.length;
        this.setStatus(() => {
          const what = created ? t('modeler.deployed', { key, version }) : t('modeler.unchanged', { key, version });
          return count ? t('modeler.deployWarnings', { what, count }) : what;
        }, 'ok');
        this.dirty = false;
        await this.loadDefinitions();
        await this.loadVersions(result.key);
        void this.loadCatalogue();
      } else {
        this.problems = [...result.errors];
        const marked = showProblems(this.modeler, result.errors);
        const problems = result.errors.length;
        this.setStatus(() => t('modeler.notDeployed', { problems, marked: marked.length }), 'error');
      }
    } catch (error) {
      this.fail((message) => t('modeler.deployFailed', { message }), error);
    } finally {
      this.busy = false;
    }
  }

  /** The live overlay on or off: on needs a deployed process on the canvas. */
  private toggleOverlay() {
    if (this.overlayOn) {
      this.stopOverlay();
      this.setStatus(() => '', 'info');
      return;
    }
    if (!this.modeler || !this.openKey) {
      this.setStatus(() => t('modeler.heatmapNeedsKey'), 'info');
      return;
    }
    const key = this.openKey;
    this.overlayOn = true;
    this.overlay = new LiveOverlay(this.modeler, this.api, key, (result) => {
      if ('error' in result) {
        const { error } = result;
        const message = error instanceof ApiError ? `${error.message} (${error.status})` : error instanceof Error ? error.message : String(error);
        this.setStatus(() => t('modeler.heatmapFailed', { key, message }), 'error');
      } else {
        const elements = result.drawn;
        this.setStatus(() => t('modeler.heatmapLoaded', { elements }), 'info');
      }
    }).start();
  }

  private stopOverlay() {
    this.overlay?.stop();
    this.overlay = undefined;
    this.overlayOn = false;
  }

  private async loadCatalogue() {
    try {
      this.catalogue = await catalogueApi.catalogue(this.api);
      this.catalogueError = undefined;
    } catch (error) {
      this.catalogueError = t('home.failed', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  private showHome() {
    this.homeOpen = true;
    void this.loadCatalogue();
  }

  private newDiagram() {
    if (this.mayDiscard()) void this.importXml(newDiagramXml(), () => t('modeler.newDiagramName'));
  }

  /** True when nothing unsaved would be lost, or the designer says to go on. */
  mayDiscard(): boolean {
    return !this.dirty || window.confirm(t('modeler.discardEdits'));
  }

  /** The id of the first executable process on the canvas: what the deploy will version. */
  private canvasProcessKey(): string | undefined {
    const roots = ((this.modeler?.getDefinitions() as ModdleNode | undefined)?.['rootElements'] as ModdleNode[] | undefined) ?? [];
    const processes = roots.filter((r) => r.$type === 'bpmn:Process');
    return (processes.find((p) => p['isExecutable']) ?? processes[0])?.id;
  }

  /** The newest deployed version of `key`, 0 when it was never deployed. */
  private async latestVersion(key: string): Promise<number> {
    try {
      return (await this.api.versions(key))[0]?.version ?? 0;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return 0;
      throw error;
    }
  }

  private async factsOfVersion(key: string, version: number) {
    const xml = await this.api.definitionXml(key, version);
    const { rootElement } = await this.modeler!.get<Moddle>('moddle').fromXML(xml, 'bpmn:Definitions');
    return elementFacts(rootElement as ModdleNode);
  }

  /** Lists and marks what `version` (the latest when not given) changed from the version before it. */
  private async showChangesFromPrevious(key: string, version: number | undefined) {
    if (!this.modeler) return;
    try {
      const opened = version ?? (await this.latestVersion(key));
      if (opened < 2) return;
      const diff = versionDiff(await this.factsOfVersion(key, opened - 1), elementFacts(this.modeler.getDefinitions() as ModdleNode));
      const canvas = this.modeler.get<Markers>('canvas');
      const registry = this.modeler.get<Registry>('elementRegistry');
      for (const change of diff.added) if (registry.get(change.id)) canvas.addMarker(change.id, 'ps-diff-added');
      for (const change of diff.changed) if (registry.get(change.id)) canvas.addMarker(change.id, 'ps-diff-changed');
      this.changes = { diff, version: opened, against: opened - 1 };
    } catch (error) {
      this.fail((message) => t('diff.failed', { message }), error);
    }
  }

  /** An element's name for the problem list, its id when it has none. */
  private elementLabel(id: string): string {
    return this.modeler?.get<Registry>('elementRegistry').get(id)?.businessObject?.name || id;
  }

  selectElement(id: string) {
    if (!this.modeler) return;
    const element = this.modeler.get<Registry>('elementRegistry').get(id);
    if (!element) return;
    this.modeler.get<Selection>('selection').select(element);
    this.modeler.get<Canvas>('canvas').scrollToElement(element);
  }

  private fail(text: (message: string) => string, error: unknown) {
    const message = error instanceof ApiError ? `${error.message} (${error.status})` : error instanceof Error ? error.message : String(error);
    this.setStatus(() => text(message), 'error');
  }

  private setStatus(text: StatusText, kind: StatusKind) {
    this.status = text;
    this.statusKind = kind;
  }
}

customElements.define('tereze-modeler-page', ModelerPage);
