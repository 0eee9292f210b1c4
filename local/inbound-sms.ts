import type { SNSEvent } from 'aws-lambda';

/**
 * The SNS notification SMS two-way messaging delivers for a reply, with the fields the inbound handler
 * reads (lambdas/handlers/sms/inbound-sms.ts): what POST /local/inbound-sms feeds it.
 */
export function inboundSmsEvent(from: string, body: string, now = new Date()): SNSEvent {
  const messageId = `local-${now.getTime()}-${Math.random().toString(36).slice(2)}`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:local:000000000000:amber-inbound-sms:local',
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: 'arn:aws:sns:local:000000000000:amber-inbound-sms',
          Subject: '',
          Message: JSON.stringify({
            originationNumber: from,
            destinationNumber: '+15550100',
            messageBody: body,
            inboundMessageId: messageId,
          }),
          Timestamp: now.toISOString(),
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}
