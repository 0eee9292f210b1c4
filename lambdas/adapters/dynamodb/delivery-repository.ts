import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Delivery,
  DeliveryPage,
  DeliveryRepository,
  PhoneRange,
  PlannedRecipient,
  ShardLedger,
  ShardTotals,
} from '../../ports/delivery-repository';
import { isConditionalCheckFailure } from './conditional';
import { decodeCursor, encodeCursor } from './page-cursor';

const PLAN_CONCURRENCY = 25;

/** A message's shard layout and totals live beside its delivery list, in a partition of their own. */
export const shardLedgerKey = (messageKey: string) => `${messageKey}#SHARDS`;
const LAYOUT = 'layout';
const totalsKey = (shard: number) => `shard-${String(shard).padStart(4, '0')}`;

/** The sort-key condition of a phone range (a Query allows one: BETWEEN, or a single comparison). */
function phoneCondition(range: PhoneRange): string {
  if (range.from !== undefined && range.to !== undefined) return ' AND phone BETWEEN :from AND :to';
  if (range.from !== undefined) return ' AND phone >= :from';
  if (range.to !== undefined) return ' AND phone < :to';
  return '';
}

/**
 * One record per phone and message. Every state change is a conditional single-item write, so two workers
 * (or a retry and a redelivery) can never both hold the same phone.
 */
export class DynamoDeliveryRepository implements DeliveryRepository {
  readonly shards: ShardLedger;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.shards = new DynamoShardLedger(db, tableName);
  }

  async plan(messageKey: string, recipients: readonly PlannedRecipient[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < recipients.length; i += PLAN_CONCURRENCY) {
      const chunk = recipients.slice(i, i + PLAN_CONCURRENCY);
      const results = await Promise.all(
        chunk.map(async (r) => {
          try {
            await this.db.send(
              new PutCommand({
                TableName: this.tableName,
                Item: {
                  messageKey,
                  phone: r.phone,
                  language: r.language,
                  audience: r.audience,
                  status: 'PENDING',
                  attempts: 0,
                },
                ConditionExpression: 'attribute_not_exists(phone)',
              }),
            );
            return 1;
          } catch (error) {
            if (isConditionalCheckFailure(error)) return 0;
            throw error;
          }
        }),
      );
      created += results.reduce<number>((a, b) => a + b, 0);
    }
    return created;
  }

  async page(
    messageKey: string,
    cursor?: string,
    pageSize = 500,
    range: PhoneRange = {},
  ): Promise<DeliveryPage> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: `messageKey = :k${phoneCondition(range)}`,
        ExpressionAttributeValues: {
          ':k': messageKey,
          ...(range.from === undefined ? {} : { ':from': range.from }),
          ...(range.to === undefined ? {} : { ':to': range.to }),
        },
        ExclusiveStartKey: cursor ? decodeCursor(cursor) : undefined,
        Limit: pageSize,
        ConsistentRead: true,
      }),
    );
    const next = out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined;
    // BETWEEN includes its upper bound; a range excludes it (it is the next shard's first phone).
    const items = ((out.Items ?? []) as Delivery[]).filter(
      (d) => range.to === undefined || d.phone < range.to,
    );
    return { items, ...(next ? { next } : {}) };
  }

  async claim(
    messageKey: string,
    phone: string,
    leaseUntil: string,
    now: string,
  ): Promise<Delivery | undefined> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { messageKey, phone },
          // A SENDING record whose lease ran out belonged to a worker that died mid-send: the SMS may or may
          // not have left, and a missed alert is worse than a repeated one, so it is sent again and flagged.
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = attempts + :one',
          ConditionExpression: '#status = :pending OR (#status = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'SENDING',
            ':pending': 'PENDING',
            ':lease': leaseUntil,
            ':now': now,
            ':one': 1,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = out.Attributes as Delivery | undefined;
      if (!old) return undefined;
      const ambiguous = old.status === 'SENDING';
      if (ambiguous) {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { messageKey, phone },
            UpdateExpression: 'SET ambiguous = :true',
            ExpressionAttributeValues: { ':true': true },
          }),
        );
      }
      return { ...old, status: 'SENDING', leaseUntil, attempts: old.attempts + 1, ambiguous };
    } catch (error) {
      if (isConditionalCheckFailure(error)) return undefined;
      throw error;
    }
  }

  async markSent(messageKey: string, phone: string, now: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { messageKey, phone },
        UpdateExpression: 'SET #status = :sent, sentAt = :now REMOVE leaseUntil',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'SENT', ':sending': 'SENDING', ':now': now },
      }),
    );
  }

  async markFailed(messageKey: string, phone: string, error: string, retryable: boolean): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { messageKey, phone },
        UpdateExpression: 'SET #status = :status, #error = :error REMOVE leaseUntil',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':status': retryable ? 'PENDING' : 'FAILED',
          ':sending': 'SENDING',
          ':error': error,
        },
      }),
    );
  }
}

/** The layout is one item (written once, conditionally); each shard's totals are an item of their own. */
class DynamoShardLedger implements ShardLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveLayout(messageKey: string, ranges: readonly PhoneRange[]): Promise<PhoneRange[]> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { messageKey: shardLedgerKey(messageKey), phone: LAYOUT, ranges },
          ConditionExpression: 'attribute_not_exists(phone)',
        }),
      );
      return [...ranges];
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      return (await this.layout(messageKey)) ?? [...ranges];
    }
  }

  async rangeOf(messageKey: string, shard: number): Promise<PhoneRange | undefined> {
    return (await this.layout(messageKey))?.[shard];
  }

  private async layout(messageKey: string): Promise<PhoneRange[] | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { messageKey: shardLedgerKey(messageKey), phone: LAYOUT },
        ConsistentRead: true,
      }),
    );
    return out.Item?.ranges as PhoneRange[] | undefined;
  }

  async clear(messageKey: string): Promise<void> {
    const key = shardLedgerKey(messageKey);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'messageKey = :k',
        ExpressionAttributeValues: { ':k': key },
        ProjectionExpression: 'phone',
        ConsistentRead: true,
      }),
    );
    // At most 41 items (a layout and 40 shards' totals): single deletes keep it simple and retry-safe.
    await Promise.all(
      (out.Items ?? []).map((item) =>
        this.db.send(
          new DeleteCommand({ TableName: this.tableName, Key: { messageKey: key, phone: item.phone } }),
        ),
      ),
    );
  }

  async recordTotals(messageKey: string, totals: ShardTotals): Promise<ShardTotals[]> {
    const key = shardLedgerKey(messageKey);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { messageKey: key, phone: totalsKey(totals.shard), ...totals },
      }),
    );
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'messageKey = :k AND begins_with(phone, :shard)',
        ExpressionAttributeValues: { ':k': key, ':shard': 'shard-' },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((item) => ({
      shard: Number(item.shard),
      sent: Number(item.sent),
      failed: Number(item.failed),
      ambiguousResent: Number(item.ambiguousResent),
    }));
  }
}
