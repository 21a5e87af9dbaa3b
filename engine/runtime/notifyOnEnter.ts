import { notificationPayload } from '../notifications/notificationKinds.js';
import type { FlowNode } from '../model/types.js';
import type { Effect } from './events.js';

/** What of a run the hook needs (not Run itself: Run calls this, and imports form no cycle). */
export interface NotifyingRun {
  readonly state: { readonly variables: Readonly<Record<string, unknown>> };
  emit(effect: Effect): void;
}

/**
 * A node with `ps:notify` tells the applicant when a token enters it: an outbox notification
 * written in the same commit as the step (delivered later by the server's outbox worker).
 */
export function notifyOnEnter(run: NotifyingRun, node: FlowNode): void {
  if (!node.notify) return;
  run.emit({ type: 'notify', elementId: node.id, messageName: node.notify, kind: node.notify, payload: notificationPayload(node.notify, run.state.variables) });
}
