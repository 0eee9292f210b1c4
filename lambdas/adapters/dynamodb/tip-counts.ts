import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { countStates, type TipCounts, type TipState } from '../../domain/tips/tip';
import type { TipReader } from '../../ports/tip-repository';

/**
 * An alert's tips per state, from the `byAlert` index (the state only is projected back). On its own so
 * that GET /alerts/{id}, which shows the counts, bundles no tip writes.
 */
export async function countTips(
  db: DynamoDBDocumentClient,
  tableName: string,
  alertId: string,
): Promise<TipCounts> {
  const states: TipState[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'byAlert',
        KeyConditionExpression: 'alertId = :a',
        ProjectionExpression: '#state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':a': alertId },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of out.Items ?? []) states.push(item.state as TipState);
    start = out.LastEvaluatedKey;
  } while (start);
  return countStates(states);
}

export class DynamoTipCounts implements Pick<TipReader, 'counts'> {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  counts(alertId: string): Promise<TipCounts> {
    return countTips(this.db, this.tableName, alertId);
  }
}
