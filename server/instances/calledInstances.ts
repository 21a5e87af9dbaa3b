import type { Engine, InstanceView } from '../../engine/index.js';

export interface CalledInstance {
  /** The call activity that started it. */
  readonly elementId: string;
  readonly instanceId: string;
  readonly key: string;
  readonly state: InstanceView['state'];
  readonly trackingNumber: string;
  readonly startedAt: string;
}

/** Pages of 1,000 read per called process at most: an instance's children start after it, so the window is short. */
const MAX_PAGES = 10;

/**
 * The instances an instance's call activities started, running or finished, for the operator's
 * drill-down: those whose `parent` is this instance, among the instances of each called process
 * started since this one (a child never starts before its caller). Each is tied to its call
 * activity through the parent token's history (the token that entered the call activity).
 */
export async function calledInstances(engine: Engine, instance: InstanceView, history: readonly { elementId: string; tokenId?: string }[]): Promise<CalledInstance[]> {
  const [key, version] = [instance.key, Number(instance.definitionId.slice(instance.key.length + 1))];
  const graph = (await engine.definition(key, version)).graph;
  const calls = Object.values(graph.nodes).filter((n) => n.calledElement);
  const elementOfToken = new Map<string, string>();
  for (const entry of history) if (entry.tokenId && calls.some((c) => c.id === entry.elementId)) elementOfToken.set(entry.tokenId, entry.elementId);
  for (const token of instance.tokens) if (calls.some((c) => c.id === token.elementId)) elementOfToken.set(token.id, token.elementId);
  const found: CalledInstance[] = [];
  for (const calledKey of new Set(calls.map((c) => c.calledElement!))) {
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items, total } = await engine.listInstances({ key: calledKey, startedFrom: instance.startedAt, offset: page * 1000, limit: 1000 });
      for (const child of items) {
        if (child.parent?.instanceId !== instance.id) continue;
        found.push({ elementId: elementOfToken.get(child.parent.tokenId) ?? '', instanceId: child.id, key: child.key, state: child.state, trackingNumber: child.trackingNumber, startedAt: child.startedAt });
      }
      if ((page + 1) * 1000 >= total) break;
    }
  }
  return found.sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
}
