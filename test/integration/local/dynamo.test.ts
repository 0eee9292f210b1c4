import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { loadResourceNames } from '../../../lambdas/config/config';
import { TABLES } from '../../../lib/tables';
import { LOCAL_AWS, startDynalite } from '../../../local/dynamo';
import { tempDir } from './helpers';

describe('dynalite with the platform tables', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('creates every table of TABLES with its keys and indexes, and keeps data across a restart', async () => {
    const names = loadResourceNames({});
    const first = await startDynalite({ dataDir: dir.path });
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: first.endpoint });
    try {
      const { TableNames } = await client.send(new ListTablesCommand({}));
      expect(TableNames?.sort()).toEqual(
        [names.alertsTable, names.deliveriesTable, names.subscribersTable, names.tipsTable].sort(),
      );

      const alerts = (await client.send(new DescribeTableCommand({ TableName: names.alertsTable }))).Table;
      expect(alerts?.TableStatus).toBe('ACTIVE');
      expect(alerts?.KeySchema).toEqual([
        { AttributeName: TABLES.alerts.partitionKey.name, KeyType: 'HASH' },
      ]);
      expect(alerts?.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
      expect(
        alerts?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType]).sort(),
      ).toEqual(TABLES.alerts.globalSecondaryIndexes.map((i) => [i.indexName, 'ALL']).sort());
      const subscribers = (await client.send(new DescribeTableCommand({ TableName: names.subscribersTable })))
        .Table;
      expect(subscribers?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);

      await client.send(
        new PutItemCommand({
          TableName: names.alertsTable,
          Item: { id: { S: 'a-1' }, status: { S: 'ACTIVE' }, createdAt: { S: '2025-01-01T00:00:00Z' } },
        }),
      );
    } finally {
      client.destroy();
      await first.close();
    }

    // Same data dir: the tables exist already (created: skipped) and hold what was written.
    const second = await startDynalite({ dataDir: dir.path });
    const again = new DynamoDBClient({ ...LOCAL_AWS, endpoint: second.endpoint });
    try {
      const item = await again.send(
        new GetItemCommand({ TableName: names.alertsTable, Key: { id: { S: 'a-1' } } }),
      );
      expect(item.Item?.status).toEqual({ S: 'ACTIVE' });
      const byStatus = await again.send(
        new QueryCommand({
          TableName: names.alertsTable,
          IndexName: 'byStatus',
          KeyConditionExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'ACTIVE' } },
        }),
      );
      expect(byStatus.Items?.map((i) => i.id?.S)).toEqual(['a-1']);
    } finally {
      again.destroy();
      await second.close();
    }
  });

  it('uses the configured table names', async () => {
    const names = {
      alertsTable: 't-alerts',
      subscribersTable: 't-subscribers',
      deliveriesTable: 't-deliveries',
      tipsTable: 't-tips',
    };
    const dynamo = await startDynalite({ dataDir: dir.path, names });
    const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    try {
      const { TableNames } = await client.send(new ListTablesCommand({}));
      expect(TableNames?.sort()).toEqual(['t-alerts', 't-deliveries', 't-subscribers', 't-tips']);
    } finally {
      client.destroy();
      await dynamo.close();
    }
  });
});
