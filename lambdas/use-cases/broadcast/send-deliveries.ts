import { logger } from '../../commons/logger';
import type { Audience, Delivery, DeliveryRepository } from '../../ports/delivery-repository';
import { type MessageKind, type SmsMessage, SmsSendError, type SmsSender } from '../../ports/sms-sender';
import { RateLimiter } from './rate-limiter';

export interface SendOptions {
  messageKey: string;
  alertId: string;
  kind: MessageKind;
  /** The only audience this message may reach; a record planned for another one is refused, never sent. */
  audience: Audience;
  /** The composed text per language; a language without one falls back to `fallbackLanguage`. */
  bodies: ReadonlyMap<string, Pick<SmsMessage, 'body' | 'encoding' | 'segments'>>;
  fallbackLanguage: string;
  ratePerSecond: number;
  /** How long a claimed phone stays reserved for this worker. */
  leaseSeconds?: number;
  maxAttempts?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface SendTotals {
  recipients: number;
  sent: number;
  failed: number;
  ambiguousResent: number;
}

const PAGE_SIZE = 500;

/**
 * One pass over the delivery list. Phones already SENT are counted, not sent again; PENDING ones (and
 * SENDING ones whose worker died) are claimed one by one with a conditional write, sent under the rate
 * limit, and recorded. Throttling and transient errors are retried here with backoff and jitter.
 */
export async function sendDeliveries(
  deliveries: DeliveryRepository,
  sms: SmsSender,
  options: SendOptions,
): Promise<SendTotals> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const leaseMs = (options.leaseSeconds ?? 120) * 1000;
  const maxAttempts = options.maxAttempts ?? 5;
  const limiter = new RateLimiter(options.ratePerSecond);
  const concurrency = Math.max(1, Math.min(64, Math.ceil(options.ratePerSecond / 2)));
  const totals: SendTotals = { recipients: 0, sent: 0, failed: 0, ambiguousResent: 0 };

  const deliver = async (record: Delivery): Promise<void> => {
    const claimed = await deliveries.claim(
      options.messageKey,
      record.phone,
      new Date(now().getTime() + leaseMs).toISOString(),
      now().toISOString(),
    );
    if (!claimed) return; // Another worker holds it or already finished it.
    if (claimed.audience !== options.audience) {
      // An exercise must never reach the public, nor a live alert be mistaken for a drill.
      await deliveries.markFailed(options.messageKey, claimed.phone, 'AUDIENCE_MISMATCH', false);
      totals.failed++;
      logger.error('Refused a delivery planned for another audience', {
        alertId: options.alertId,
        expected: options.audience,
        planned: claimed.audience,
      });
      return;
    }
    const text = options.bodies.get(claimed.language) ?? options.bodies.get(options.fallbackLanguage);
    if (!text) throw new Error(`No message composed for ${options.fallbackLanguage}`);
    for (let attempt = 1; ; attempt++) {
      await limiter.take();
      try {
        await sms.send({ to: claimed.phone, kind: options.kind, alertId: options.alertId, ...text });
        await deliveries.markSent(options.messageKey, claimed.phone, now().toISOString());
        totals.sent++;
        if (claimed.ambiguous) totals.ambiguousResent++;
        return;
      } catch (error) {
        const retryable = error instanceof SmsSendError ? error.retryable : true;
        if (!retryable || attempt >= maxAttempts) {
          const reason = error instanceof Error ? error.message : 'unknown';
          await deliveries.markFailed(options.messageKey, claimed.phone, reason, false);
          totals.failed++;
          logger.warn('SMS not delivered', { alertId: options.alertId, reason, attempts: attempt });
          return;
        }
        // Full jitter: workers throttled together must not retry together.
        await sleep(Math.random() * Math.min(8000, 200 * 2 ** attempt));
      }
    }
  };

  let cursor: string | undefined;
  do {
    const page = await deliveries.page(options.messageKey, cursor, PAGE_SIZE);
    cursor = page.next;
    totals.recipients += page.items.length;
    const due: Delivery[] = [];
    for (const item of page.items) {
      if (item.status === 'SENT') totals.sent++;
      else if (item.status === 'FAILED') totals.failed++;
      else due.push(item);
    }
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const item = due[next++];
        if (item) await deliver(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  } while (cursor);
  return totals;
}
