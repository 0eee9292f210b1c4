import 'aws-sdk-client-mock-jest';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDeliveryRepository } from '../../../lambdas/adapters/dynamodb/delivery-repository';
import { shardOf } from '../../../lambdas/domain/delivery-shards';
import { documentClient } from '../support/aws';
import { mobile } from '../support/builders';

/**
 * The delivery list's behaviour on DynamoDB (claims, leases, pages, the shard ledger) is checked on dynalite by
 * test/integration/contracts/delivery-repository.contract.test.ts; here only what dynalite cannot show: errors
 * other than a lost condition, consistent reads, and how records are spread over partitions and batches.
 */
const TABLE = 'amber-deliveries';
const KEY = '3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e#ALERT';
const client = documentClient();
const ddb = mockClient(client);
const repo = new DynamoDeliveryRepository(client, TABLE);

beforeEach(() => {
  ddb.reset();
  // No shard layout saved: the message's records are in one partition, under the message key.
  ddb.on(GetCommand).resolves({});
});

/** A stored record as the table holds it, under `partition`. */
const stored = (phone: string, partition = KEY, status = 'PENDING') => ({
  messageKey: partition,
  phone,
  language: 'sq',
  audience: 'PUBLIC',
  status,
  attempts: 0,
});

const recipients = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ phone: mobile(i), language: 'sq', audience: 'PUBLIC' as const }));

describe('plan', () => {
  test('works through lists longer than one batch', async () => {
    ddb.on(PutCommand).resolves({});
    await expect(repo.plan(KEY, recipients(60))).resolves.toBe(60);
    const phones = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.phone);
    expect(new Set(phones).size).toBe(60);
  });

  test('other errors fail the planning', async () => {
    ddb.on(PutCommand).rejects(new Error('throughput exceeded'));
    await expect(repo.plan(KEY, recipients(1))).rejects.toThrow('throughput exceeded');
  });
});

describe('page', () => {
  test('reads one page consistently and returns an opaque cursor that resumes after it', async () => {
    const last = { messageKey: KEY, phone: mobile(1) };
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [stored(mobile(0)), stored(mobile(1))], LastEvaluatedKey: last })
      .resolvesOnce({ Items: [stored(mobile(2))] });

    const first = await repo.page(KEY, undefined, 2);
    expect(first.items.map((d) => d.phone)).toEqual([mobile(0), mobile(1)]);
    expect(typeof first.next).toBe('string');
    expect(first.next).not.toContain(mobile(1));

    const second = await repo.page(KEY, first.next, 2);
    expect(second).toEqual({ items: [stored(mobile(2))] });
    expect(second).not.toHaveProperty('next');

    expect(ddb).toHaveReceivedNthSpecificCommandWith(1, QueryCommand, {
      KeyConditionExpression: 'messageKey = :k',
      ExpressionAttributeValues: { ':k': KEY },
      Limit: 2,
      ConsistentRead: true,
    });
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, QueryCommand, { ExclusiveStartKey: last });
  });
});

describe('claim', () => {
  const lease = '2024-05-01T10:02:00.000Z';
  const now = '2024-05-01T10:00:00.000Z';

  test('other errors are thrown', async () => {
    ddb.on(UpdateCommand).rejects(new Error('network'));
    await expect(repo.claim(KEY, mobile(0), lease, now)).rejects.toThrow('network');
  });
});

describe('shards: one partition each', () => {
  /** A repository of its own (shard counts are cached per instance) for a message laid out in `shards`. */
  const laidOut = (shards: number | { ranges: unknown[] }) => {
    ddb.on(GetCommand).resolves({
      Item: {
        messageKey: `${KEY}#SHARDS`,
        phone: 'layout',
        ...(typeof shards === 'number' ? { shards } : shards),
      },
    });
    return new DynamoDeliveryRepository(client, TABLE);
  };
  const partitionOf = (phone: string, of: number) => `${KEY}#P${shardOf(phone, of)}`;

  test('planning puts each record in its shard’s partition, spreading the list over all of them', async () => {
    const sharded = laidOut(4);
    ddb.on(PutCommand).resolves({});
    await sharded.plan(KEY, recipients(40));
    const keys = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item);
    for (const item of keys) expect(item?.messageKey).toBe(partitionOf(String(item?.phone), 4));
    expect(new Set(keys.map((item) => item?.messageKey)).size).toBe(4);
  });

  test('a shard reads its own partition only, and gets its records under the message key', async () => {
    const sharded = laidOut(4);
    ddb.on(QueryCommand).resolves({ Items: [stored(mobile(7), `${KEY}#P2`)] });
    const page = await sharded.page(KEY, undefined, 100, { shard: 2, of: 4 });
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { ExpressionAttributeValues: { ':k': `${KEY}#P2` } });
    expect(page).toEqual({ items: [stored(mobile(7))] });
  });

  test('the whole message is read partition after partition, one cursor across them', async () => {
    const sharded = laidOut(3);
    ddb.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: { ':k': string } }) => ({
      Items: [stored(mobile(1), input.ExpressionAttributeValues[':k'])],
    }));
    const read: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sharded.page(KEY, cursor, 100);
      read.push(...page.items.map((d) => d.messageKey));
      cursor = page.next;
    } while (cursor);
    const queried = ddb
      .commandCalls(QueryCommand)
      .map((c) => c.args[0].input.ExpressionAttributeValues?.[':k']);
    expect(queried).toEqual([`${KEY}#P0`, `${KEY}#P1`, `${KEY}#P2`]);
    expect(read).toEqual([KEY, KEY, KEY]);
  });

  test('claims and records address the phone’s partition; the layout is read once per message', async () => {
    const sharded = laidOut(4);
    ddb.on(UpdateCommand).resolves({ Attributes: stored(mobile(3)) });
    await sharded.claim(KEY, mobile(3), '2024-05-01T10:02:00.000Z', '2024-05-01T10:00:00.000Z');
    await sharded.markSent(KEY, mobile(3), '2024-05-01T10:00:01.000Z');
    await sharded.markFailed(KEY, mobile(5), 'InvalidParameterException', false);
    const keys = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.Key);
    expect(keys).toEqual([
      { messageKey: partitionOf(mobile(3), 4), phone: mobile(3) },
      { messageKey: partitionOf(mobile(3), 4), phone: mobile(3) },
      { messageKey: partitionOf(mobile(5), 4), phone: mobile(5) },
    ]);
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
  });

  test('a list laid out in phone ranges (one partition) still gives each shard exactly its phones', async () => {
    const legacy = laidOut({ ranges: [{ to: mobile(5) }, { from: mobile(5) }] });
    const phones = Array.from({ length: 12 }, (_, i) => mobile(i));
    ddb.on(QueryCommand).resolves({ Items: phones.map((phone) => stored(phone)) });
    const page = await legacy.page(KEY, undefined, 100, { shard: 1, of: 4 });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { ExpressionAttributeValues: { ':k': KEY } });
    expect(page.items.map((d) => d.phone)).toEqual(phones.filter((phone) => shardOf(phone, 4) === 1));
  });
});
