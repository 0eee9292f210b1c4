import { Match } from 'aws-cdk-lib/assertions';
import { RESOURCE_ENV } from '../../lambdas/config/config';
import { type Synthesized, synthAmber } from './synth';

let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber();
});

describe('inbound SMS', () => {
  test('an encrypted topic for SMS replies, delivered to the inbound handler', () => {
    const { topic, handler } = synth.stack.inboundSms;
    const topicId = synth.stack.getLogicalId(topic.node.defaultChild as never);
    expect(synth.template.toJSON().Resources[topicId].Properties.KmsMasterKeyId).toBeDefined();
    synth.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topicId },
      Endpoint: { 'Fn::GetAtt': [synth.logicalId(handler), 'Arn'] },
    });
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: topicId },
      FunctionName: { 'Fn::GetAtt': [synth.logicalId(handler), 'Arn'] },
    });
  });

  test('SMS two-way messaging may publish to it', () => {
    const topicId = synth.stack.getLogicalId(synth.stack.inboundSms.topic.node.defaultChild as never);
    synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'sms-voice.amazonaws.com' },
          }),
        ]),
      },
    });
  });

  test('the handler knows the tables a STOP and a tip need, and nothing else', () => {
    const vars = synth.template.toJSON().Resources[synth.logicalId(synth.stack.inboundSms.handler)].Properties
      .Environment.Variables as Record<string, unknown>;
    const resources = Object.values(RESOURCE_ENV).filter((name) => name in vars);
    // STOP: the subscribers; a tip: the alert the phone last received (deliveries), the alert, the tips.
    expect(resources.sort()).toEqual(
      [
        RESOURCE_ENV.subscribersTable,
        RESOURCE_ENV.deliveriesTable,
        RESOURCE_ENV.alertsTable,
        RESOURCE_ENV.tipsTable,
      ].sort(),
    );
  });
});
