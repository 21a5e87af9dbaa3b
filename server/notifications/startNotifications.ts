/**
 * The server's part of telling applicants: the configured channels (server/env.ts) and the
 * outbox worker that uses them. No channel configured: no worker, and every notice stays
 * pending in the store until one is (the operators' page and /api/health say so).
 */
import type { Engine } from '../../engine/index.js';
import type { ServiceStandard } from '../../processes/standard.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import type { ChannelSender } from './deliveryChannels.js';
import { DeliveryWorker } from './DeliveryWorker.js';
import { emailSender } from './EmailSender.js';
import { smsSender } from './SmsSender.js';

/** Which channels this server delivers through. */
export interface NotificationChannels {
  readonly email: boolean;
  readonly sms: boolean;
}

export interface RunningNotifications {
  readonly channels: NotificationChannels;
  close(): Promise<void>;
}

export function startNotifications(
  env: Pick<Env, 'SMTP_URL' | 'SMTP_FROM' | 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_TOKEN'>,
  engine: Engine,
  services: readonly ServiceStandard[],
  logger: Logger,
): RunningNotifications {
  const senders: ChannelSender[] = [];
  if (env.SMTP_URL && env.SMTP_FROM) senders.push(emailSender({ url: env.SMTP_URL, from: env.SMTP_FROM }));
  if (env.SMS_GATEWAY_URL) senders.push(smsSender({ url: env.SMS_GATEWAY_URL, ...(env.SMS_GATEWAY_TOKEN ? { token: env.SMS_GATEWAY_TOKEN } : {}) }));
  const channels = { email: senders.some((s) => s.channel === 'email'), sms: senders.some((s) => s.channel === 'sms') };
  if (!senders.length) {
    logger.warn('applicants are not notified: set SMTP_URL and SMTP_FROM, or SMS_GATEWAY_URL; notices stay pending until then');
    return { channels, close: async () => {} };
  }
  const worker = new DeliveryWorker({ engine, senders, services, logger });
  worker.start();
  logger.info('notifying applicants', channels as unknown as Record<string, unknown>);
  return { channels, close: () => worker.close() };
}
