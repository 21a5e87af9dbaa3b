export { NOTIFICATION_KINDS, isNotificationKind, notificationPayload, type NotificationKind } from './notificationKinds.js';
export { engineOutbox, NOTIFICATION_AUDIT_ACTIONS, type EngineOutbox } from './EngineOutbox.js';
