import { Duration } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
 * The SNS topics that reach people other than the public, both encrypted with a customer-managed key:
 * approval requests to supervisors (filtered by directorate) and operational alarms to the on-call team.
 *
 * The public's SMS do not go through a topic: the broadcast function publishes to each phone number.
 */
export class Messaging extends Construct {
  readonly key: Key;
  readonly approvalsTopic: Topic;
  readonly opsTopic: Topic;

  constructor(scope: Construct, id: string, { stage }: MessagingProps) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: `AMBER Alert ${stage.name}: SNS topics (approvals, ops)`,
      enableKeyRotation: true,
      removalPolicy: stage.removalPolicy,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch alarms publish to the encrypted ops topic.
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.approvalsTopic = new Topic(this, 'ApprovalsTopic', {
      displayName: 'AMBER approval requests',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.opsTopic = new Topic(this, 'OpsTopic', {
      displayName: 'AMBER operations',
      masterKey: this.key,
      enforceSSL: true,
    });
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
