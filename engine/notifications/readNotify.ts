import type { ModdleElement } from '../model/parseXml.js';
import { say, type Report } from '../model/problemTexts.js';
import { NOTIFICATION_KINDS, isNotificationKind, type NotificationKind } from './notificationKinds.js';

/**
 * `ps:notify` on any flow node: entering it tells the applicant (an outbox notification in the
 * same commit). An unknown kind is a deploy error naming the element.
 */
export function readNotify(element: ModdleElement, id: string, report: Report): NotificationKind | undefined {
  const raw = element.get('ps:notify');
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = String(raw).trim();
  if (isNotificationKind(value)) return value;
  report(id, say('attribute.notify', { value, id, allowed: NOTIFICATION_KINDS.join(', ') }));
  return undefined;
}
