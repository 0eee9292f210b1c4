export type DeliveryStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * Whom a delivery is for: the public (a live alert's subscribers) or the drill group (an exercise). Fixed
 * when the plan is written; the sender refuses a record whose audience does not match the alert's mode.
 */
export type Audience = 'PUBLIC' | 'DRILL';

export interface PlannedRecipient {
  phone: string;
  language: string;
  audience: Audience;
}

export interface Delivery {
  /** `${alertId}#${messageId}`: ALERT, CANCELLATION, UPDATE-2 … */
  messageKey: string;
  phone: string;
  language: string;
  audience: Audience;
  status: DeliveryStatus;
  attempts: number;
  leaseUntil?: string;
  sentAt?: string;
  error?: string;
  /** A send that was in flight when a worker died, then sent again. */
  ambiguous?: boolean;
}

export interface DeliveryPage {
  items: Delivery[];
  next?: string;
}

/**
 * One shard of a message's delivery list: the phones whose `shardOf(phone, of)` (lambdas/domain/delivery-shards.ts)
 * is `shard`. Each shard's records live in a partition of their own, so a shard reads and writes only its own,
 * and the message's writes are spread over `of` partitions instead of one.
 */
export interface ShardSlice {
  shard: number;
  of: number;
}

/** One shard's running totals, kept so that every shard can report the progress of the whole message. */
export interface ShardTotals {
  shard: number;
  sent: number;
  failed: number;
  ambiguousResent: number;
}

export interface DeliveryRepository {
  /** Records PENDING deliveries; an existing record for a phone is left as it is. Returns how many were new. */
  plan(messageKey: string, recipients: readonly PlannedRecipient[]): Promise<number>;
  /** The records of a message page by page (in phone order within a shard), or only those of one shard. */
  page(messageKey: string, cursor?: string, pageSize?: number, slice?: ShardSlice): Promise<DeliveryPage>;
  /** PENDING (or SENDING under an expired lease) → SENDING with a lease. False when another worker holds it. */
  claim(messageKey: string, phone: string, leaseUntil: string, now: string): Promise<Delivery | undefined>;
  /**
   * SENDING → SENT. False when the lease was lost: the record is no longer SENDING (its lease ran out and
   * another worker took the phone over, or it was finished meanwhile), and nothing was written.
   */
  markSent(messageKey: string, phone: string, now: string): Promise<boolean>;
  /** SENDING → FAILED, or back to PENDING when `retryable`. False (nothing written) when the lease was lost. */
  markFailed(messageKey: string, phone: string, error: string, retryable: boolean): Promise<boolean>;
  /** Shard bookkeeping; a repository without it (a test fake) broadcasts every message as one shard. */
  readonly shards?: ShardLedger;
}

/**
 * The layout (how many shards) and running totals of a message's shards, kept beside its delivery list. The
 * layout is saved before the first record is planned, since it decides the partition of every record.
 */
export interface ShardLedger {
  /** Records the shard count unless the message has one already; returns the count in force (first wins). */
  saveLayout(messageKey: string, shards: number): Promise<number>;
  /** The message's shard count, or undefined before its layout is saved (then it is one shard). */
  shardsOf(messageKey: string): Promise<number | undefined>;
  /** Stores one shard's totals and returns the latest totals of every shard of the message. */
  recordTotals(messageKey: string, totals: ShardTotals): Promise<ShardTotals[]>;
  /**
   * Forgets the shards' totals once the message is finished. The layout stays (a number, no personal data):
   * follow-up messages and the retention purge find the message's partitions through it.
   */
  clearTotals(messageKey: string): Promise<void>;
}
