import { notificationPayload } from '../notifications/notificationKinds.js';
import type { FlowNode } from '../model/types.js';
import type { Run } from './Run.js';

/**
 * A node with `ps:notify` tells the applicant when a token enters it: an outbox notification
 * written in the same commit as the step (delivered later by the server's outbox worker).
 */
export function notifyOnEnter(run: Run, node: FlowNode): void {
  if (!node.notify) return;
  run.emit({ type: 'notify', elementId: node.id, messageName: node.notify, kind: node.notify, payload: notificationPayload(node.notify, run.state.variables) });
}
