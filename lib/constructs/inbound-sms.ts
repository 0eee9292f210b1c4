import type { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INBOUND_SMS_HANDLER } from '../api-routes';
import type { StageConfig } from '../stages';
import { AmberFunction } from './amber-function';
import { allowServiceToPublish, topicKey } from './messaging';

export interface InboundSmsProps {
  stage: StageConfig;
  deadLetterQueue?: IQueue;
}

/**
 * Replies to the platform's SMS: the originating number's two-way SMS publishes them to this topic and the
 * handler ends the subscription of a phone that replied STOP. (Pointing the number's two-way channel at the
 * topic is a deployment step: see docs/operations.md.)
 */
export class InboundSms extends Construct {
  /** Replies carry phone numbers: the topic is encrypted like the others, with a key of its own. */
  readonly key: Key;
  readonly topic: Topic;
  readonly handler: AmberFunction;

  constructor(scope: Construct, id: string, { stage, deadLetterQueue }: InboundSmsProps) {
    super(scope, id);
    this.key = topicKey(this, 'Key', `AMBER Alert ${stage.name}: inbound SMS topic`, stage);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'AMBER inbound SMS',
      masterKey: this.key,
      enforceSSL: true,
    });
    // End User Messaging SMS publishes the replies to the encrypted topic, from this account's numbers only.
    allowServiceToPublish(this.topic, this.key, 'sms-voice.amazonaws.com', 'sms-voice', '*');

    this.handler = new AmberFunction(this, 'Handler', {
      entry: INBOUND_SMS_HANDLER,
      stage,
      description: 'Inbound SMS: a STOP reply ends the subscription',
      ...(deadLetterQueue ? { deadLetterQueue } : {}),
    });
    this.topic.addSubscription(new LambdaSubscription(this.handler));
  }
}
