import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AmberConfig } from '../../config/config';
import { type SmsMessage, SmsSendError, type SmsSender } from '../../ports/sms-sender';

/** SNS errors after which the same number must not be tried again for this message. */
const PERMANENT = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'OptedOutException',
  'EndpointDisabledException',
]);

/** Sends one SMS per phone with SNS Publish: SNS topics cannot filter a national registry (200 policies). */
export class SnsSmsSender implements SmsSender {
  constructor(
    private readonly sns: SNSClient,
    private readonly sms: AmberConfig['sms'],
  ) {}

  async send(message: SmsMessage): Promise<{ providerMessageId?: string }> {
    try {
      const out = await this.sns.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.body,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: this.sms.smsType },
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.sms.senderId },
            'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: this.sms.maxPriceUsd },
          },
        }),
      );
      return out.MessageId ? { providerMessageId: out.MessageId } : {};
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      throw new SmsSendError(name, !PERMANENT.has(name));
    }
  }
}
