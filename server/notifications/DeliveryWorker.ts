/**
 * The outbox worker: leases due notifications from the store, sends each to the applicant's
 * e-mail and phone, and records the outcome. At least once: a worker that dies mid-send leaves
 * the lease to expire and another one sends again, under the same idempotency key (the
 * notification id). Channels already delivered are not sent again on a retry.
 *
 * Never logs a contact or a text: only ids, kinds and outcomes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { NotFoundError, unitTextIn, type ApplicationOutcome, type DeliveryChannel, type DeliveryOutcome, type DeliveryRecord, type Engine, type NotificationKind } from '../../engine/index.js';
import type { ServiceStandard } from '../../processes/standard.js';
import type { Logger } from '../logger.js';
import type { ChannelSender } from './deliveryChannels.js';
import { localDate, noticeLanguage, noticeText, type NoticeFacts, type NoticeLanguage } from './messageTexts.js';
import { DEFAULT_RETRY, retryDelayMs, type RetrySchedule } from './retrySchedule.js';

export interface DeliveryWorkerOptions {
  readonly engine: Engine;
  /** The configured channels; one not configured leaves its notices pending. */
  readonly senders: readonly ChannelSender[];
  readonly services?: readonly ServiceStandard[];
  readonly logger: Logger;
  /** This worker's lease owner name; unique per process by default. */
  readonly owner?: string;
  readonly now?: () => Date;
  /** How long a leased notice is this worker's; longer than a send's timeouts. 60 s by default. */
  readonly leaseMs?: number;
  /** Notices leased at once. */
  readonly batch?: number;
  /** The pause between polls of an empty outbox. */
  readonly pollMs?: number;
  readonly retry?: RetrySchedule;
}

export interface DeliveryRound {
  readonly delivered: number;
  readonly retrying: number;
  readonly dead: number;
  readonly skipped: number;
  readonly waiting: number;
}

const CHANNEL_SETTINGS: Readonly<Record<DeliveryChannel, string>> = { email: 'SMTP_URL', sms: 'SMS_GATEWAY_URL' };

export class DeliveryWorker {
  private readonly owner: string;
  private readonly now: () => Date;
  private readonly retry: RetrySchedule;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private closed = false;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? (() => new Date());
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  /** Polls until closed; a round that leased a full batch polls again at once. */
  start(): void {
    const tick = async () => {
      if (this.closed) return;
      let full = false;
      try {
        const round = this.runOnce();
        this.running = round;
        const result = await round;
        full = result.delivered + result.retrying + result.dead + result.skipped + result.waiting >= (this.options.batch ?? 20);
      } catch (error) {
        this.options.logger.warn('notification delivery round failed', { error: (error as Error).message });
      }
      if (!this.closed) this.timer = setTimeout(() => void tick(), full ? 0 : (this.options.pollMs ?? 2_000));
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
    for (const sender of this.options.senders) sender.close?.();
  }

  /** One round: lease what is due, deliver each, record each outcome. */
  async runOnce(): Promise<DeliveryRound> {
    const now = this.now();
    const leased = await this.options.engine.outbox.acquireDeliveries({
      now: now.toISOString(),
      lockedUntil: new Date(now.getTime() + (this.options.leaseMs ?? 60_000)).toISOString(),
      owner: this.owner,
      limit: this.options.batch ?? 20,
    });
    const round = { delivered: 0, retrying: 0, dead: 0, skipped: 0, waiting: 0 };
    for (const record of leased) {
      const outcome = await this.deliver(record);
      const kept = await this.options.engine.outbox.settleDelivery(record.id, this.owner, outcome);
      if (!kept) {
        this.options.logger.warn('notification lease lost before its outcome was recorded', { notification: record.id });
        continue;
      }
      if (outcome.state === 'delivered') round.delivered++;
      else if (outcome.state === 'dead') round.dead++;
      else if (outcome.state === 'skipped') round.skipped++;
      else if (outcome.attempts > record.attempts) round.retrying++;
      else round.waiting++;
      this.options.logger.info('notification', { notification: record.id, kind: record.notification.kind, state: outcome.state, attempts: outcome.attempts });
    }
    return round;
  }

  private async deliver(record: DeliveryRecord): Promise<DeliveryOutcome> {
    const now = this.now();
    const at = now.toISOString();
    const n = record.notification;
    const base = { attempts: record.attempts, nextAttemptAt: record.nextAttemptAt, lastAttemptAt: at, sent: record.sent };
    let applicant: Record<string, unknown>;
    let serviceCode: string | undefined;
    try {
      const instance = await this.options.engine.instance(n.instanceId);
      applicant = instance.applicant ?? {};
      serviceCode = instance.serviceCode;
    } catch (error) {
      if (error instanceof NotFoundError) return { ...base, state: 'dead', lastError: `application ${n.instanceId} no longer exists` };
      throw error;
    }
    const targets = (
      [
        ['email', applicant['email']],
        ['sms', applicant['phone']],
      ] as const
    ).filter((t): t is readonly [DeliveryChannel, string] => typeof t[1] === 'string' && t[1].length > 0);
    if (!targets.length || !n.kind) return { ...base, state: 'skipped', lastError: 'the applicant gave no phone or e-mail' };

    const language = noticeLanguage(applicant['language']);
    // Read only for the notices that say where to come (a second read of the application).
    const place = PLACED_KINDS.has(n.kind) ? placeIn((await this.options.engine.outcome(n.instanceId)).counter, language) : undefined;
    const notice = noticeText(n.kind, language, { ...this.facts(n.trackingNumber, n.payload, serviceCode, language), ...(place ? { place } : {}) });
    const sent = { ...record.sent };
    const errors: string[] = [];
    const unconfigured: DeliveryChannel[] = [];
    let permanent = false;
    for (const [channel, to] of targets) {
      if (sent[channel]) continue;
      const sender = this.options.senders.find((s) => s.channel === channel);
      if (!sender) {
        unconfigured.push(channel);
        continue;
      }
      const result = await sender.send({ id: n.id, to, subject: notice.subject, text: notice.text, language });
      if (result.ok) sent[channel] = this.now().toISOString();
      else {
        errors.push(`${channel}: ${result.error}`);
        permanent ||= result.permanent;
      }
    }
    if (targets.every(([channel]) => sent[channel])) return { ...base, sent, state: 'delivered', deliveredAt: at };
    if (permanent) return { ...base, sent, attempts: record.attempts + 1, state: 'dead', lastError: errors.join('; ') };
    if (errors.length) {
      const attempts = record.attempts + 1;
      if (attempts >= this.retry.maxAttempts) return { ...base, sent, attempts, state: 'dead', lastError: `gave up after ${attempts} attempts: ${errors.join('; ')}` };
      return { ...base, sent, attempts, state: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(this.retry, attempts)).toISOString(), lastError: errors.join('; ') };
    }
    // Only channels nobody configured are left: the notice waits for them, it is not failed.
    const missing = unconfigured.map((c) => `${c === 'email' ? 'e-mail' : 'SMS'} is not configured (${CHANNEL_SETTINGS[c]})`).join('; ');
    return { ...base, sent, state: 'pending', nextAttemptAt: new Date(now.getTime() + this.retry.capMs).toISOString(), lastError: missing };
  }

  private facts(trackingNumber: string, payload: Record<string, unknown>, serviceCode: string | undefined, language: 'kk' | 'ru' | 'en'): NoticeFacts {
    const standard = this.options.services?.find((s) => s.code === serviceCode);
    const documents = Array.isArray(payload['requestedDocuments']) ? payload['requestedDocuments'].filter((d): d is string => typeof d === 'string') : [];
    return {
      trackingNumber,
      service: standard?.names[language] ?? serviceCode ?? '',
      ...(documents.length ? { documents } : {}),
      ...(standard?.documentsPauseDays ? { pauseDays: standard.documentsPauseDays } : {}),
      ...(typeof payload['dueAt'] === 'string' ? { dueDate: localDate(payload['dueAt']) } : {}),
      ...(typeof payload['days'] === 'number' ? { days: payload['days'] } : {}),
    };
  }
}

/** The notices whose text says where to come (messageTexts.ts, `place`). */
const PLACED_KINDS: ReadonlySet<NotificationKind> = new Set(['documentsNeeded', 'readyForCollection', 'uncollected']);

/** The counter's name and address in the applicant's language, as the directory gives them. */
function placeIn(counter: ApplicationOutcome['counter'], language: NoticeLanguage): string | undefined {
  if (!counter) return undefined;
  return [unitTextIn(counter, 'name', language), unitTextIn(counter, 'address', language)].filter(Boolean).join(', ');
}
