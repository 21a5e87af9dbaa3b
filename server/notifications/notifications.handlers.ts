import type { DeliveryRecord, Engine } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { notificationRoutes } from './notifications.routes.js';
import type { NotificationChannels } from './startNotifications.js';

const NONE: NotificationChannels = { email: false, sms: false };

export function notificationHandlers({ engine, notifications }: AppDeps): RouteHandlers<typeof notificationRoutes> {
  const channels = notifications ?? NONE;
  return {
    async status() {
      const counts = await engine.outbox.countDeliveries();
      const problem = problemOf(channels);
      return { status: 200, body: { channels, counts, ...(problem ? { problem } : {}) } };
    },
    async list({ query }) {
      const records = await engine.outbox.listDeliveries({ state: query.state, limit: query.limit });
      return { status: 200, body: await Promise.all(records.map((r) => view(engine, r))) };
    },
    async retry({ params, user }) {
      const record = await engine.outbox.retryDeadLetter(params.id, { by: user.id });
      return { status: 200, body: await view(engine, record) };
    },
  };
}

/** What operators must know when notices cannot go out, in words. */
export function problemOf(channels: NotificationChannels): string | undefined {
  if (!channels.email && !channels.sms) return 'no channel is configured (SMTP_URL and SMTP_FROM, SMS_GATEWAY_URL): notices stay pending';
  if (!channels.email) return 'e-mail is not configured (SMTP_URL and SMTP_FROM): notices by e-mail stay pending';
  if (!channels.sms) return 'SMS is not configured (SMS_GATEWAY_URL): notices by SMS stay pending';
  return undefined;
}

async function view(engine: Engine, r: DeliveryRecord) {
  const n = r.notification;
  const applicant = await engine.instance(n.instanceId).then((i) => i.applicant ?? {}, () => ({}) as Record<string, unknown>);
  const recipients: { channel: 'email' | 'sms'; to: string; sentAt?: string }[] = [];
  const email = applicant['email'];
  const phone = applicant['phone'];
  if (typeof email === 'string') recipients.push({ channel: 'email', to: maskEmail(email), ...(r.sent.email ? { sentAt: r.sent.email } : {}) });
  if (typeof phone === 'string') recipients.push({ channel: 'sms', to: maskPhone(phone), ...(r.sent.sms ? { sentAt: r.sent.sms } : {}) });
  return {
    id: r.id,
    kind: n.kind!,
    instanceId: n.instanceId,
    trackingNumber: n.trackingNumber,
    createdAt: n.at,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    ...(r.lastAttemptAt ? { lastAttemptAt: r.lastAttemptAt } : {}),
    ...(r.lastError ? { lastError: r.lastError } : {}),
    ...(r.deliveredAt ? { deliveredAt: r.deliveredAt } : {}),
    ...(r.requeued ? { requeued: r.requeued } : {}),
    recipients,
  };
}

/** +77011234567 → +7 701 *** ** 67 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 ? `+7 ${digits.slice(1, 4)} *** ** ${digits.slice(9)}` : '***';
}

/** aigerim@mail.kz → a***@mail.kz */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
}
