import { shardOf } from '../../../../lambdas/domain/delivery-shards';
import {
  MAX_SHARDS,
  shardCountFor,
  shardCountForList,
  shardRate,
} from '../../../../lambdas/use-cases/broadcast/shards';
import { mobile } from '../../support/builders';

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

  test('a list no longer than the shard count goes out as one shard', () => {
    expect(shardCountForList(4000, 8)).toBe(1);
    expect(shardCountForList(4000, 9)).toBe(8);
    expect(shardCountForList(20, 1_000_000)).toBe(1);
  });
});

describe('shardOf', () => {
  const phones = Array.from({ length: 40_000 }, (_, i) => mobile(i));

  test('puts every phone in exactly one shard, the same one every time', () => {
    for (const phone of phones.slice(0, 1000)) {
      const shard = shardOf(phone, 8);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(8);
      expect(Number.isInteger(shard)).toBe(true);
      expect(shardOf(phone, 8)).toBe(shard);
    }
    expect(shardOf(mobile(1), 1)).toBe(0);
  });

  test('gives each shard an even share of consecutive numbers, at every shard count', () => {
    for (const count of [2, 3, 8, 40]) {
      const sizes = new Array<number>(count).fill(0);
      for (const phone of phones) sizes[shardOf(phone, count)] = (sizes[shardOf(phone, count)] ?? 0) + 1;
      const even = phones.length / count;
      for (const size of sizes) expect(Math.abs(size - even) / even).toBeLessThan(0.1);
    }
  });
});
