/** How a notice leaves the server: one sender per channel, each answering in the same terms. */
import type { DeliveryChannel } from '../../engine/index.js';

export interface OutgoingNotice {
  /** The notification's id: the idempotency key every send carries. */
  readonly id: string;
  /** An e-mail address or a phone number (+7 and 10 digits). */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly language: string;
}

/** `permanent`: sending again cannot help (a refused number or mailbox): a dead letter at once. */
export type SendResult = { readonly ok: true } | { readonly ok: false; readonly permanent: boolean; readonly error: string };

export interface ChannelSender {
  readonly channel: DeliveryChannel;
  send(notice: OutgoingNotice): Promise<SendResult>;
  close?(): void;
}
