import { Match } from 'aws-cdk-lib/assertions';
import { createAmberApp } from '../../lib/amber-app';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

const SUPERVISORS = [
  { directorate: 'AL-11', email: 'tirana.supervisor@example.org' },
  { directorate: 'AL-02', phone: '+355690000002' },
  { directorate: 'NATIONAL', email: 'national@example.org' },
];

let s: Synthesized;
beforeAll(() => {
  s = synthAmber({
    context: { supervisors: JSON.stringify(SUPERVISORS), onCallEmails: '["oncall@example.org"]' },
  });
});

const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  s.stack.getLogicalId(construct.node.defaultChild as never);

describe('topics', () => {
  test('approvals, ops and inbound SMS topics, each encrypted with a key of its own, TLS only', () => {
    const topics = resourcesOfType(s.template, 'AWS::SNS::Topic');
    const keyOf = (topic: { node: { defaultChild?: unknown } }) =>
      topics[idOf(topic)]?.Properties?.KmsMasterKeyId as unknown;
    expect(keyOf(s.stack.messaging.approvalsTopic)).toEqual({
      'Fn::GetAtt': [idOf(s.stack.messaging.approvalsKey), 'Arn'],
    });
    expect(keyOf(s.stack.messaging.opsTopic)).toEqual({
      'Fn::GetAtt': [idOf(s.stack.messaging.opsKey), 'Arn'],
    });
    expect(keyOf(s.stack.inboundSms.topic)).toEqual({ 'Fn::GetAtt': [idOf(s.stack.inboundSms.key), 'Arn'] });
    expect(Object.keys(topics)).toHaveLength(3);
    s.template.resourceCountIs('AWS::SNS::TopicPolicy', 3);
    s.template.allResourcesProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
  // Who may publish to each topic and use its key: test/cdk/deployability.test.ts.
});

describe('supervisor subscriptions (context `supervisors`)', () => {
  const subscriptions = () =>
    Object.values(resourcesOfType(s.template, 'AWS::SNS::Subscription')).map(
      (r) =>
        r.Properties as { Endpoint: string; Protocol: string; FilterPolicy?: unknown; TopicArn: unknown },
    );
  const approvals = () => ({ Ref: idOf(s.stack.messaging.approvalsTopic) });

  test('a regional supervisor hears only about their directorate', () => {
    expect(subscriptions()).toContainEqual({
      Endpoint: 'tirana.supervisor@example.org',
      Protocol: 'email',
      FilterPolicy: { directorate: ['AL-11'] },
      TopicArn: approvals(),
    });
    expect(subscriptions()).toContainEqual({
      Endpoint: '+355690000002',
      Protocol: 'sms',
      FilterPolicy: { directorate: ['AL-02'] },
      TopicArn: approvals(),
    });
  });

  test('a national supervisor hears about every directorate (no filter)', () => {
    expect(subscriptions()).toContainEqual({
      Endpoint: 'national@example.org',
      Protocol: 'email',
      TopicArn: approvals(),
    });
  });

  test('the on-call team subscribes to the ops topic', () => {
    expect(subscriptions()).toContainEqual({
      Endpoint: 'oncall@example.org',
      Protocol: 'email',
      TopicArn: { Ref: idOf(s.stack.messaging.opsTopic) },
    });
  });

  test('an unknown directorate or a contact without address fails the synth', () => {
    const build = (supervisors: unknown) =>
      createAmberApp({
        context: { 'aws:cdk:bundling-stacks': [], supervisors: JSON.stringify(supervisors) },
      });
    expect(() => build([{ directorate: 'AL-99', email: 'x@example.org' }])).toThrow(
      /Unknown directorate AL-99/,
    );
    expect(() => build([{ directorate: 'AL-01' }])).toThrow(/needs an email or a phone/);
    expect(() => build({ directorate: 'AL-01' })).toThrow(/must be a JSON array/);
  });
});

describe('alarms', () => {
  const alarms = () =>
    Object.values(resourcesOfType(s.template, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties as Record<string, unknown>,
    );
  const ops = () => ({ Ref: idOf(s.stack.messaging.opsTopic) });

  test('any occurrence pages the ops topic (and tells it of recovery); SMS ratio and spend: see hardening', () => {
    expect(alarms()).toHaveLength(12);
    // Sums of events; the DLQ depth, the SMS ratio and the spend are levels (test/cdk/hardening.test.ts), and
    // a flood of tips is a rate (test/cdk/tips.test.ts).
    const levels = ['SMSMonthToDateSpentUSD', 'ApproximateNumberOfMessagesVisible', 'TipFloodRefusals'];
    const countAlarms = alarms().filter((a) => !levels.includes(String(a.MetricName)) && !a.Metrics);
    expect(countAlarms).toHaveLength(7);
    for (const alarm of countAlarms) {
      expect(alarm).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        Statistic: 'Sum',
        AlarmActions: [ops()],
        OKActions: [ops()],
      });
    }
  });

  test('failed workflow executions', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/States',
        MetricName: 'ExecutionsFailed',
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: idOf(s.stack.workflow.stateMachine) } }],
      }),
    );
  });

  test('API 5xx on the deployed stage', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: expect.arrayContaining([
          { Name: 'Stage', Value: { Ref: idOf(s.stack.api.api.deploymentStage) } },
        ]),
      }),
    );
  });

  test('broadcast function errors', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: s.logicalId(s.stack.workflow.broadcast) } }],
      }),
    );
  });
});
