import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { NATIONAL } from '../../lambdas/config/config';
import type { StageConfig } from '../stages';

export interface MessagingProps {
  stage: StageConfig;
}

/** A supervisor who is told when an alert of their directorate waits for approval. */
export interface SupervisorContact {
  /** A region code (`AL-11`) or NATIONAL, who hears about every directorate. */
  directorate: string;
  email?: string;
  /** E.164. */
  phone?: string;
}

/** The message attribute the workflow sets on every approval request (the alert's directorate). */
export const DIRECTORATE_MESSAGE_ATTRIBUTE = 'directorate';

/**
 * The SNS topics that reach people other than the public, each encrypted with a customer-managed key of its
 * own: approval requests to supervisors (filtered by directorate), published by the workflow functions only,
 * and operational alarms to the on-call team, published by those functions and by CloudWatch alarms.
 *
 * One key per topic, because a key policy cannot name its topic (the topic depends on the key): a service
 * allowed on a shared key could encrypt for every topic under it.
 *
 * The public's SMS do not go through a topic: the broadcast function publishes to each phone number.
 */
export class Messaging extends Construct {
  readonly approvalsKey: Key;
  readonly opsKey: Key;
  readonly approvalsTopic: Topic;
  readonly opsTopic: Topic;

  constructor(scope: Construct, id: string, { stage }: MessagingProps) {
    super(scope, id);

    this.approvalsKey = topicKey(this, 'ApprovalsKey', `AMBER Alert ${stage.name}: approvals topic`, stage);
    this.opsKey = topicKey(this, 'OpsKey', `AMBER Alert ${stage.name}: ops topic`, stage);

    this.approvalsTopic = new Topic(this, 'ApprovalsTopic', {
      displayName: 'AMBER approval requests',
      masterKey: this.approvalsKey,
      enforceSSL: true,
    });
    this.opsTopic = new Topic(this, 'OpsTopic', {
      displayName: 'AMBER operations',
      masterKey: this.opsKey,
      enforceSSL: true,
    });
    // enforceSSL leaves the topic policy with a lone Deny: the alarms of this account must be let in.
    allowServiceToPublish(this.opsTopic, this.opsKey, 'cloudwatch.amazonaws.com', 'cloudwatch', 'alarm:*');
  }

  /**
   * Subscribes a supervisor to approval requests: those of their directorate, or all of them for NATIONAL.
   * Email subscriptions must be confirmed from the mailbox before they deliver.
   */
  addSupervisor(contact: SupervisorContact): void {
    if (!contact.email && !contact.phone) throw new Error('A supervisor contact needs an email or a phone');
    const filterPolicy =
      contact.directorate === NATIONAL
        ? undefined
        : {
            [DIRECTORATE_MESSAGE_ATTRIBUTE]: SubscriptionFilter.stringFilter({
              allowlist: [contact.directorate],
            }),
          };
    if (contact.email)
      this.approvalsTopic.addSubscription(new EmailSubscription(contact.email, { filterPolicy }));
    if (contact.phone)
      this.approvalsTopic.addSubscription(new SmsSubscription(contact.phone, { filterPolicy }));
  }

  /** Subscribes the on-call team (email) to the operational alarms. */
  addOnCallEmail(email: string): void {
    this.opsTopic.addSubscription(new EmailSubscription(email));
  }
}

/** A rotating customer-managed key for one topic. */
export function topicKey(scope: Construct, id: string, description: string, stage: StageConfig): Key {
  return new Key(scope, id, {
    description,
    enableKeyRotation: true,
    removalPolicy: stage.removalPolicy,
    pendingWindow: Duration.days(30),
  });
}

/**
 * Lets an AWS service publish to an encrypted topic: `sns:Publish` in the topic policy and the key use SNS
 * asks for on its behalf, both only for sources of this account (`aws:SourceAccount`) of the given resource
 * type (`aws:SourceArn`), so that no other account's resource can make the service publish here.
 */
export function allowServiceToPublish(
  topic: Topic,
  key: Key,
  service: string,
  sourceService: string,
  sourceResource: string,
): void {
  const stack = Stack.of(topic);
  const conditions = {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: {
      'aws:SourceArn': `arn:${stack.partition}:${sourceService}:${stack.region}:${stack.account}:${sourceResource}`,
    },
  };
  const principal = new ServicePrincipal(service);
  topic.addToResourcePolicy(
    new PolicyStatement({
      sid: `${sourceService}Publishes`,
      principals: [principal],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions,
    }),
  );
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: `${sourceService}PublishesToTheEncryptedTopic`,
      principals: [principal],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions,
    }),
  );
}
