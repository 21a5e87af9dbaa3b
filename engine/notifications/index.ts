export { NOTIFICATION_KINDS, isNotificationKind, notificationPayload, type NotificationKind } from './notificationKinds.js';
