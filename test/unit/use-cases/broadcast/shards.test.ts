import {
  cutIntoRanges,
  MAX_SHARDS,
  shardCountFor,
  shardRate,
} from '../../../../lambdas/use-cases/broadcast/shards';
import { mobile } from '../../support/builders';
import { InMemoryDeliveryRepository } from '../../support/fakes';

const KEY = 'abcdefghjk#ALERT';

/** A planned list of `n` phones in phone order (as the DynamoDB sort key returns it). */
function plannedList(n: number) {
  const deliveries = new InMemoryDeliveryRepository(7);
  const phones = Array.from({ length: n }, (_, i) => mobile(i)).sort();
  deliveries.seed(
    KEY,
    ...phones.map((phone) => ({
      phone,
      language: 'sq',
      audience: 'PUBLIC' as const,
      status: 'PENDING' as const,
      attempts: 0,
    })),
  );
  return { deliveries, phones };
}

describe('shards', () => {
  test('one shard per 500/s of the quota, at least 1, at most 40', () => {
    expect(shardCountFor(1)).toBe(1);
    expect(shardCountFor(20)).toBe(1);
    expect(shardCountFor(501)).toBe(2);
    expect(shardCountFor(4000)).toBe(8);
    expect(shardCountFor(100_000)).toBe(MAX_SHARDS);
  });

  test('the shards share the quota without exceeding it', () => {
    for (const [rate, shards] of [
      [20, 1],
      [1500, 3],
      [4001, 9],
      [100_000, 40],
    ] as const) {
      expect(shardRate(rate, shards) * shards).toBeLessThanOrEqual(rate);
      expect(shardRate(rate, shards) * shards).toBeGreaterThan(rate - shards);
    }
  });

  test('cuts the list into equal phone ranges that cover every phone exactly once', async () => {
    const { deliveries, phones } = plannedList(23);
    const ranges = await cutIntoRanges(deliveries, KEY, 23, 4);
    expect(ranges).toHaveLength(4);
    expect(ranges[0]).toEqual({ to: phones[6] });
    expect(ranges.at(-1)).toEqual({ from: phones[18] });
    const inRange = (phone: string) =>
      ranges.filter((r) => (r.from === undefined || phone >= r.from) && (r.to === undefined || phone < r.to));
    for (const phone of phones) expect(inRange(phone)).toHaveLength(1);
    const sizes = ranges.map((r) => phones.filter((p) => inRange(p)[0] === r).length);
    expect(sizes).toEqual([6, 6, 6, 5]);
  });

  test('a list no longer than the shard count, or one shard, is one open range', async () => {
    const { deliveries } = plannedList(3);
    expect(await cutIntoRanges(deliveries, KEY, 3, 4)).toEqual([{}]);
    expect(await cutIntoRanges(deliveries, KEY, 3, 1)).toEqual([{}]);
  });
});
