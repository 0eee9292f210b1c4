import 'aws-sdk-client-mock-jest';
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import { DynamoDeliveryPurge } from '../../../lambdas/adapters/dynamodb/delivery-purge';
import { planPurge } from '../../../lambdas/domain/retention';
import { documentClient } from '../support/aws';
import { anAlert } from '../support/builders';

const client = documentClient();
const ddb = mockClient(client);
const alerts = new DynamoAlertRepository(client, 'amber-alerts');
const deliveries = new DynamoDeliveryPurge(client, 'amber-deliveries');

beforeEach(() => ddb.reset());

// Pages and conditional purges on DynamoDB: test/integration/contracts/retention-store.contract.test.ts.

describe('DynamoAlertRepository.purge', () => {
  const alert = anAlert({ status: 'EXPIRED', resolutionNote: 'note' });
  const plan = planPurge(alert, new Date('2024-07-01T00:00:00.000Z'));

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
