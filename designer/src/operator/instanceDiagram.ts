import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type { HistoryEntry } from '../../../engine/store/port.js';

/** What the instance page marks on its diagram. */
export interface DiagramMarks {
  /** Elements where a token rests now. */
  readonly tokens: readonly string[];
  readonly incidents: readonly { readonly elementId: string; readonly message: string }[];
  /** Elements the instance went through, from its history. */
  readonly visited: readonly string[];
}

interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(level: 'fit-viewport', center?: 'auto'): void;
  resized(): void;
}
interface Registry {
  get(id: string): unknown;
  filter(fn: (element: { type: string; businessObject?: { sourceRef?: { id: string }; targetRef?: { id: string } } }) => boolean): { id: string; businessObject: { sourceRef?: { id: string }; targetRef?: { id: string } } }[];
}
interface Overlays {
  add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement; scale?: { min?: number } }): string;
}

/** The elements an instance entered (history `enter`), and the flows it took between two of them. */
export function visitedElements(history: readonly HistoryEntry[]): string[] {
  return [...new Set(history.filter((h) => h.event === 'enter' || h.event === 'leave').map((h) => h.elementId))];
}

/**
 * Opens the instance's diagram read-only (pan and zoom): tokens marked, the way taken (flows
 * between visited elements) drawn, an incident's element in red with its error beside it;
 * fitted to its box, and again whenever the box changes size.
 */
export async function showInstance(container: HTMLElement, xml: string, marks: DiagramMarks): Promise<{ destroy(): void }> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get<Canvas>('canvas');
  const registry = viewer.get<Registry>('elementRegistry');
  const overlays = viewer.get<Overlays>('overlays');
  const visited = new Set(marks.visited);
  for (const id of visited) if (registry.get(id)) canvas.addMarker(id, 'op-visited');
  for (const flow of registry.filter((e) => e.type === 'bpmn:SequenceFlow')) {
    const { sourceRef, targetRef } = flow.businessObject;
    if (sourceRef && targetRef && visited.has(sourceRef.id) && visited.has(targetRef.id)) canvas.addMarker(flow.id, 'op-taken');
  }
  for (const id of marks.tokens) {
    if (!registry.get(id)) continue;
    canvas.addMarker(id, 'op-token');
    overlays.add(id, 'op-token', { position: { top: -10, left: -10 }, html: badge('op-token-badge', '●'), scale: { min: 1 } });
  }
  for (const incident of marks.incidents) {
    if (!registry.get(incident.elementId)) continue;
    canvas.addMarker(incident.elementId, 'op-incident');
    const note = badge('op-incident-note', incident.message);
    note.dataset.elementId = incident.elementId;
    overlays.add(incident.elementId, 'op-incident', { position: { bottom: -6, left: 0 }, html: note, scale: { min: 1 } });
  }
  const fit = () => {
    canvas.resized();
    canvas.zoom('fit-viewport', 'auto');
  };
  fit();
  const observer = new ResizeObserver(() => fit());
  observer.observe(container);
  return {
    destroy() {
      observer.disconnect();
      viewer.destroy();
    },
  };
}

function badge(className: string, text: string): HTMLElement {
  const element = document.createElement('div');
  element.className = className;
  element.textContent = text;
  element.title = text;
  return element;
}
