import type { DeliveryRepository, PhoneRange } from '../../ports/delivery-repository';

/**
 * What one send worker (one Lambda invocation) sustains: ~250 publishes in flight at SNS latencies of
 * 30–100 ms. The account's quota is split evenly between the shards, so each runs at quota / shards.
 */
export const SHARD_RATE_PER_SECOND = 500;
/** A Step Functions inline Map runs at most 40 iterations at once; more would only queue. */
export const MAX_SHARDS = 40;

/** Shards for the account's SMS quota (AMBER_SMS_RATE_PER_SECOND): 1 at the default 20/s, 40 at 20,000/s. */
export const shardCountFor = (ratePerSecond: number) =>
  Math.max(1, Math.min(MAX_SHARDS, Math.ceil(ratePerSecond / SHARD_RATE_PER_SECOND)));

/** One shard's share of the quota: together the shards never exceed it. */
export const shardRate = (ratePerSecond: number, shards: number) =>
  Math.max(1, Math.floor(ratePerSecond / Math.max(1, shards)));

/**
 * What the workflow passes to a shard's worker: numbers only. The phone range of the shard is read from
 * the shard ledger, so no phone number ever enters the workflow's state or history.
 */
export interface ShardDescriptor {
  shard: number;
  /** How many shards the message has: each runs at quota / of. */
  of: number;
}

/**
 * Cuts a planned delivery list (in phone order) into `count` ranges of equal size, with one pass that
 * keeps only the boundary phones: even shards finish together, so the quota stays busy to the end.
 */
export async function cutIntoRanges(
  deliveries: DeliveryRepository,
  messageKey: string,
  planned: number,
  count: number,
): Promise<PhoneRange[]> {
  if (count <= 1 || planned <= count) return [{}];
  const size = Math.ceil(planned / count);
  const boundaries: string[] = [];
  let seen = 0;
  let cursor: string | undefined;
  do {
    const page = await deliveries.page(messageKey, cursor, 1000);
    for (const d of page.items) {
      if (seen > 0 && seen % size === 0) boundaries.push(d.phone);
      seen++;
    }
    cursor = page.next;
  } while (cursor);
  return Array.from({ length: boundaries.length + 1 }, (_, i) => {
    const from = boundaries[i - 1];
    const to = boundaries[i];
    return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  });
}
