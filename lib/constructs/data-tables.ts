import { Duration } from 'aws-cdk-lib';
import { BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StageConfig } from '../stages';
import { keyProps, TABLES, type TableDefinition, type TableName } from '../tables';

export interface DataTablesProps {
  stage: StageConfig;
}

/**
 * The platform's DynamoDB tables, created from the key schemas in lib/tables.ts: on demand, point-in-time
 * recovery, encrypted with a customer-managed key that rotates yearly.
 */
export class DataTables extends Construct {
  readonly key: Key;
  readonly tables: Readonly<Record<TableName, Table>>;

  constructor(scope: Construct, id: string, { stage }: DataTablesProps) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: `AMBER Alert ${stage.name}: DynamoDB tables (alerts, subscribers, deliveries, tips)`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: stage.removalPolicy,
      // Deleting a key destroys every backup made with it: wait the longest CloudFormation allows.
      pendingWindow: Duration.days(30),
    });

    const create = (name: TableName): Table => {
      const def: TableDefinition = TABLES[name];
      const table = new Table(this, name.charAt(0).toUpperCase() + name.slice(1), {
        ...keyProps(def),
        ...(def.timeToLiveAttribute ? { timeToLiveAttribute: def.timeToLiveAttribute } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        deletionProtection: stage.deletionProtection,
        removalPolicy: stage.removalPolicy,
      });
      for (const gsi of def.globalSecondaryIndexes) {
        table.addGlobalSecondaryIndex({
          indexName: gsi.indexName,
          partitionKey: gsi.partitionKey,
          ...('sortKey' in gsi && gsi.sortKey ? { sortKey: gsi.sortKey } : {}),
          projectionType: ProjectionType.ALL,
        });
      }
      return table;
    };

    this.tables = {
      alerts: create('alerts'),
      subscribers: create('subscribers'),
      deliveries: create('deliveries'),
      tips: create('tips'),
    };
  }
}
