import type { ShardSlice } from '../../ports/delivery-repository';

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
 * The shards of one message: as many as the quota needs, but a single one for a list no longer than that
 * count (a shard per phone or two would only start idle Lambdas). `expected` is an estimate, known before
 * planning: the shard count decides each record's partition, so it is fixed before the first is written.
 */
export const shardCountForList = (ratePerSecond: number, expected: number) => {
  const count = shardCountFor(ratePerSecond);
  return expected <= count ? 1 : count;
};

/**
 * What the workflow passes to a shard's worker: numbers only. Which phones are the shard's follows from the
 * numbers (shardOf), so no phone number ever enters the workflow's state or history.
 */
export type ShardDescriptor = ShardSlice;
