import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { shardOf } from '../../domain/delivery-shards';
import type {
  Delivery,
  DeliveryPage,
  DeliveryRepository,
  PlannedRecipient,
  ShardLedger,
  ShardSlice,
  ShardTotals,
} from '../../ports/delivery-repository';
import { isConditionalCheckFailure } from './conditional';
import { deliveryItem, shardTotalsItem } from './items/delivery-item';
import { parseItem } from './items/parse-item';
import { decodeCursor, encodeCursor } from './page-cursor';

/** Writes in flight while planning: the SDK's default socket pool (50), spread over the shards' partitions. */
const PLAN_CONCURRENCY = 50;

/** A message's shard layout and totals live beside its delivery list, in a partition of their own. */
export const shardLedgerKey = (messageKey: string) => `${messageKey}#SHARDS`;
const LAYOUT = 'layout';
const totalsKey = (shard: number) => `shard-${String(shard).padStart(4, '0')}`;

/**
 * The partition key of one shard's records. A message of one shard keeps the plain message key; a message of
 * S shards spreads its records over S partitions (`#P0` … ), so that its writes (one when planned, two when
 * sent) are not all bound by one partition's 1,000 writes a second.
 */
export const partitionKey = (messageKey: string, shard: number, of: number) =>
  of <= 1 ? messageKey : `${messageKey}#P${shard}`;

/** Every partition of a message of `of` shards. */
export const partitionsOf = (messageKey: string, of: number): string[] =>
  Array.from({ length: Math.max(1, of) }, (_, shard) => partitionKey(messageKey, shard, of));

/** A page cursor: which of the message's partitions is being read, and where in it. */
interface PageCursor {
  /** Index in the partitions being read (all of the message's, or the one shard's). */
  p: number;
  after?: Record<string, unknown>;
}

/**
 * One record per phone and message. Every state change is a conditional single-item write, so two workers
 * (or a retry and a redelivery) can never both hold the same phone.
 */
export class DynamoDeliveryRepository implements DeliveryRepository {
  readonly shards: DynamoShardLedger;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.shards = new DynamoShardLedger(db, tableName);
  }

  /** The partition of a phone's record. */
  private async keyOf(messageKey: string, phone: string): Promise<string> {
    const of = await this.shards.countOf(messageKey);
    return partitionKey(messageKey, shardOf(phone, of), of);
  }

  async plan(messageKey: string, recipients: readonly PlannedRecipient[]): Promise<number> {
    if (recipients.length === 0) return 0;
    const of = await this.shards.countOf(messageKey);
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
                  messageKey: partitionKey(messageKey, shardOf(r.phone, of), of),
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

  async page(messageKey: string, cursor?: string, pageSize = 500, slice?: ShardSlice): Promise<DeliveryPage> {
    const of = await this.shards.countOf(messageKey);
    // The shard's own partition when the slice matches the layout; otherwise (a list laid out otherwise, e.g.
    // before shards had partitions) every partition, keeping the slice's phones.
    const direct = slice !== undefined && slice.of === of;
    const partitions = direct ? [partitionKey(messageKey, slice.shard, of)] : partitionsOf(messageKey, of);
    const at = cursor ? decodeCursor<PageCursor>(cursor) : { p: 0 };
    const partition = partitions[at.p];
    if (partition === undefined) return { items: [] };
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'messageKey = :k',
        ExpressionAttributeValues: { ':k': partition },
        ExclusiveStartKey: at.after,
        Limit: pageSize,
        ConsistentRead: true,
      }),
    );
    const next: PageCursor | undefined = out.LastEvaluatedKey
      ? { p: at.p, after: out.LastEvaluatedKey }
      : at.p + 1 < partitions.length
        ? { p: at.p + 1 }
        : undefined;
    const items = (out.Items ?? [])
      .map((item) => parseItem(deliveryItem, item, 'delivery'))
      .filter((d) => direct || slice === undefined || shardOf(d.phone, slice.of) === slice.shard)
      // Callers know the message, not the partition.
      .map((d) => ({ ...d, messageKey }));
    return { items, ...(next ? { next: encodeCursor(next) } : {}) };
  }

  async claim(
    messageKey: string,
    phone: string,
    leaseUntil: string,
    now: string,
  ): Promise<Delivery | undefined> {
    const Key = { messageKey: await this.keyOf(messageKey, phone), phone };
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
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
      const old = out.Attributes ? parseItem(deliveryItem, out.Attributes, 'delivery') : undefined;
      if (!old) return undefined;
      const ambiguous = old.status === 'SENDING';
      if (ambiguous) {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET ambiguous = :true',
            ExpressionAttributeValues: { ':true': true },
          }),
        );
      }
      return { ...old, messageKey, status: 'SENDING', leaseUntil, attempts: old.attempts + 1, ambiguous };
    } catch (error) {
      if (isConditionalCheckFailure(error)) return undefined;
      throw error;
    }
  }

  async markSent(messageKey: string, phone: string, now: string): Promise<boolean> {
    return this.whileLeased(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { messageKey: await this.keyOf(messageKey, phone), phone },
        UpdateExpression: 'SET #status = :sent, sentAt = :now REMOVE leaseUntil',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'SENT', ':sending': 'SENDING', ':now': now },
      }),
    );
  }

  async markFailed(messageKey: string, phone: string, error: string, retryable: boolean): Promise<boolean> {
    return this.whileLeased(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { messageKey: await this.keyOf(messageKey, phone), phone },
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

  /** A write conditioned on the record being SENDING: false when the lease was lost meanwhile. */
  private async whileLeased(command: UpdateCommand): Promise<boolean> {
    try {
      await this.db.send(command);
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }
}

/** A message's shard count from its saved layout (one GetItem), or undefined before it is saved. */
export async function readShardLayout(
  db: DynamoDBDocumentClient,
  tableName: string,
  messageKey: string,
): Promise<number | undefined> {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: { messageKey: shardLedgerKey(messageKey), phone: LAYOUT },
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return undefined;
  // A layout of phone ranges (before shards had partitions) kept every record in one partition.
  return typeof out.Item.shards === 'number' ? out.Item.shards : 1;
}

/** The layout is one item (written once, conditionally); each shard's totals are an item of their own. */
export class DynamoShardLedger implements ShardLedger {
  /**
   * Shard counts already read, per message: a layout never changes once saved, and every write to a record
   * needs it (its partition), so a warm Lambda reads it once per message rather than once per phone.
   */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveLayout(messageKey: string, shards: number): Promise<number> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { messageKey: shardLedgerKey(messageKey), phone: LAYOUT, shards },
          ConditionExpression: 'attribute_not_exists(phone)',
        }),
      );
      this.known.set(messageKey, shards);
      return shards;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      return this.countOf(messageKey);
    }
  }

  async shardsOf(messageKey: string): Promise<number | undefined> {
    const cached = this.known.get(messageKey);
    if (cached !== undefined) return cached;
    const shards = await readShardLayout(this.db, this.tableName, messageKey);
    if (shards !== undefined) this.known.set(messageKey, shards);
    return shards;
  }

  /** The partitions' count: a message without a layout has its records in one. */
  async countOf(messageKey: string): Promise<number> {
    return (await this.shardsOf(messageKey)) ?? 1;
  }

  async clearTotals(messageKey: string): Promise<void> {
    const key = shardLedgerKey(messageKey);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'messageKey = :k AND begins_with(phone, :shard)',
        ExpressionAttributeValues: { ':k': key, ':shard': 'shard-' },
        ProjectionExpression: 'phone',
        ConsistentRead: true,
      }),
    );
    // At most 40 items (one per shard): single deletes keep it simple and retry-safe.
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
    return (out.Items ?? []).map((item) => parseItem(shardTotalsItem, item, 'shard totals'));
  }
}
