import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../stages';
import { AmberFunction, bindTable } from './amber-function';

export const RETENTION_PURGE_HANDLER = 'lambdas/handlers/scheduled/purge-personal-data.ts';

export interface RetentionPurgeProps {
  stage: StageConfig;
  alerts: Table;
  deliveries: Table;
  /** The tips: their contact details go after AMBER_TIP_CONTACT_RETENTION_DAYS. */
  tips?: Table;
  deadLetterQueue?: IQueue;
}

/**
 * Once a day, removes the personal fields of the alerts that ended more than the retention period ago
 * (AMBER_RETENTION_DAYS), and their delivery records: it queries and updates alerts, and reads a message's
 * shard layout, queries and deletes its delivery records (lambdas/adapters/aws-access.ts).
 */
export class RetentionPurge extends Construct {
  readonly handler: AmberFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: RetentionPurgeProps) {
    super(scope, id);
    const { stage, alerts, deliveries, tips, deadLetterQueue } = props;
    this.handler = new AmberFunction(this, 'Handler', {
      entry: RETENTION_PURGE_HANDLER,
      stage,
      description: 'Daily: purge personal fields of alerts past retention, and their delivery records',
      // A backlog (the first run, or after an outage) may hold many alerts; a retry resumes safely.
      timeout: Duration.minutes(15),
      ...(deadLetterQueue ? { deadLetterQueue } : {}),
    });
    // It reads each message's shard layout (GetItem), then deletes its records by key.
    bindTable(this.handler, alerts, 'alertsTable', ['DynamoAlertRetention']);
    bindTable(this.handler, deliveries, 'deliveriesTable', ['DynamoDeliveryPurge']);
    // Queries an alert's tips, removes each contact (UpdateItem), deletes the acknowledgement markers.
    if (tips) bindTable(this.handler, tips, 'tipsTable', ['DynamoTipRepository']);

    this.rule = new Rule(this, 'Daily', {
      description: 'AMBER retention purge, daily at 03:30 UTC',
      schedule: Schedule.cron({ minute: '30', hour: '3' }),
      targets: [
        new LambdaFunction(this.handler, {
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
          ...(deadLetterQueue ? { deadLetterQueue } : {}),
        }),
      ],
    });
  }
}
