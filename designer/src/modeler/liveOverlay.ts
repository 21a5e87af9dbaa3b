import type Modeler from 'bpmn-js/lib/Modeler';
import type { ApiClient } from '../api/ApiClient.js';
import { LiveEvents } from '../api/LiveEvents.js';
import { oversightApi, type HeatmapCell } from '../api/oversightApi.js';
import { t } from '../i18n/i18n.js';

export const HEATMAP_OVERLAY = 'ps-heatmap';
/** How often the overlay fetches again while it is on (task events also refresh it at once). */
export const HEATMAP_REFRESH_MS = 10_000;

export type HeatState = 'overdue' | 'at-risk' | 'active';

interface Registry { get(id: string): unknown }
interface Overlays {
  add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement; scale?: boolean | { min?: number; max?: number } }): string;
  remove(filter: { type: string }): void;
}

/** The worst state of a cell: overdue > at risk > active; undefined when nothing is there. */
export function heatState(cell: HeatmapCell): HeatState | undefined {
  if (cell.overdue > 0) return 'overdue';
  if (cell.atRisk > 0) return 'at-risk';
  if (cell.active > 0) return 'active';
  return undefined;
}

/** The badge of one element: the active count first, then at risk / overdue in words. */
export function heatBadge(cell: HeatmapCell): HTMLElement {
  const badge = document.createElement('div');
  badge.className = 'ps-heat';
  badge.dataset.elementId = cell.elementId;
  badge.dataset.state = heatState(cell) ?? 'active';
  const summary = t('modeler.heatmapCell', { active: cell.active, atRisk: cell.atRisk, overdue: cell.overdue });
  badge.title = summary;
  badge.setAttribute('role', 'img');
  badge.setAttribute('aria-label', summary);
  const part = (cls: string, text: string) => {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    badge.append(span);
  };
  part('ps-heat-active', String(cell.active));
  if (cell.atRisk > 0) part('ps-heat-risk', t('modeler.heatAtRisk', { count: cell.atRisk }));
  if (cell.overdue > 0) part('ps-heat-overdue', t('modeler.heatOverdue', { count: cell.overdue }));
  return badge;
}

/** Draws the cells on the modeler's elements (replacing what was drawn); returns how many were drawn. */
export function drawHeatmap(modeler: Modeler, cells: readonly HeatmapCell[]): number {
  const overlays = modeler.get<Overlays>('overlays');
  const registry = modeler.get<Registry>('elementRegistry');
  overlays.remove({ type: HEATMAP_OVERLAY });
  let drawn = 0;
  for (const cell of cells) {
    if (!heatState(cell) || !registry.get(cell.elementId)) continue;
    // Never drawn smaller than its text: a zoomed-out process stays readable.
    overlays.add(cell.elementId, HEATMAP_OVERLAY, { position: { bottom: 12, left: -12 }, html: heatBadge(cell), scale: { min: 1 } });
    drawn += 1;
  }
  return drawn;
}

export function clearHeatmap(modeler: Modeler): void {
  modeler.get<Overlays>('overlays').remove({ type: HEATMAP_OVERLAY });
}

/**
 * The live overlay of one deployed process: fetches `GET /api/definitions/:key/heatmap` now,
 * every 10 s, and on each task event of `/api/events`; `stop()` removes the badges.
 */
export class LiveOverlay {
  private timer: ReturnType<typeof setInterval> | undefined;
  private events: LiveEvents | undefined;
  private eventTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private inFlight = false;

  constructor(
    private readonly modeler: Modeler,
    private readonly api: ApiClient,
    readonly key: string,
    private readonly report: (result: { drawn: number } | { error: unknown }) => void,
  ) {}

  start(): this {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), HEATMAP_REFRESH_MS);
    this.events = new LiveEvents(() => {
      // A burst of task events (one commit changes several tasks) is one fetch.
      clearTimeout(this.eventTimer);
      this.eventTimer = setTimeout(() => void this.refresh(), 250);
    }).start();
    return this;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.eventTimer);
    this.events?.close();
    clearHeatmap(this.modeler);
  }

  async refresh(): Promise<void> {
    if (this.stopped || this.inFlight) return;
    this.inFlight = true;
    try {
      const cells = await oversightApi.heatmap(this.api, this.key);
      if (this.stopped) return;
      this.report({ drawn: drawHeatmap(this.modeler, cells) });
    } catch (error) {
      if (!this.stopped) this.report({ error });
    } finally {
      this.inFlight = false;
    }
  }
}
