import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INBOUND_SMS_HANDLER } from '../api-routes';
import type { StageConfig } from '../stages';
import { AmberFunction } from './amber-function';

export interface InboundSmsProps {
  stage: StageConfig;
  /** The messaging key: replies carry phone numbers, so the topic is encrypted like the others. */
  key: IKey;
  deadLetterQueue?: IQueue;
}

/**
 * Replies to the platform's SMS: the originating number's two-way SMS publishes them to this topic and the
 * handler ends the subscription of a phone that replied STOP. (Pointing the number's two-way channel at the
 * topic is a deployment step: see docs/operations.md.)
 */
export class InboundSms extends Construct {
  readonly topic: Topic;
  readonly handler: AmberFunction;

  constructor(scope: Construct, id: string, { stage, key, deadLetterQueue }: InboundSmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'AMBER inbound SMS',
      masterKey: key,
      enforceSSL: true,
    });
    // End User Messaging SMS publishes the replies to the encrypted topic.
    // A statement of its own (with a Sid, so not merged with CloudWatch's): each service's grant reads alone.
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SmsVoicePublishesInboundSms',
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    // Not grantPublish: it would also grant the key, merged into CloudWatch's statement.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
      }),
    );

    this.handler = new AmberFunction(this, 'Handler', {
      entry: INBOUND_SMS_HANDLER,
      stage,
      description: 'Inbound SMS: a STOP reply ends the subscription',
      ...(deadLetterQueue ? { deadLetterQueue } : {}),
    });
    this.topic.addSubscription(new LambdaSubscription(this.handler));
  }
}
