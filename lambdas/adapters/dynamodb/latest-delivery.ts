import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LatestDeliveryFinder, ReceivedMessage } from '../../ports/latest-delivery';

/**
 * Reads the deliveries table's `byPhone` index (phone, sentAt): only records that were sent carry
 * `sentAt`, so the index holds what each phone actually received, and the newest is one Query away.
 * The record's key is `<alert>#<message>[#P<shard>]`: the alert id is its first part.
 */
export class DynamoLatestDelivery implements LatestDeliveryFinder {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async latestReceivedBy(phone: string): Promise<ReceivedMessage | undefined> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byPhone',
        KeyConditionExpression: 'phone = :p',
        ExpressionAttributeValues: { ':p': phone },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = out.Items?.[0];
    const alertId = typeof item?.messageKey === 'string' ? item.messageKey.split('#')[0] : undefined;
    if (!item || !alertId) return undefined;
    return { alertId, language: typeof item.language === 'string' ? item.language : '' };
  }
}
