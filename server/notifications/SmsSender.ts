/**
 * SMS through a configurable HTTP gateway: POST JSON `{ phone, text, idempotencyKey }` with a
 * bearer token (and the key as an `Idempotency-Key` header too, for gateways that read it
 * there). 2xx: delivered; 4xx: the gateway refuses this message for good (a dead letter), except
 * 408 and 429, which pass; 5xx, a timeout or no answer: tried again later.
 */
import type { ChannelSender, OutgoingNotice, SendResult } from './deliveryChannels.js';

export interface SmsSettings {
  readonly url: string;
  readonly token?: string;
  /** 10 s by default. */
  readonly timeoutMs?: number;
}

export function smsSender(settings: SmsSettings): ChannelSender {
  const timeout = settings.timeoutMs ?? 10_000;
  return {
    channel: 'sms',
    async send(notice: OutgoingNotice): Promise<SendResult> {
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': notice.id,
            ...(settings.token ? { Authorization: `Bearer ${settings.token}` } : {}),
          },
          body: JSON.stringify({ phone: notice.to, text: notice.text, idempotencyKey: notice.id }),
          signal: AbortSignal.timeout(timeout),
        });
      } catch (error) {
        const name = (error as { name?: unknown }).name;
        return { ok: false, permanent: false, error: name === 'TimeoutError' ? `SMS gateway: no answer within ${timeout} ms` : `SMS gateway unreachable: ${(error as Error).message}` };
      }
      const body = (await response.text().catch(() => '')).slice(0, 200);
      if (response.ok) return { ok: true };
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      return { ok: false, permanent, error: `SMS gateway ${response.status}${body ? `: ${body}` : ''}` };
    },
  };
}
