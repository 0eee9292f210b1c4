/**
 * The account's SMS quota in messages per second. Ops raise it with the SNS quota, without a redeploy: the
 * plan sizes the shards by it and each shard paces by its share.
 */
export interface SmsQuota {
  ratePerSecond(): Promise<number>;
}

/** A quota fixed by configuration (AMBER_SMS_RATE_PER_SECOND): the local platform and the tests. */
export const fixedSmsQuota = (ratePerSecond: number): SmsQuota => ({
  ratePerSecond: async () => ratePerSecond,
});
