import 'aws-sdk-client-mock-jest';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDeliveryRepository } from '../../../lambdas/adapters/dynamodb/delivery-repository';
import { conditionalCheckFailed, documentClient } from '../support/aws';
import { mobile } from '../support/builders';

const TABLE = 'amber-deliveries';
const KEY = '3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e#ALERT';
const client = documentClient();
const ddb = mockClient(client);
const repo = new DynamoDeliveryRepository(client, TABLE);

beforeEach(() => ddb.reset());

const recipients = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ phone: mobile(i), language: 'sq', audience: 'PUBLIC' as const }));

describe('plan', () => {
  test('puts one PENDING record per phone, only where none exists', async () => {
    ddb.on(PutCommand).resolves({});
    await expect(repo.plan(KEY, recipients(2))).resolves.toBe(2);
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 2);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: TABLE,
      Item: {
        messageKey: KEY,
        phone: mobile(0),
        language: 'sq',
        audience: 'PUBLIC',
        status: 'PENDING',
        attempts: 0,
      },
      ConditionExpression: 'attribute_not_exists(phone)',
    });
  });

  test('an existing record (conditional put failure) is skipped and counted as 0', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(PutCommand, { Item: { phone: mobile(1) } }).rejects(conditionalCheckFailed());
    ddb.on(PutCommand, { Item: { phone: mobile(3) } }).rejects(conditionalCheckFailed());
    await expect(repo.plan(KEY, recipients(5))).resolves.toBe(3);
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 5);
  });

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

  test('an empty list writes nothing', async () => {
    await expect(repo.plan(KEY, [])).resolves.toBe(0);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('page', () => {
  test('reads one page consistently and returns an opaque cursor that resumes after it', async () => {
    const last = { messageKey: KEY, phone: mobile(1) };
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ phone: mobile(0) }, { phone: mobile(1) }], LastEvaluatedKey: last })
      .resolvesOnce({ Items: [{ phone: mobile(2) }] });

    const first = await repo.page(KEY, undefined, 2);
    expect(first.items.map((d) => d.phone)).toEqual([mobile(0), mobile(1)]);
    expect(typeof first.next).toBe('string');
    expect(first.next).not.toContain(mobile(1));

    const second = await repo.page(KEY, first.next, 2);
    expect(second).toEqual({ items: [{ phone: mobile(2) }] });
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

  test('PENDING → SENDING under a lease, with a condition that admits only PENDING or an expired lease', async () => {
    ddb.on(UpdateCommand).resolves({
      Attributes: { messageKey: KEY, phone: mobile(0), language: 'en', status: 'PENDING', attempts: 0 },
    });
    await expect(repo.claim(KEY, mobile(0), lease, now)).resolves.toEqual({
      messageKey: KEY,
      phone: mobile(0),
      language: 'en',
      status: 'SENDING',
      leaseUntil: lease,
      attempts: 1,
      ambiguous: false,
    });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { messageKey: KEY, phone: mobile(0) },
      UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = attempts + :one',
      ConditionExpression: '#status = :pending OR (#status = :sending AND leaseUntil < :now)',
      ExpressionAttributeValues: {
        ':sending': 'SENDING',
        ':pending': 'PENDING',
        ':lease': lease,
        ':now': now,
        ':one': 1,
      },
      ReturnValues: 'ALL_OLD',
    });
  });

  test('a SENDING record under an expired lease is taken over and flagged ambiguous', async () => {
    ddb.on(UpdateCommand).resolvesOnce({
      Attributes: {
        messageKey: KEY,
        phone: mobile(0),
        language: 'sq',
        status: 'SENDING',
        attempts: 1,
        leaseUntil: '2024-05-01T09:58:00.000Z',
      },
    });
    const claimed = await repo.claim(KEY, mobile(0), lease, now);
    expect(claimed).toMatchObject({ status: 'SENDING', attempts: 2, leaseUntil: lease, ambiguous: true });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 2);
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, UpdateCommand, {
      Key: { messageKey: KEY, phone: mobile(0) },
      UpdateExpression: 'SET ambiguous = :true',
      ExpressionAttributeValues: { ':true': true },
    });
  });

  test('held by another worker or already finished: undefined', async () => {
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());
    await expect(repo.claim(KEY, mobile(0), lease, now)).resolves.toBeUndefined();
  });

  test('other errors are thrown', async () => {
    ddb.on(UpdateCommand).rejects(new Error('network'));
    await expect(repo.claim(KEY, mobile(0), lease, now)).rejects.toThrow('network');
  });
});

describe('markSent and markFailed', () => {
  test('markSent: SENDING → SENT, drops the lease', async () => {
    ddb.on(UpdateCommand).resolves({});
    await repo.markSent(KEY, mobile(0), '2024-05-01T10:00:01.000Z');
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression: 'SET #status = :sent, sentAt = :now REMOVE leaseUntil',
      ConditionExpression: '#status = :sending',
      ExpressionAttributeValues: {
        ':sent': 'SENT',
        ':sending': 'SENDING',
        ':now': '2024-05-01T10:00:01.000Z',
      },
    });
  });

  test.each([
    [false, 'FAILED'],
    [true, 'PENDING'],
  ])('markFailed retryable=%p → %s', async (retryable, status) => {
    ddb.on(UpdateCommand).resolves({});
    await repo.markFailed(KEY, mobile(0), 'InvalidParameterException', retryable);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression: '#status = :sending',
      ExpressionAttributeValues: {
        ':status': status,
        ':sending': 'SENDING',
        ':error': 'InvalidParameterException',
      },
    });
  });
});

describe('phone ranges (shards)', () => {
  test('a closed range queries BETWEEN its bounds and leaves out the upper one (the next shard’s first)', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [mobile(3), mobile(4), mobile(5)].map((phone) => ({
        messageKey: KEY,
        phone,
        status: 'PENDING',
      })),
    });
    const page = await repo.page(KEY, undefined, 100, { from: mobile(3), to: mobile(5) });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      KeyConditionExpression: 'messageKey = :k AND phone BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':k': KEY, ':from': mobile(3), ':to': mobile(5) },
    });
    expect(page.items.map((d) => d.phone)).toEqual([mobile(3), mobile(4)]);
  });

  test('open ranges compare on one side only; no range reads the whole list', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await repo.page(KEY, undefined, 100, { from: mobile(3) });
    await repo.page(KEY, undefined, 100, { to: mobile(3) });
    await repo.page(KEY);
    const conditions = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.KeyConditionExpression);
    expect(conditions).toEqual([
      'messageKey = :k AND phone >= :from',
      'messageKey = :k AND phone < :to',
      'messageKey = :k',
    ]);
  });
});

describe('shard ledger', () => {
  const ledger = repo.shards;

  test('the first layout wins: a second one is refused by the condition and the stored one returned', async () => {
    const stored = [{ to: mobile(5) }, { from: mobile(5) }];
    ddb.on(PutCommand).rejects(conditionalCheckFailed());
    ddb.on(GetCommand).resolves({ Item: { messageKey: `${KEY}#SHARDS`, phone: 'layout', ranges: stored } });
    await expect(ledger.saveLayout(KEY, [{ to: mobile(2) }, { from: mobile(2) }])).resolves.toEqual(stored);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ messageKey: `${KEY}#SHARDS`, phone: 'layout' }),
      ConditionExpression: 'attribute_not_exists(phone)',
    });
    await expect(ledger.rangeOf(KEY, 1)).resolves.toEqual({ from: mobile(5) });
  });

  test('a shard stores its totals and reads every shard’s back', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(QueryCommand).resolves({
      Items: [
        { shard: 0, sent: 5, failed: 1, ambiguousResent: 0 },
        { shard: 1, sent: 7, failed: 0, ambiguousResent: 1 },
      ],
    });
    const all = await ledger.recordTotals(KEY, { shard: 1, sent: 7, failed: 0, ambiguousResent: 1 });
    expect(all.reduce((sum, s) => sum + s.sent, 0)).toBe(12);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ messageKey: `${KEY}#SHARDS`, phone: 'shard-0001', shard: 1, sent: 7 }),
    });
  });

  test('clear deletes the layout and every totals item of the message', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ phone: 'layout' }, { phone: 'shard-0000' }] });
    ddb.on(DeleteCommand).resolves({});
    await ledger.clear(KEY);
    expect(ddb).toHaveReceivedCommandTimes(DeleteCommand, 2);
    expect(ddb).toHaveReceivedCommandWith(DeleteCommand, {
      Key: { messageKey: `${KEY}#SHARDS`, phone: 'layout' },
    });
  });
});
