import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../ports/rate-limiter';
import { isConditionalCheckFailure } from './conditional';

/**
 * Counters in the subscribers table (`RATE#<sha256 of the key>` / `WINDOW#<start>`): one conditional ADD per
 * use, so concurrent requests cannot overshoot the limit. Items carry a TTL (`expiresAt`, epoch seconds)
 * one window after their end.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async tryHit(key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    const windowStart = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
    const hashed = createHash('sha256').update(key).digest('hex').slice(0, 40);
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
