import type Modeler from 'bpmn-js/lib/Modeler';
import type { DeployProblem } from '../api/ApiClient.js';
import { sayProblem } from './lint/problemWords.js';

export const PROBLEM_MARKER = 'ps-deploy-error';

/** The ids marked per modeler, to unmark them on the next deploy or import. */
const marked = new WeakMap<Modeler, string[]>();

interface Registry { get(id: string): unknown }
interface Canvas { addMarker(id: string, marker: string): void; removeMarker(id: string, marker: string): void }
interface Overlays { add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string; remove(filter: { type: string }): void }

/** Marks each element the server named, with the messages as the badge's tooltip; returns the ids marked. */
export function showProblems(modeler: Modeler, problems: readonly DeployProblem[]): string[] {
  clearProblems(modeler);
  const registry = modeler.get<Registry>('elementRegistry');
  const canvas = modeler.get<Canvas>('canvas');
  const overlays = modeler.get<Overlays>('overlays');
  const byElement = new Map<string, string[]>();
  for (const problem of problems) {
    if (!problem.elementId || !registry.get(problem.elementId)) continue;
    byElement.set(problem.elementId, [...(byElement.get(problem.elementId) ?? []), sayProblem(problem.code, problem.message, problem.detail)]);
  }
  for (const [id, messages] of byElement) {
    canvas.addMarker(id, PROBLEM_MARKER);
    const badge = document.createElement('div');
    badge.className = 'ps-error-badge';
    badge.dataset.elementId = id;
    badge.textContent = String(messages.length);
    badge.title = messages.join('\n');
    overlays.add(id, PROBLEM_MARKER, { position: { top: -10, right: 10 }, html: badge });
  }
  const ids = [...byElement.keys()];
  marked.set(modeler, ids);
  return ids;
}

export function clearProblems(modeler: Modeler): void {
  const canvas = modeler.get<Canvas>('canvas');
  const registry = modeler.get<Registry>('elementRegistry');
  for (const id of marked.get(modeler) ?? []) if (registry.get(id)) canvas.removeMarker(id, PROBLEM_MARKER);
  modeler.get<Overlays>('overlays').remove({ type: PROBLEM_MARKER });
  marked.delete(modeler);
}

