import { logger } from '../../observability/logger';
import type { Audience, Delivery, DeliveryRepository, ShardSlice } from '../../ports/delivery-repository';
import { type MessageKind, type SmsMessage, SmsSendError, type SmsSender } from '../../ports/sms-sender';
import { DeliveryFeed } from './delivery-feed';
import { RateLimiter } from './rate-limiter';

export interface SendOptions {
  messageKey: string;
  /** The shard's slice of the delivery list; absent: the whole list. */
  slice?: ShardSlice;
  alertId: string;
  kind: MessageKind;
  /** The only audience this message may reach; a record planned for another one is refused, never sent. */
  audience: Audience;
  /** The composed text per language; a language without one falls back to `fallbackLanguage`. */
  bodies: ReadonlyMap<string, Pick<SmsMessage, 'body' | 'encoding' | 'segments'>>;
  fallbackLanguage: string;
  /** The account's SMS quota: it sets both the pace and the number of sends in flight. */
  ratePerSecond: number;
  /** How long a claimed phone stays reserved for this worker. */
  leaseSeconds?: number;
  /** Sends of one phone in this pass before a transient failure counts as a failure. */
  maxAttempts?: number;
  pageSize?: number;
  /** No new phone is claimed after this time (epoch ms); the caller runs another pass for the rest. */
  stopClaimingAt?: number;
  /**
   * Asked at most every `stillDueEveryMs` (default 1 s) whether the message must still go out (the alert was
   * not resolved meanwhile); once it answers false no phone is claimed any more, and the sends already in
   * flight finish before the pass returns `halted`. Unclaimed records stay PENDING.
   */
  stillDue?: () => Promise<boolean>;
  stillDueEveryMs?: number;
  /** Called at most every `progressEveryMs` with the running totals, never per message. */
  onProgress?: (totals: SendTotals) => Promise<void>;
  progressEveryMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** The rate limiter's clock (default: real time), so simulations can run on fake time. */
  pacing?: { now: () => number; sleep: (ms: number) => Promise<void> };
}

export interface SendTotals {
  /** Records read in this pass. */
  recipients: number;
  sent: number;
  failed: number;
  /** Records left neither SENT nor FAILED by this pass (held by another worker, unrecorded, not reached). */
  pending: number;
  ambiguousResent: number;
  /** Every record was read and none is left pending: nothing more to do for this message. */
  complete: boolean;
  /** The message stopped being due during the pass (`stillDue` answered false): nothing more to send. */
  halted: boolean;
}

const DEFAULT_PAGE_SIZE = 1000;
const RECORD_ATTEMPTS = 5;
const RETRY_BASE_MS = 50;

/**
 * Sends in flight for a quota: enough to keep the quota busy with publish latencies up to ~500 ms, bounded
 * so that a crash leaves at most this many ambiguous sends.
 */
export const sendConcurrency = (ratePerSecond: number) =>
  Math.max(4, Math.min(5000, Math.ceil(ratePerSecond / 2)));

/**
 * One pass over the delivery list of a message. SENT and FAILED records are counted, not sent again;
 * PENDING ones (and SENDING ones whose lease ran out: their worker died) are claimed with a conditional
 * write, sent under the rate limit, and recorded. Only the SMS send is retried (throttling, transient
 * errors, with back-off and full jitter); a failed record write is retried on its own and never causes a
 * second SMS. A record whose write kept failing stays SENDING until its lease ends: the next pass re-sends
 * it as ambiguous, since a missed alert is worse than a repeated one.
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
  const limiter = options.pacing
    ? new RateLimiter(options.ratePerSecond, options.pacing.now, options.pacing.sleep)
    : new RateLimiter(options.ratePerSecond);
  const key = options.messageKey;
  const totals: SendTotals = {
    recipients: 0,
    sent: 0,
    failed: 0,
    pending: 0,
    ambiguousResent: 0,
    complete: false,
    halted: false,
  };
  let stopped = false;
  let lastProgress = now().getTime();
  let reporting = false;

  const fail = async (phone: string, reason: string) => {
    // A lost lease: another worker holds the phone now, and its pass counts it.
    if (await deliveries.markFailed(key, phone, reason, false)) totals.failed++;
    else totals.pending++;
  };

  const recordSent = async (phone: string): Promise<boolean> => {
    for (let attempt = 1; ; attempt++) {
      try {
        // False: our lease ran out and another worker took the phone over; the record is theirs now.
        return await deliveries.markSent(key, phone, stamps().now);
      } catch {
        if (attempt >= RECORD_ATTEMPTS) return false;
        await sleep(Math.random() * Math.min(2000, 50 * 2 ** attempt));
      }
    }
  };

  // Timestamps to the 100 ms: formatting two ISO strings per phone was a large share of the sender's CPU
  // (and garbage) at thousands of sends per second; a lease of minutes does not need the millisecond.
  let stampAt = Number.NEGATIVE_INFINITY;
  let stamp = { now: '', lease: '' };
  const stamps = () => {
    const at = now().getTime();
    if (at - stampAt >= 100) {
      stampAt = at;
      stamp = { now: new Date(at).toISOString(), lease: new Date(at + leaseMs).toISOString() };
    }
    return stamp;
  };

  const deliver = async (record: Delivery): Promise<void> => {
    const { now: claimedAt, lease } = stamps();
    const claimed = await deliveries.claim(key, record.phone, lease, claimedAt);
    if (!claimed) {
      totals.pending++; // Held by a live worker, or finished since the page was read: the next pass tells.
      return;
    }
    if (claimed.audience !== options.audience) {
      // An exercise must never reach the public, nor a live alert be mistaken for a drill.
      await fail(claimed.phone, 'AUDIENCE_MISMATCH');
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
      } catch (error) {
        const retryable = error instanceof SmsSendError ? error.retryable : true;
        if (!retryable || attempt >= maxAttempts) {
          await fail(claimed.phone, error instanceof Error ? error.message : 'unknown');
          return;
        }
        // Full jitter: workers throttled together must not retry together. The base is short (first retry
        // within 100 ms): the limiter already paces the account, so a throttle is mostly a carrier's blip,
        // and a long first pause only stretches the tail of the broadcast.
        await sleep(Math.random() * Math.min(8000, RETRY_BASE_MS * 2 ** attempt));
        continue;
      }
      if (await recordSent(claimed.phone)) {
        totals.sent++;
        if (claimed.ambiguous) totals.ambiguousResent++;
      } else {
        totals.pending++;
      }
      return;
    }
  };

  const report = async () => {
    if (!options.onProgress || reporting) return;
    const at = now().getTime();
    if (at - lastProgress < (options.progressEveryMs ?? 5000)) return;
    reporting = true;
    lastProgress = at;
    try {
      await options.onProgress({ ...totals });
    } finally {
      reporting = false;
    }
  };

  // One check at a time: the worker whose turn it is waits for the answer, the others keep sending meanwhile
  // (a read every second costs no throughput), and all of them stop claiming once it says no.
  // The first check comes with the first claim: a later pass may start long after the status changed.
  let lastDueCheck = Number.NEGATIVE_INFINITY;
  let dueCheckRunning = false;
  const checkStillDue = async () => {
    if (!options.stillDue || totals.halted || dueCheckRunning) return;
    const at = now().getTime();
    if (at - lastDueCheck < (options.stillDueEveryMs ?? 1000)) return;
    lastDueCheck = at;
    dueCheckRunning = true;
    try {
      if (!(await options.stillDue())) totals.halted = true;
    } finally {
      dueCheckRunning = false;
    }
  };

  const feed = new DeliveryFeed(
    (cursor) => deliveries.page(key, cursor, options.pageSize ?? DEFAULT_PAGE_SIZE, options.slice),
    (items) => {
      totals.recipients += items.length;
      const due: Delivery[] = [];
      for (const item of items) {
        if (item.status === 'SENT') totals.sent++;
        else if (item.status === 'FAILED') totals.failed++;
        else due.push(item);
      }
      return due;
    },
  );
  let reachedEnd = false;
  const worker = async () => {
    while (!stopped) {
      if (options.stopClaimingAt !== undefined && now().getTime() >= options.stopClaimingAt) return;
      await checkStillDue();
      if (totals.halted) return;
      const item = await feed.next();
      if (!item) {
        reachedEnd = true;
        return;
      }
      await deliver(item);
      await report();
    }
  };
  try {
    await Promise.all(Array.from({ length: sendConcurrency(options.ratePerSecond) }, worker));
  } catch (error) {
    stopped = true; // The other workers claim nothing more; the caller's retry finishes the list.
    throw error;
  }
  totals.complete = !totals.halted && reachedEnd && totals.pending === 0;
  return totals;
}
