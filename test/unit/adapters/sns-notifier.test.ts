import 'aws-sdk-client-mock-jest';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SnsNotifier } from '../../../lambdas/adapters/aws/sns-notifier';

const client = new SNSClient({ region: 'eu-central-1' });
const sns = mockClient(client);
const TOPIC = 'arn:aws:sns:eu-central-1:123456789012:amber-approvals';
const OPS = 'arn:aws:sns:eu-central-1:123456789012:amber-ops';
const notifier = new SnsNotifier(client, TOPIC, 'https://amber.example.org', OPS);

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
});

test('publishes the approval request to the topic, filterable by directorate', async () => {
  await notifier.approvalRequested({
    alertId: 'a-1',
    directorate: 'AL-11',
    counties: ['AL-11', 'AL-02'],
    mode: 'LIVE',
  });
  expect(sns).toHaveReceivedCommandWith(PublishCommand, {
    TopicArn: TOPIC,
    Subject: 'AMBER Alert awaiting approval',
    MessageAttributes: {
      directorate: { DataType: 'String', StringValue: 'AL-11' },
      kind: { DataType: 'String', StringValue: 'APPROVAL_REQUESTED' },
    },
  });
  const text = sns.commandCalls(PublishCommand)[0]?.args[0].input.Message;
  expect(text).toContain('a-1');
  expect(text).toContain('AL-11, AL-02');
  expect(text).toContain('https://amber.example.org');
});

test('tells the same supervisors when an alert is withdrawn before approval, with no child details', async () => {
  await notifier.approvalWithdrawn({
    alertId: 'a-1',
    directorate: 'AL-11',
    counties: ['AL-11'],
    mode: 'EXERCISE',
  });
  expect(sns).toHaveReceivedCommandWith(PublishCommand, {
    TopicArn: TOPIC,
    Subject: '[EXERCISE] AMBER Alert withdrawn before approval',
    MessageAttributes: {
      directorate: { DataType: 'String', StringValue: 'AL-11' },
      kind: { DataType: 'String', StringValue: 'APPROVAL_WITHDRAWN' },
    },
  });
  expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message).toBe(
    '[EXERCISE] AMBER Alert a-1 for AL-11 was withdrawn before approval: nothing was sent, nothing is left to approve.',
  );
});

test('marks exercises in subject and message', async () => {
  await notifier.approvalRequested({
    alertId: 'a-1',
    directorate: 'AL-11',
    counties: ['AL-11'],
    mode: 'EXERCISE',
  });
  const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
  expect(input?.Subject).toBe('[EXERCISE] AMBER Alert awaiting approval');
  expect(input?.Message).toMatch(/^\[EXERCISE\] /);
});

test('pages ops on the ops topic before a live broadcast, with counts and no child details', async () => {
  await notifier.broadcastStarting({ alertId: 'a-1', counties: ['AL-11', 'AL-02'], recipients: 1234 });
  expect(sns).toHaveReceivedCommandWith(PublishCommand, {
    TopicArn: OPS,
    Subject: 'AMBER Alert broadcast starting',
    MessageAttributes: { kind: { DataType: 'String', StringValue: 'BROADCAST_STARTING' } },
  });
  const text = sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '';
  expect(text).toContain('a-1');
  expect(text).toContain('1234 phones');
  expect(text).toContain('AL-11, AL-02');
});
