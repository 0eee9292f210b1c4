import { createHash } from 'node:crypto';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrentChangeError, ServiceUnavailableError } from '../../domain/errors';
import type { Tip, TipCounts, TipHistoryEntry, TipState } from '../../domain/tips/tip';
import type { CreateTipResult, TipIdempotency, TipPage, TipRepository } from '../../ports/tip-repository';
import { isConditionalCheckFailure } from './conditional';
import { decodeCursor, encodeCursor } from './page-cursor';
import { countTips } from './tip-counts';

/**
 * The tips table (`pk`/`sk`):
 * - `TIP#<reference>` / `TIP`: one tip, its triage history and (if sent with a key) its idempotency
 *   fingerprint; the `byAlert` index (alertId, receivedAt) lists an alert's tips newest first.
 * - `URGENT#<alert>` / `WINDOW`: the urgent-tip notification window of an alert and the count since.
 * - `ACK#<alert>` / `<sha256 of the phone>`: the acknowledgement SMS already went to that phone.
 * - `RATE#…` / `WINDOW#…`: the tips' rate limits (DynamoRateLimiter on this table).
 * Only tip items carry both `alertId` and `receivedAt`, so only they are in the index.
 */
type StoredTip = Tip & { pk: string; sk: string; idempotency?: TipIdempotency };

const tipKey = (id: string) => ({ pk: `TIP#${id}`, sk: 'TIP' });
const INDEX = 'byAlert';

function toTip(item: object): Tip {
  const { pk: _pk, sk: _sk, idempotency: _idempotency, ...tip } = item as StoredTip;
  return tip;
}

const phoneHash = (phone: string) => createHash('sha256').update(phone).digest('hex').slice(0, 40);

export class DynamoTipRepository implements TipRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(
    tip: Omit<Tip, 'id' | 'reference'>,
    references: readonly string[],
    idempotency?: TipIdempotency,
  ): Promise<CreateTipResult> {
    for (const reference of references) {
      const item: StoredTip = {
        ...tipKey(reference),
        ...tip,
        id: reference,
        reference,
        ...(idempotency ? { idempotency } : {}),
      };
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { kind: 'CREATED', tip: toTip(item) };
      } catch (error) {
        if (!isConditionalCheckFailure(error)) throw error;
      }
      if (!idempotency) continue;
      const existing = await this.stored(reference);
      if (existing?.idempotency?.fingerprint !== idempotency.fingerprint) continue;
      return existing.idempotency.body === idempotency.body
        ? { kind: 'REPLAYED', tip: toTip(existing) }
        : { kind: 'KEY_REUSED' };
    }
    throw new ServiceUnavailableError('No free tip reference: try again');
  }

  private async stored(id: string): Promise<StoredTip | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: tipKey(id), ConsistentRead: true }),
    );
    return out.Item as StoredTip | undefined;
  }

  async get(id: string): Promise<Tip | undefined> {
    const item = await this.stored(id);
    return item ? toTip(item) : undefined;
  }

  private byAlert(alertId: string, state?: TipState): QueryCommandInput {
    return {
      TableName: this.tableName,
      IndexName: INDEX,
      KeyConditionExpression: 'alertId = :a',
      ExpressionAttributeValues: { ':a': alertId, ...(state ? { ':state': state } : {}) },
      ...(state
        ? { FilterExpression: '#state = :state', ExpressionAttributeNames: { '#state': 'state' } }
        : {}),
      ScanIndexForward: false,
    };
  }

  async page(
    alertId: string,
    options: { state?: TipState; cursor?: string; limit: number },
  ): Promise<TipPage> {
    const items: Tip[] = [];
    let start = options.cursor ? decodeCursor(options.cursor) : undefined;
    let more = false;
    // A state filter may leave a read page short: read on until the page is full or the list ends.
    do {
      const out = await this.db.send(
        new QueryCommand({
          ...this.byAlert(alertId, options.state),
          Limit: options.limit - items.length,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []).map(toTip));
      start = out.LastEvaluatedKey;
      more = start !== undefined;
    } while (more && items.length < options.limit);
    const last = items.at(-1);
    return {
      items,
      ...(more && last
        ? {
            next: encodeCursor({ ...tipKey(last.id), alertId: last.alertId, receivedAt: last.receivedAt }),
          }
        : {}),
    };
  }

  async all(alertId: string): Promise<Tip[]> {
    const tips: Tip[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({ ...this.byAlert(alertId), ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      tips.push(...(out.Items ?? []).map(toTip));
      start = out.LastEvaluatedKey;
    } while (start);
    return tips;
  }

  counts(alertId: string): Promise<TipCounts> {
    return countTips(this.db, this.tableName, alertId);
  }

  async triage(id: string, entry: TipHistoryEntry & { from: TipState }): Promise<Tip> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: tipKey(id),
          UpdateExpression: 'SET #state = :to, #history = list_append(#history, :entry)',
          ConditionExpression: 'attribute_exists(pk) AND #state = :from',
          ExpressionAttributeNames: { '#state': 'state', '#history': 'history' },
          ExpressionAttributeValues: { ':to': entry.to, ':from': entry.from, ':entry': [entry] },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toTip(out.Attributes ?? {});
    } catch (error) {
      if (isConditionalCheckFailure(error)) {
        throw new ConcurrentChangeError(`The tip is no longer ${entry.from}: read it again`);
      }
      throw error;
    }
  }

  async countUrgent(alertId: string, now: Date, windowMs: number): Promise<number | undefined> {
    const Key = { pk: `URGENT#${alertId}`, sk: 'WINDOW' };
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key,
        UpdateExpression: 'ADD pending :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    // Claims the window only if the last notification is older than it; the old count is what this
    // notification reports, and concurrent tips' increments land either in it or in the next one.
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'SET notifiedAt = :now, pending = :zero',
          ConditionExpression: 'attribute_not_exists(notifiedAt) OR notifiedAt <= :cutoff',
          ExpressionAttributeValues: {
            ':now': now.getTime(),
            ':zero': 0,
            ':cutoff': now.getTime() - windowMs,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Math.max(1, Number(out.Attributes?.pending ?? 1));
    } catch (error) {
      if (isConditionalCheckFailure(error)) return undefined;
      throw error;
    }
  }

  async claimAcknowledgement(alertId: string, phone: string, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `ACK#${alertId}`, sk: phoneHash(phone), at: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  async purgeContacts(alertId: string, now: Date): Promise<number> {
    let purged = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEX,
          KeyConditionExpression: 'alertId = :a',
          FilterExpression: 'attribute_exists(contact)',
          ProjectionExpression: 'pk, sk, #state',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':a': alertId },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        if (await this.removeContact(item.pk as string, item.state as TipState, now)) purged++;
      }
      start = out.LastEvaluatedKey;
    } while (start);
    await this.forgetAcknowledgements(alertId);
    return purged;
  }

  /** The contact and its audit entry in one conditional write; a second run finds nothing to remove. */
  private async removeContact(pk: string, state: TipState, now: Date): Promise<boolean> {
    const entry: TipHistoryEntry = {
      at: now.toISOString(),
      actor: { sub: 'system', username: 'retention' },
      action: 'PURGE_CONTACT',
      from: state,
      to: state,
    };
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk: 'TIP' },
          UpdateExpression:
            'REMOVE contact SET contactPurgedAt = :now, #history = list_append(#history, :entry)',
          ConditionExpression: 'attribute_exists(contact)',
          ExpressionAttributeNames: { '#history': 'history' },
          ExpressionAttributeValues: { ':now': now.toISOString(), ':entry': [entry] },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  /** The acknowledgement markers are hashes of phones: they go with the contacts. */
  private async forgetAcknowledgements(alertId: string): Promise<void> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `ACK#${alertId}` },
          ProjectionExpression: 'pk, sk',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const keys = out.Items ?? [];
      for (let i = 0; i < keys.length; i += 25) {
        let requests: Record<string, unknown[]> | undefined = {
          [this.tableName]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
        };
        // Unprocessed deletes are sent again until none is left.
        while (requests && Object.keys(requests).length > 0) {
          const result = await this.db.send(new BatchWriteCommand({ RequestItems: requests as never }));
          requests = result.UnprocessedItems as Record<string, unknown[]> | undefined;
        }
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }
}
