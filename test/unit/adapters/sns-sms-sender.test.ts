import 'aws-sdk-client-mock-jest';
import {
  EndpointDisabledException,
  InternalErrorException,
  InvalidParameterException,
  InvalidParameterValueException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SnsSmsSender } from '../../../lambdas/adapters/aws/sns-sms-sender';
import { loadConfig } from '../../../lambdas/config/config';
import { type SmsMessage, SmsSendError } from '../../../lambdas/ports/sms-sender';
import { rejectionOf } from '../support/errors';

const client = new SNSClient({ region: 'eu-central-1' });
const sns = mockClient(client);
const sender = new SnsSmsSender(client, loadConfig({}).sms);

beforeEach(() => sns.reset());

const message: SmsMessage = {
  to: '+355691234567',
  body: 'AMBER ALERT: Arta, 9 ...',
  kind: 'ALERT',
  alertId: 'a-1',
  encoding: 'GSM-7',
  segments: 1,
};

test('publishes to the phone number, as a Transactional SMS from the sender ID under the price cap', async () => {
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  await expect(sender.send(message)).resolves.toEqual({ providerMessageId: 'm-1' });
  expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  expect(sns).toHaveReceivedCommandWith(PublishCommand, {
    PhoneNumber: '+355691234567',
    Message: 'AMBER ALERT: Arta, 9 ...',
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'AMBERALERT' },
      'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.50' },
    },
  });
  expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.TopicArn).toBeUndefined();
});

test('no MessageId in the answer: no provider id', async () => {
  sns.on(PublishCommand).resolves({});
  await expect(sender.send(message)).resolves.toEqual({});
});

const meta = { $metadata: {} };
test.each([
  [
    'InvalidParameterException',
    new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', ...meta }),
  ],
  ['InvalidParameterValueException', new InvalidParameterValueException({ message: 'bad', ...meta })],
  ['OptedOutException', new OptedOutException({ message: 'opted out', ...meta })],
  ['EndpointDisabledException', new EndpointDisabledException({ message: 'disabled', ...meta })],
])('%s is a non-retryable SmsSendError', async (name, error) => {
  sns.on(PublishCommand).rejects(error);
  const thrown = await rejectionOf(sender.send(message));
  expect(thrown).toBeInstanceOf(SmsSendError);
  expect(thrown).toMatchObject({ retryable: false, message: name });
});

const throttling = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
test.each([
  ['ThrottledException', new ThrottledException({ message: 'Rate exceeded', ...meta })],
  ['Throttling', throttling],
  ['InternalErrorException', new InternalErrorException({ message: 'oops', ...meta })],
  ['TimeoutError', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })],
])('%s is a retryable SmsSendError', async (name, error) => {
  sns.on(PublishCommand).rejects(error);
  const thrown = await rejectionOf(sender.send(message));
  expect(thrown).toBeInstanceOf(SmsSendError);
  expect(thrown).toMatchObject({ retryable: true, message: name });
});

test('the error text itself is not passed on (it can quote the number)', async () => {
  sns
    .on(PublishCommand)
    .rejects(new InvalidParameterException({ message: 'Invalid phone +355691234567', ...meta }));
  const thrown = await rejectionOf(sender.send(message));
  expect((thrown as Error).message).not.toContain('+355');
});
