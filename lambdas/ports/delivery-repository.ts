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
 * A slice of a message's delivery list in phone order: `from` (inclusive) up to `to` (exclusive); an
 * absent bound is open. The shards of a broadcast are such slices, so a shard reads only its own records.
 */
export interface PhoneRange {
  from?: string;
  to?: string;
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
  /** The records of a message in phone order, optionally only those within `range`. */
  page(messageKey: string, cursor?: string, pageSize?: number, range?: PhoneRange): Promise<DeliveryPage>;
  /** PENDING (or SENDING under an expired lease) → SENDING with a lease. False when another worker holds it. */
  claim(messageKey: string, phone: string, leaseUntil: string, now: string): Promise<Delivery | undefined>;
  markSent(messageKey: string, phone: string, now: string): Promise<void>;
  markFailed(messageKey: string, phone: string, error: string, retryable: boolean): Promise<void>;
  /** Shard bookkeeping; a repository without it (a test fake) broadcasts every message as one shard. */
  readonly shards?: ShardLedger;
}

/**
 * The layout and running totals of a message's shards, kept beside its delivery list. Phone ranges stay
 * in the table: the workflow's state carries only shard numbers, never phone numbers.
 */
export interface ShardLedger {
  /** Records the layout unless the message has one already; returns the layout in force (first wins). */
  saveLayout(messageKey: string, ranges: readonly PhoneRange[]): Promise<PhoneRange[]>;
  /** The phone range of one shard, or undefined if the message has no layout (one shard: everything). */
  rangeOf(messageKey: string, shard: number): Promise<PhoneRange | undefined>;
  /** Stores one shard's totals and returns the latest totals of every shard of the message. */
  recordTotals(messageKey: string, totals: ShardTotals): Promise<ShardTotals[]>;
  /** Forgets the layout and totals once the message is finished: the ranges' bounds are phone numbers. */
  clear(messageKey: string): Promise<void>;
}
