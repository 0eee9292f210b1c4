import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryPurge } from '../../ports/delivery-purge';
import { partitionsOf, readShardLayout, shardLedgerKey } from './delivery-repository';
import { deliveryKeyItem } from './items/delivery-item';
import { parseItem } from './items/parse-item';

/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;
/** Unprocessed items (throttling) are written again, a few times, before the run gives up and retries later. */
const MAX_ROUNDS = 5;

/** Deletes a message's delivery records page by page: only keys are read, never the whole table. */
export class DynamoDeliveryPurge implements DeliveryPurge {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * The records of the message in each of its partitions, then its shard ledger (last: the layout says
   * where the records are, so a purge interrupted half-way finds them again on its next run).
   */
  async deleteMessage(messageKey: string): Promise<number> {
    // Read afresh for each message (no cache): a cached layout would outlive the one this purge deletes.
    const shards = (await readShardLayout(this.db, this.tableName, messageKey)) ?? 1;
    let records = 0;
    for (const partition of partitionsOf(messageKey, shards))
      records += await this.deletePartition(partition);
    await this.deletePartition(shardLedgerKey(messageKey));
    return records;
  }

  private async deletePartition(messageKey: string): Promise<number> {
    let deleted = 0;
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'messageKey = :k',
          ExpressionAttributeValues: { ':k': messageKey },
          ProjectionExpression: 'messageKey, phone',
          ExclusiveStartKey: cursor,
        }),
      );
      const keys = (out.Items ?? []).map((item) => ({
        messageKey,
        phone: parseItem(deliveryKeyItem, item, 'delivery key').phone,
      }));
      for (let i = 0; i < keys.length; i += BATCH) await this.deleteBatch(keys.slice(i, i + BATCH));
      deleted += keys.length;
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    return deleted;
  }

  private async deleteBatch(keys: { messageKey: string; phone: string }[]): Promise<void> {
    let requests = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; round < MAX_ROUNDS && requests.length > 0; round++) {
      const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
      requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
    }
    if (requests.length > 0) throw new Error(`${requests.length} delivery records not deleted (throttled)`);
  }
}
