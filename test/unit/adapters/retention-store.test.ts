import 'aws-sdk-client-mock-jest';
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import { DynamoDeliveryPurge } from '../../../lambdas/adapters/dynamodb/delivery-purge';
import { encodeCursor } from '../../../lambdas/adapters/dynamodb/page-cursor';
import { planPurge } from '../../../lambdas/domain/retention';
import { conditionalCheckFailed, documentClient } from '../support/aws';
import { anAlert } from '../support/builders';

const client = documentClient();
const ddb = mockClient(client);
const alerts = new DynamoAlertRepository(client, 'amber-alerts');
const deliveries = new DynamoDeliveryPurge(client, 'amber-deliveries');

beforeEach(() => ddb.reset());

describe('DynamoAlertRepository.pageUnpurged', () => {
  test('queries the byStatus index for unpurged alerts created before the cutoff, one page', async () => {
    const alert = anAlert({ status: 'EXPIRED' });
    ddb.on(QueryCommand).resolves({ Items: [alert], LastEvaluatedKey: { id: alert.id, status: 'EXPIRED' } });
    const page = await alerts.pageUnpurged('EXPIRED', '2024-06-01T00:00:00.000Z');
    expect(page).toEqual({ items: [alert], next: encodeCursor({ id: alert.id, status: 'EXPIRED' }) });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'amber-alerts',
      IndexName: 'byStatus',
      KeyConditionExpression: '#status = :s AND createdAt < :before',
      FilterExpression: 'attribute_not_exists(purgedAt)',
      ExpressionAttributeValues: { ':s': 'EXPIRED', ':before': '2024-06-01T00:00:00.000Z' },
    });
  });

  test('passes the cursor back as the start key; the last page has no next', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const page = await alerts.pageUnpurged('FAILED', '2024-06-01T00:00:00.000Z', encodeCursor({ id: 'A1' }));
    expect(page).toEqual({ items: [] });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { ExclusiveStartKey: { id: 'A1' } });
  });
});

describe('DynamoAlertRepository.purge', () => {
  const alert = anAlert({ status: 'EXPIRED', resolutionNote: 'note' });
  const plan = planPurge(alert, new Date('2024-07-01T00:00:00.000Z'));

  test('one conditional update: sets the redacted fields and the history with PURGE, removes the rest', async () => {
    ddb.on(UpdateCommand).resolves({});
    await expect(alerts.purge(alert.id, 'EXPIRED', 1, plan)).resolves.toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(input?.Key).toEqual({ id: alert.id });
    expect(input?.ConditionExpression).toBe(
      'attribute_exists(id) AND #status = :status AND attribute_not_exists(purgedAt) AND size(#history) = :length',
    );
    expect(input?.ExpressionAttributeValues).toMatchObject({ ':status': 'EXPIRED', ':length': 1 });
    const names = input?.ExpressionAttributeNames ?? {};
    const values = input?.ExpressionAttributeValues ?? {};
    const setNames = Object.entries(names)
      .filter(([k]) => /^#s\d+$/.test(k))
      .map(([, v]) => v);
    expect(setNames.sort()).toEqual(['child', 'history', 'lastSeen', 'purgedAt', 'updatedAt']);
    const historyPlaceholder = Object.entries(names).find(
      ([k, v]) => /^#s\d+$/.test(k) && v === 'history',
    )?.[0];
    const history = values[`:${historyPlaceholder?.slice(1)}`] as { action: string }[];
    expect(history.at(-1)?.action).toBe('PURGE');
    expect(input?.UpdateExpression).toMatch(/ REMOVE #r0, #r1, #r2, #r3$/);
    expect([names['#r0'], names['#r1'], names['#r2'], names['#r3']]).toEqual([
      'suspect',
      'vehicle',
      'resolutionNote',
      'rejectionReason',
    ]);
    expect(JSON.stringify(values)).not.toContain('Arta');
  });

  test('a failed condition (purged already, status or history changed) is false, not an error', async () => {
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());
    await expect(alerts.purge(alert.id, 'EXPIRED', 1, plan)).resolves.toBe(false);
  });

  test('other errors are thrown', async () => {
    ddb.on(UpdateCommand).rejects(new Error('throttled'));
    await expect(alerts.purge(alert.id, 'EXPIRED', 1, plan)).rejects.toThrow('throttled');
  });
});

describe('DynamoDeliveryPurge', () => {
  const phones = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ messageKey: 'A1#ALERT', phone: `+3556900${from + i}` }));

  const recordsOf = (key: string) => ddb.on(QueryCommand, { ExpressionAttributeValues: { ':k': key } });
  beforeEach(() => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    // No shard layout: the records are in one partition, under the message key.
    ddb.on(GetCommand).resolves({});
  });

  test('deletes every page of records in batches of 25 and counts them', async () => {
    recordsOf('A1#ALERT')
      .resolvesOnce({ Items: phones(0, 30), LastEvaluatedKey: { messageKey: 'A1#ALERT', phone: 'x' } })
      .resolvesOnce({ Items: phones(100, 5) });
    ddb.on(BatchWriteCommand).resolves({});
    await expect(deliveries.deleteMessage('A1#ALERT')).resolves.toBe(35);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'amber-deliveries',
      KeyConditionExpression: 'messageKey = :k',
      ExpressionAttributeValues: { ':k': 'A1#ALERT' },
      ProjectionExpression: 'messageKey, phone',
    });
    const batches = ddb
      .commandCalls(BatchWriteCommand)
      .map((c) => c.args[0].input.RequestItems?.['amber-deliveries']);
    expect(batches.map((b) => b?.length)).toEqual([25, 5, 5]);
    expect(batches[0]?.[0]).toEqual({
      DeleteRequest: { Key: { messageKey: 'A1#ALERT', phone: '+35569000' } },
    });
  });

  test('writes unprocessed items again', async () => {
    recordsOf('A1#ALERT').resolves({ Items: phones(0, 2) });
    const unprocessed = [{ DeleteRequest: { Key: { messageKey: 'A1#ALERT', phone: '+35569001' } } }];
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { 'amber-deliveries': unprocessed } })
      .resolves({});
    await deliveries.deleteMessage('A1#ALERT');
    expect(ddb).toHaveReceivedCommandTimes(BatchWriteCommand, 2);
    expect(ddb.commandCalls(BatchWriteCommand)[1]?.args[0].input.RequestItems?.['amber-deliveries']).toEqual(
      unprocessed,
    );
  });

  test('a message of 3 shards: the records of every partition, then the ledger', async () => {
    ddb.on(GetCommand).resolves({ Item: { messageKey: 'A1#ALERT#SHARDS', phone: 'layout', shards: 3 } });
    for (const shard of [0, 1, 2]) recordsOf(`A1#ALERT#P${shard}`).resolves({ Items: phones(shard * 10, 2) });
    ddb.on(BatchWriteCommand).resolves({});
    await expect(deliveries.deleteMessage('A1#ALERT')).resolves.toBe(6);
    const queried = ddb
      .commandCalls(QueryCommand)
      .map((c) => c.args[0].input.ExpressionAttributeValues?.[':k']);
    expect(queried).toEqual(['A1#ALERT#P0', 'A1#ALERT#P1', 'A1#ALERT#P2', 'A1#ALERT#SHARDS']);
  });

  test('the shard ledger of the message goes too, layout last', async () => {
    recordsOf('A1#ALERT').resolves({ Items: phones(0, 3) });
    recordsOf('A1#ALERT#SHARDS').resolves({ Items: [{ messageKey: 'A1#ALERT#SHARDS', phone: 'LAYOUT' }] });
    ddb.on(BatchWriteCommand).resolves({});
    // The count is of delivery records: the ledger is bookkeeping.
    await expect(deliveries.deleteMessage('A1#ALERT')).resolves.toBe(3);
    const deleted = ddb
      .commandCalls(BatchWriteCommand)
      .flatMap((c) => c.args[0].input.RequestItems?.['amber-deliveries'] ?? [])
      .map((r) => r.DeleteRequest?.Key);
    expect(deleted).toContainEqual({ messageKey: 'A1#ALERT#SHARDS', phone: 'LAYOUT' });
    expect(deleted).toHaveLength(4);
  });

  test('a message without records deletes nothing', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await expect(deliveries.deleteMessage('A1#CANCELLATION')).resolves.toBe(0);
    expect(ddb).not.toHaveReceivedCommand(BatchWriteCommand);
  });
});
