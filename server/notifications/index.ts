export { startNotifications, type NotificationChannels, type RunningNotifications } from './startNotifications.js';
export { DeliveryWorker, type DeliveryWorkerOptions, type DeliveryRound } from './DeliveryWorker.js';
export { emailSender, messageIdOf } from './EmailSender.js';
export { smsSender } from './SmsSender.js';
export { noticeText, NOTICE_LANGUAGES, type NoticeLanguage } from './messageTexts.js';
export { notificationRoutes } from './notifications.routes.js';
export { notificationHandlers } from './notifications.handlers.js';
export { ApplicantContact } from './applicantContact.js';
