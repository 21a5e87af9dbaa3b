import type { ModdleElement } from '../model/parseXml.js';
import { NOTIFICATION_KINDS, isNotificationKind, type NotificationKind } from './notificationKinds.js';

/**
 * `ps:notify` on any flow node: entering it tells the applicant (an outbox notification in the
 * same commit). An unknown kind is a deploy error naming the element.
 */
export function readNotify(element: ModdleElement, id: string, report: (elementId: string, message: string) => void): NotificationKind | undefined {
  const raw = element.get('ps:notify');
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = String(raw).trim();
  if (isNotificationKind(value)) return value;
  report(id, `ps:notify '${value}' on ${id} must be one of ${NOTIFICATION_KINDS.join(', ')}`);
  return undefined;
}
