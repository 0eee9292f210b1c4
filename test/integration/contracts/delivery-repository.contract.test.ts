import { randomUUID } from 'node:crypto';
import { SimulatedDeliveries } from '../../../bench/broadcast/sim-deliveries';
import { phoneOf } from '../../../bench/broadcast/sim-registry';
import { DynamoDeliveryRepository } from '../../../lambdas/adapters/dynamodb/delivery-repository';
import { shardOf } from '../../../lambdas/domain/delivery-shards';
import type { Delivery, DeliveryRepository, ShardSlice } from '../../../lambdas/ports/delivery-repository';
import { InMemoryDeliveryRepository } from '../../unit/support/fakes';
import { tablesOnDynalite } from '../support/dynalite-tables';

/**
 * What the broadcast use cases (plan-broadcast, send-deliveries, send-shard) rely on from a delivery list, run
 * against every implementation they meet: the unit tests' fake, the DynamoDB adapter on dynalite (DynamoDB's
 * own request validation and condition evaluation), and the bench's simulation of a million phones.
 */
// Requests to dynalite take milliseconds, or seconds on a busy machine.
jest.setTimeout(30_000);
const dynamo = tablesOnDynalite();

const implementations: [string, () => DeliveryRepository][] = [
  ['in-memory fake', () => new InMemoryDeliveryRepository()],
  [
    'DynamoDB adapter on dynalite',
    () => new DynamoDeliveryRepository(dynamo.documents, dynamo.names.deliveriesTable),
  ],
  // Phones of the simulated registry index its typed arrays: phoneOf(i) for i below the size.
  ['bench simulation', () => new SimulatedDeliveries(200)],
];

const NOW = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T10:05:00.000Z';
const LEASE = '2026-12-01T10:02:00.000Z';
const phones = (n: number) => Array.from({ length: n }, (_, i) => phoneOf(i + 1));
const recipients = (list: readonly string[], audience: 'PUBLIC' | 'DRILL' = 'PUBLIC') =>
  list.map((phone, i) => ({ phone, language: i % 2 === 0 ? 'sq' : 'en', audience }));

async function readAll(repo: DeliveryRepository, key: string, pageSize: number, slice?: ShardSlice) {
  const read: Delivery[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await repo.page(key, cursor, pageSize, slice);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    read.push(...page.items);
    cursor = page.next;
    pages++;
    if (pages > 100) throw new Error('The cursor never ends');
  } while (cursor);
  return read;
}

const find = async (repo: DeliveryRepository, key: string, phone: string) =>
  (await readAll(repo, key, 100)).find((d) => d.phone === phone);

describe.each(implementations)('DeliveryRepository contract: %s', (_name, make) => {
  let repo: DeliveryRepository;
  let key: string;
  beforeEach(() => {
    repo = make();
    key = `${randomUUID()}#ALERT`;
  });

  describe('plan', () => {
    test('records every phone PENDING with its language and audience, and counts the new ones', async () => {
      await expect(repo.plan(key, recipients(phones(3), 'DRILL'))).resolves.toBe(3);
      const read = await readAll(repo, key, 10);
      expect(
        read.map(({ phone, language, audience, status, attempts, messageKey }) => ({
          phone,
          language,
          audience,
          status,
          attempts,
          messageKey,
        })),
      ).toEqual(
        recipients(phones(3), 'DRILL').map((r) => ({
          ...r,
          status: 'PENDING',
          attempts: 0,
          messageKey: key,
        })),
      );
    });

    test('a phone planned already keeps its record (a retried plan step creates nothing)', async () => {
      await repo.plan(key, recipients(phones(2)));
      const [first = ''] = phones(1);
      await repo.claim(key, first, LEASE, NOW);
      await repo.markSent(key, first, NOW);
      await expect(repo.plan(key, recipients(phones(3)))).resolves.toBe(1);
      expect((await find(repo, key, first))?.status).toBe('SENT');
    });

    test('an empty list plans nothing', async () => {
      await expect(repo.plan(key, [])).resolves.toBe(0);
      expect(await readAll(repo, key, 10)).toEqual([]);
    });
  });

  describe('pages', () => {
    test('the cursor walks the whole list once, in pages no larger than asked', async () => {
      await repo.plan(key, recipients(phones(23)));
      const read = await readAll(repo, key, 5);
      expect(read.map((d) => d.phone).sort()).toEqual(phones(23).sort());
    });

    test('another message’s list is not read', async () => {
      await repo.plan(key, recipients(phones(4)));
      await repo.plan(`${key}-OTHER`, recipients(phones(2)));
      expect(await readAll(repo, `${key}-OTHER`, 10)).toHaveLength(2);
      expect(await readAll(repo, key, 10)).toHaveLength(4);
    });

    test('a shard’s slice gives exactly the phones of that shard, whether or not a layout was saved', async () => {
      if (repo.shards) await expect(repo.shards.saveLayout(key, 3)).resolves.toBe(3);
      await repo.plan(key, recipients(phones(30)));
      const seen: string[] = [];
      for (const shard of [0, 1, 2]) {
        const mine = (await readAll(repo, key, 4, { shard, of: 3 })).map((d) => d.phone);
        expect(mine.every((phone) => shardOf(phone, 3) === shard)).toBe(true);
        expect(mine.every((_, i) => mine.indexOf(mine[i] ?? '') === i)).toBe(true);
        seen.push(...mine);
      }
      expect(seen.sort()).toEqual(phones(30).sort());
      // A slice laid out otherwise than the list (a layout changed by a redeploy) still partitions it.
      const other = (await readAll(repo, key, 7, { shard: 1, of: 2 })).map((d) => d.phone).sort();
      expect(other).toEqual(
        phones(30)
          .filter((phone) => shardOf(phone, 2) === 1)
          .sort(),
      );
    });
  });

  describe('claims and leases', () => {
    const [phone = ''] = phones(1);
    beforeEach(async () => {
      await repo.plan(key, recipients([phone]));
    });

    test('a PENDING record is claimed once: SENDING under the lease, one more attempt, not ambiguous', async () => {
      const claimed = await repo.claim(key, phone, LEASE, NOW);
      expect(claimed).toMatchObject({
        messageKey: key,
        phone,
        language: 'sq',
        audience: 'PUBLIC',
        status: 'SENDING',
        attempts: 1,
        ambiguous: false,
      });
      expect(claimed?.leaseUntil && Date.parse(claimed.leaseUntil)).toBe(Date.parse(LEASE));
      // Another worker, while the lease runs: refused.
      await expect(repo.claim(key, phone, LEASE, NOW)).resolves.toBeUndefined();
      expect((await find(repo, key, phone))?.status).toBe('SENDING');
    });

    test('a SENDING record whose lease ran out is taken over and flagged ambiguous', async () => {
      await repo.claim(key, phone, LEASE, NOW);
      const taken = await repo.claim(key, phone, '2026-12-01T10:07:00.000Z', LATER);
      expect(taken).toMatchObject({ status: 'SENDING', attempts: 2, ambiguous: true });
      expect((await find(repo, key, phone))?.ambiguous).toBe(true);
    });

    test('a finished record, or a phone not planned, is never claimed', async () => {
      await repo.claim(key, phone, LEASE, NOW);
      await repo.markSent(key, phone, NOW);
      await expect(repo.claim(key, phone, LEASE, LATER)).resolves.toBeUndefined();
      await expect(repo.claim(key, phoneOf(150), LEASE, NOW)).resolves.toBeUndefined();
    });

    test('markSent: SENDING → SENT under the lease; true', async () => {
      await repo.claim(key, phone, LEASE, NOW);
      await expect(repo.markSent(key, phone, NOW)).resolves.toBe(true);
      const stored = await find(repo, key, phone);
      expect(stored?.status).toBe('SENT');
      expect(stored?.leaseUntil).toBeUndefined();
    });

    test('a lost lease is reported as false, never as a database error, and writes nothing', async () => {
      // Not claimed (or finished meanwhile): the record is not this worker's to write.
      await expect(repo.markSent(key, phone, NOW)).resolves.toBe(false);
      await expect(repo.markFailed(key, phone, 'InvalidParameterException', false)).resolves.toBe(false);
      expect((await find(repo, key, phone))?.status).toBe('PENDING');
      await repo.claim(key, phone, LEASE, NOW);
      await repo.markSent(key, phone, NOW);
      await expect(repo.markSent(key, phone, LATER)).resolves.toBe(false);
      await expect(repo.markFailed(key, phone, 'InvalidParameterException', true)).resolves.toBe(false);
      expect((await find(repo, key, phone))?.status).toBe('SENT');
    });

    test('markFailed: FAILED for good, or PENDING again (claimable) when retryable', async () => {
      await repo.claim(key, phone, LEASE, NOW);
      await expect(repo.markFailed(key, phone, 'Throttling', true)).resolves.toBe(true);
      expect((await find(repo, key, phone))?.status).toBe('PENDING');
      await expect(repo.claim(key, phone, LEASE, NOW)).resolves.toMatchObject({ attempts: 2 });
      await expect(repo.markFailed(key, phone, 'InvalidParameterException', false)).resolves.toBe(true);
      expect((await find(repo, key, phone))?.status).toBe('FAILED');
      await expect(repo.claim(key, phone, LEASE, LATER)).resolves.toBeUndefined();
    });
  });
});

// The fake has no ledger: without one, every message is broadcast as one shard.
const ledgers = implementations.filter(([, make]) => make().shards !== undefined);

describe.each(ledgers)('ShardLedger contract: %s', (_name, make) => {
  let repo: DeliveryRepository;
  let key: string;
  const ledger = () => {
    if (!repo.shards) throw new Error('No shard ledger');
    return repo.shards;
  };
  beforeEach(() => {
    repo = make();
    key = `${randomUUID()}#ALERT`;
  });

  test('no layout before one is saved; the first layout wins', async () => {
    await expect(ledger().shardsOf(key)).resolves.toBeUndefined();
    await expect(ledger().saveLayout(key, 4)).resolves.toBe(4);
    await expect(ledger().saveLayout(key, 9)).resolves.toBe(4);
    await expect(ledger().shardsOf(key)).resolves.toBe(4);
  });

  test('each shard’s latest totals are read back; clearing them keeps the layout', async () => {
    await ledger().saveLayout(key, 2);
    await ledger().recordTotals(key, { shard: 0, sent: 1, failed: 0, ambiguousResent: 0 });
    await ledger().recordTotals(key, { shard: 1, sent: 5, failed: 1, ambiguousResent: 1 });
    const totals = await ledger().recordTotals(key, { shard: 0, sent: 3, failed: 2, ambiguousResent: 0 });
    expect([...totals].sort((a, b) => a.shard - b.shard)).toEqual([
      { shard: 0, sent: 3, failed: 2, ambiguousResent: 0 },
      { shard: 1, sent: 5, failed: 1, ambiguousResent: 1 },
    ]);
    await ledger().clearTotals(key);
    await expect(
      ledger().recordTotals(key, { shard: 1, sent: 6, failed: 1, ambiguousResent: 1 }),
    ).resolves.toEqual([{ shard: 1, sent: 6, failed: 1, ambiguousResent: 1 }]);
    await expect(ledger().shardsOf(key)).resolves.toBe(2);
  });
});
