import { AttributeType, type TableProps } from 'aws-cdk-lib/aws-dynamodb';

/**
 * Key schemas of the platform's tables: the CDK stack creates the tables from these, and the local platform
 * creates the same tables in dynalite from them.
 */
export interface TableDefinition {
  partitionKey: { name: string; type: AttributeType };
  sortKey?: { name: string; type: AttributeType };
  globalSecondaryIndexes: {
    indexName: string;
    partitionKey: { name: string; type: AttributeType };
    sortKey?: { name: string; type: AttributeType };
  }[];
  /**
   * DynamoDB deletes an item some time after this attribute (epoch seconds) has passed. Reads must not rely
   * on it (the deletion can lag by days, and dynalite has no TTL): they skip expired items themselves.
   */
  timeToLiveAttribute?: string;
}

const S = AttributeType.STRING;

export const TABLES = {
  /** One item per alert (status, content, audit history) plus `case#…` items that keep case numbers unique. */
  alerts: {
    partitionKey: { name: 'id', type: S },
    globalSecondaryIndexes: [
      {
        indexName: 'byDirectorate',
        partitionKey: { name: 'directorate', type: S },
        sortKey: { name: 'createdAt', type: S },
      },
      {
        indexName: 'byStatus',
        partitionKey: { name: 'status', type: S },
        sortKey: { name: 'createdAt', type: S },
      },
    ],
  },
  /**
   * Subscriber profiles (`PHONE#…`/`PROFILE`), county memberships (`COUNTY#…`/`PHONE#…`) and counters.
   * Rate-limit windows, profiles never confirmed and profiles of removed phones carry `expiresAt`.
   */
  subscribers: {
    partitionKey: { name: 'pk', type: S },
    sortKey: { name: 'sk', type: S },
    globalSecondaryIndexes: [],
    timeToLiveAttribute: 'expiresAt',
  },
  /**
   * One record per phone and message of an alert: the delivery plan and its progress. `byPhone` holds the
   * sent records only (`sentAt` is set when the gateway accepts the SMS): a reply finds the phone's latest.
   */
  deliveries: {
    partitionKey: { name: 'messageKey', type: S },
    sortKey: { name: 'phone', type: S },
    globalSecondaryIndexes: [
      {
        indexName: 'byPhone',
        partitionKey: { name: 'phone', type: S },
        sortKey: { name: 'sentAt', type: S },
      },
    ],
  },
  /**
   * Tips from the public (`TIP#<reference>`), the urgent-tip notification windows, the acknowledgement
   * markers and the tips' rate counters (lambdas/adapters/dynamodb/tip-repository.ts).
   */
  tips: {
    partitionKey: { name: 'pk', type: S },
    sortKey: { name: 'sk', type: S },
    globalSecondaryIndexes: [
      {
        indexName: 'byAlert',
        partitionKey: { name: 'alertId', type: S },
        sortKey: { name: 'receivedAt', type: S },
      },
    ],
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof TABLES;

/** The part of the CDK Table props that the definitions fix. */
export function keyProps(def: TableDefinition): Pick<TableProps, 'partitionKey' | 'sortKey'> {
  return { partitionKey: def.partitionKey, ...(def.sortKey ? { sortKey: def.sortKey } : {}) };
}
