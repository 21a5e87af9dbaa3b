/**
 * E-mail through SMTP with nodemailer. The Message-ID carries the notification's id, so a
 * notice sent twice (a worker that died after the server accepted it) is one message to a
 * mail system that de-duplicates, and traceable to its notification anywhere.
 */
import type { Transporter } from 'nodemailer';
import type { ChannelSender, OutgoingNotice, SendResult } from './deliveryChannels.js';

export interface EmailSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  readonly url: string;
  readonly from: string;
  /** Connection, greeting and socket timeouts; 10 s by default. */
  readonly timeoutMs?: number;
}

export const MESSAGE_ID_DOMAIN = 'notifications.tereze';

export function messageIdOf(notificationId: string): string {
  return `<${notificationId}@${MESSAGE_ID_DOMAIN}>`;
}

export function emailSender(settings: EmailSettings): ChannelSender {
  const timeout = settings.timeoutMs ?? 10_000;
  // nodemailer is loaded with the first notice, not at every server start (a server without SMTP never needs it).
  let transport: Transporter | undefined;
  const open = async () => {
    const { default: nodemailer } = await import('nodemailer');
    return (transport ??= nodemailer.createTransport(settings.url, { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }));
  };
  return {
    channel: 'email',
    async send(notice: OutgoingNotice): Promise<SendResult> {
      try {
        await (await open()).sendMail({
          from: settings.from,
          to: notice.to,
          subject: notice.subject,
          text: notice.text,
          messageId: messageIdOf(notice.id),
          headers: { 'X-Idempotency-Key': notice.id, 'Content-Language': notice.language },
        });
        return { ok: true };
      } catch (error) {
        return failure(error);
      }
    },
    close: () => transport?.close(),
  };
}

/** A 5xx reply is the server's final word (no such mailbox); 4xx, a dropped connection or a timeout may pass. */
function failure(error: unknown): SendResult {
  const e = error as { responseCode?: unknown; code?: unknown; message?: unknown; response?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = String(e.response ?? e.message ?? error).slice(0, 300);
  if (code !== undefined) return { ok: false, permanent: code >= 500, error: `SMTP ${code}: ${text}` };
  return { ok: false, permanent: false, error: `SMTP ${typeof e.code === 'string' ? `${e.code}: ` : ''}${text}` };
}
