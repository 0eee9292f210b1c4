import { createHmac } from 'node:crypto';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../ports/rate-limiter';
import { isConditionalCheckFailure } from './conditional';

/** The secret of the counter keys, read once (a Secrets Manager secret in AWS, a file under .amber/ locally). */
export type RateLimitKeySource = () => Promise<Uint8Array>;

/**
 * Counters in the subscribers table (`RATE#<HMAC-SHA-256 of the key>` / `WINDOW#<start>`): one conditional ADD
 * per use, so concurrent requests cannot overshoot the limit. The HMAC is keyed with a secret: a bare hash of
 * a phone number or an IP is reversed by hashing every number or address there is. Items carry a TTL
 * (`expiresAt`, epoch seconds) one window after their end.
 */
export class DynamoRateLimiter implements RateLimiter {
  private secret?: Promise<Uint8Array>;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly keySource: RateLimitKeySource,
  ) {}

  private async counterKey(key: string): Promise<string> {
    this.secret ??= this.keySource().catch((error: unknown) => {
      // A failed read is tried again by the next request, not remembered for the container's life.
      this.secret = undefined;
      throw error;
    });
    return createHmac('sha256', await this.secret)
      .update(key)
      .digest('hex')
      .slice(0, 40);
  }

  async tryHit(key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    const windowStart = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
    const hashed = await this.counterKey(key);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `RATE#${hashed}`, sk: `WINDOW#${windowStart}` },
          UpdateExpression: 'ADD hits :one SET expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expiresAt': windowStart + 2 * windowSeconds,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }
}

/** The tips' counters (per client, per alert) in the tips table: a class of its own, so it is granted there only. */
export class DynamoTipRateLimiter extends DynamoRateLimiter {}
