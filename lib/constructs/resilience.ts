import { Aspects, Duration, type IAspect, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type CfnKey, Key } from 'aws-cdk-lib/aws-kms';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import type { StageConfig } from '../stages';

export interface ResilienceProps {
  stage: StageConfig;
}

/**
 * What every function and log group of the stack shares: a dead-letter queue for failed asynchronous
 * invocations (the scheduled purge; API and workflow calls are synchronous and fail to their caller), and
 * a customer-managed, rotating key for the DLQ and every CloudWatch log group.
 */
export class Resilience extends Construct {
  readonly key: Key;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, { stage }: ResilienceProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new Key(this, 'Key', {
      description: `AMBER Alert ${stage.name}: CloudWatch log groups and the dead-letter queue`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: stage.removalPolicy,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch Logs encrypts with the key, only for log groups of this account and region.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`,
          },
        },
      }),
    );

    // EventBridge sends a scheduled target's failed events here (the queue policy names each rule); SQS asks
    // KMS for a data key on its behalf. No aws:SourceArn condition: the key request EventBridge causes
    // carries none, and the queue policy already limits which rules may send.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeSendsToTheDeadLetterQueue',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    Aspects.of(stack).add(new EncryptLogGroups(this.key));
  }
}

/** Gives every log group of the stack the key (an aspect, so that no log group can be created without it). */
class EncryptLogGroups implements IAspect {
  constructor(private readonly key: Key) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnLogGroup && node.kmsKeyId === undefined) {
      node.kmsKeyId = this.key.keyArn;
      // The key policy must allow CloudWatch Logs before the log group is created with it.
      node.node.addDependency(this.key.node.defaultChild as CfnKey);
    }
  }
}
