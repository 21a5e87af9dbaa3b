import { BpmnModdle } from 'bpmn-moddle';
import { psDescriptor } from '../../engine/index.js';

/**
 * Generates the diagram (BPMN DI) of a process that has none, so the model opens and reads well
 * in the bpmn-js designer. A tool for the catalogue's scaffolding, not a build step.
 *
 * Why our own: bpmn-auto-layout 1.3 wrote two shapes for one gateway and left elements reached
 * only through a boundary event in a corner (tried on these models). The rules here are few:
 * - columns by longest path from the start events, ignoring back edges (loops found by DFS);
 * - rows in depth-first order: a node takes its parent's row, or the next free row in its
 *   column; what follows a boundary event starts a row below its host;
 * - boundary events sit on their host's bottom edge;
 * - flows are orthogonal: right → (vertical) → left; from a boundary event down then right;
 *   a back edge (a loop) runs below the whole diagram.
 * - an event sub-process (no flows in or out) is drawn expanded below all that, its inner
 *   elements in one row in flow order.
 * Labels are left to the designer (bpmn-js places them under events and gateways).
 */
const COLUMN = 160;
const ROW = 130;
const LEFT = 60;
const TOP = 60;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Element {
  id: string;
  $type: string;
  attachedToRef?: { id: string };
  sourceRef?: { id: string };
  targetRef?: { id: string };
  flowElements?: Element[];
  rootElements?: Element[];
  triggeredByEvent?: boolean;
}

function sizeOf(type: string): { w: number; h: number } {
  if (type.endsWith('Gateway')) return { w: 50, h: 50 };
  if (type.endsWith('Event')) return { w: 36, h: 36 };
  return { w: 100, h: 80 };
}

export async function layoutDiagram(xml: string): Promise<string> {
  if (xml.includes('bpmndi:BPMNDiagram')) throw new Error('the model already has a diagram');
  const moddle = new BpmnModdle({ ps: psDescriptor });
  const { rootElement } = (await moddle.fromXML(xml)) as unknown as { rootElement: Element };
  const process = (rootElement.rootElements ?? []).find((r) => r.$type === 'bpmn:Process');
  if (!process) throw new Error('no process to lay out');
  const isEventSubProcess = (e: Element) => e.$type === 'bpmn:SubProcess' && e.triggeredByEvent === true;
  const elements = process.flowElements ?? [];
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow' && !isEventSubProcess(e));
  const eventSubProcesses = elements.filter(isEventSubProcess);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, { flow: Element; to: string }[]>();
  for (const f of flows) out.set(f.sourceRef!.id, [...(out.get(f.sourceRef!.id) ?? []), { flow: f, to: f.targetRef!.id }]);
  const boundariesOf = (id: string) => nodes.filter((n) => n.attachedToRef?.id === id);

  // Back edges by DFS from the start events (boundary events hang off their host).
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const order: { id: string; parent?: string; viaBoundary: boolean }[] = [];
  const visit = (id: string, parent: string | undefined, viaBoundary: boolean) => {
    state.set(id, 'open');
    order.push({ id, ...(parent ? { parent } : {}), viaBoundary });
    for (const { flow, to } of out.get(id) ?? []) {
      if (state.get(to) === 'open') back.add(flow.id);
      else if (!state.has(to)) visit(to, id, byId.get(id)!.$type === 'bpmn:BoundaryEvent');
    }
    for (const b of boundariesOf(id)) if (!state.has(b.id)) visit(b.id, id, false);
    state.set(id, 'done');
  };
  for (const start of nodes.filter((n) => n.$type === 'bpmn:StartEvent')) if (!state.has(start.id)) visit(start.id, undefined, false);
  for (const n of nodes) if (!state.has(n.id)) visit(n.id, undefined, false);

  // Columns: longest path over forward edges; a boundary event shares its host's column.
  const column = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (let changed = true, guard = 0; changed && guard < nodes.length + 2; guard++) {
    changed = false;
    for (const n of nodes) {
      const host = n.attachedToRef?.id;
      if (host && column.get(n.id) !== column.get(host)) {
        column.set(n.id, column.get(host)!);
        changed = true;
      }
      for (const { flow, to } of out.get(n.id) ?? []) {
        if (back.has(flow.id)) continue;
        const want = column.get(n.id)! + 1;
        if (column.get(to)! < want) {
          column.set(to, want);
          changed = true;
        }
      }
    }
  }

  // Rows in DFS order.
  const row = new Map<string, number>();
  const taken = new Set<string>();
  for (const { id, parent, viaBoundary } of order) {
    const node = byId.get(id)!;
    if (node.attachedToRef) continue;
    let r = parent === undefined ? 0 : (row.get(parent) ?? 0) + (viaBoundary ? 1 : 0);
    while (taken.has(`${column.get(id)}:${r}`)) r++;
    row.set(id, r);
    taken.add(`${column.get(id)}:${r}`);
  }

  const boxes = new Map<string, Box>();
  for (const n of nodes) {
    if (n.attachedToRef) continue;
    const { w, h } = sizeOf(n.$type);
    const cx = LEFT + column.get(n.id)! * COLUMN + 50;
    const cy = TOP + row.get(n.id)! * ROW + 40;
    boxes.set(n.id, { x: cx - w / 2, y: cy - h / 2, w, h });
  }
  for (const n of nodes) {
    if (!n.attachedToRef) continue;
    const host = boxes.get(n.attachedToRef.id)!;
    const index = boundariesOf(n.attachedToRef.id).indexOf(n);
    boxes.set(n.id, { x: host.x + host.w - 46 - index * 40, y: host.y + host.h - 18, w: 36, h: 36 });
  }
  const bottom = Math.max(...[...boxes.values()].map((b) => b.y + b.h));

  let loop = 0;
  const edges = flows.map((f) => {
    const s = boxes.get(f.sourceRef!.id)!;
    const t = boxes.get(f.targetRef!.id)!;
    const sy = s.y + s.h / 2;
    const ty = t.y + t.h / 2;
    let points: [number, number][];
    if (back.has(f.id)) {
      const low = bottom + 40 + 20 * loop++;
      points = [[s.x + s.w / 2, s.y + s.h], [s.x + s.w / 2, low], [t.x + t.w / 2, low], [t.x + t.w / 2, t.y + t.h]];
    } else if (byId.get(f.sourceRef!.id)!.attachedToRef) {
      points = [[s.x + s.w / 2, s.y + s.h], [s.x + s.w / 2, ty], [t.x, ty]];
    } else if (sy === ty) {
      points = [[s.x + s.w, sy], [t.x, ty]];
    } else if (byId.get(f.sourceRef!.id)!.$type.endsWith('Gateway') && ty > sy) {
      // A gateway's branch leaves from its bottom corner, down, then right.
      points = [[s.x + s.w / 2, s.y + s.h], [s.x + s.w / 2, ty], [t.x, ty]];
    } else {
      const mx = t.x - 20;
      points = [[s.x + s.w, sy], [mx, sy], [mx, ty], [t.x, ty]];
    }
    const waypoints = points.map(([x, y]) => `        <di:waypoint x="${Math.round(x)}" y="${Math.round(y)}" />`).join('\n');
    return `      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">\n${waypoints}\n      </bpmndi:BPMNEdge>`;
  });
  const shapes = nodes.map((n) => {
    const b = boxes.get(n.id)!;
    const marker = n.$type === 'bpmn:ExclusiveGateway' ? ' isMarkerVisible="true"' : '';
    return `      <bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"${marker}>\n        <dc:Bounds x="${Math.round(b.x)}" y="${Math.round(b.y)}" width="${b.w}" height="${b.h}" />\n      </bpmndi:BPMNShape>`;
  });
  let top = bottom + 60 + 20 * back.size;
  for (const sub of eventSubProcesses) {
    const drawn = eventSubProcessShapes(sub, top);
    shapes.push(...drawn.shapes);
    edges.push(...drawn.edges);
    top = drawn.bottom + 40;
  }
  const diagram = `  <bpmndi:BPMNDiagram id="diagram_${process.id}">
    <bpmndi:BPMNPlane id="plane_${process.id}" bpmnElement="${process.id}">
${[...shapes, ...edges].join('\n')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
`;
  return xml.replace(/<\/bpmn:definitions>\s*$/, `${diagram}</bpmn:definitions>\n`);
}

/** An event sub-process drawn expanded at `top`: its elements in one row, in flow order from its start. */
function eventSubProcessShapes(sub: Element, top: number): { shapes: string[]; edges: string[]; bottom: number } {
  const inner = sub.flowElements ?? [];
  const flows = inner.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const nodes = inner.filter((e) => e.$type !== 'bpmn:SequenceFlow');
  const ordered: Element[] = [];
  const visit = (node: Element | undefined) => {
    if (!node || ordered.includes(node)) return;
    ordered.push(node);
    for (const f of flows.filter((f) => f.sourceRef!.id === node.id)) visit(nodes.find((n) => n.id === f.targetRef!.id));
  };
  for (const start of nodes.filter((n) => n.$type === 'bpmn:StartEvent')) visit(start);
  for (const n of nodes) visit(n);
  const height = 140;
  const cy = top + height / 2;
  const boxes = new Map<string, Box>();
  ordered.forEach((n, i) => {
    const { w, h } = sizeOf(n.$type);
    const cx = LEFT + 40 + i * COLUMN + 50;
    boxes.set(n.id, { x: cx - w / 2, y: cy - h / 2, w, h });
  });
  const width = 80 + Math.max(1, ordered.length) * COLUMN - (COLUMN - 100);
  const shape = (id: string, b: Box, extra = '') =>
    `      <bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"${extra}>\n        <dc:Bounds x="${Math.round(b.x)}" y="${Math.round(b.y)}" width="${b.w}" height="${b.h}" />\n      </bpmndi:BPMNShape>`;
  const shapes = [shape(sub.id, { x: LEFT, y: top, w: width, h: height }, ' isExpanded="true"'), ...ordered.map((n) => shape(n.id, boxes.get(n.id)!))];
  const edges = flows.map((f) => {
    const s = boxes.get(f.sourceRef!.id)!;
    const t = boxes.get(f.targetRef!.id)!;
    return `      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">\n        <di:waypoint x="${Math.round(s.x + s.w)}" y="${Math.round(cy)}" />\n        <di:waypoint x="${Math.round(t.x)}" y="${Math.round(cy)}" />\n      </bpmndi:BPMNEdge>`;
  });
  return { shapes, edges, bottom: top + height };
}
