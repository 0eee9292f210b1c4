import { smsRateParameterName } from '../../lib/constructs/alert-workflow';
import { STAGES } from '../../lib/stages';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

/**
 * The SMS quota lives in an SSM parameter that ops change with the SNS quota: the plan and the senders read
 * it at run time, so no redeploy is needed, and nobody else may read it.
 */
let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber();
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statementsOf = (roleId: string): Statement[] =>
  Object.values(resourcesOfType(synth.template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties?.Roles).includes(roleId))
    .flatMap(
      (p) => (p.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    );
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const roleIdOf = (fn: { role?: unknown }) =>
  synth.stack.getLogicalId((fn.role as { node: { defaultChild: never } }).node.defaultChild);

test('a String parameter per stage holds the quota, at the stage value', () => {
  const name = smsRateParameterName('dev');
  expect(name).toBe('/amber/dev/sms-rate-per-second');
  synth.template.hasResourceProperties('AWS::SSM::Parameter', {
    Name: name,
    Type: 'String',
    Value: String(STAGES.dev.smsRatePerSecond),
  });
});

test('the plan and the senders may GetParameter on that parameter only; no other role touches SSM', () => {
  const { broadcast, sendShard } = synth.stack.workflow;
  const parameterId = synth.stack.getLogicalId(
    synth.stack.workflow.smsRateParameter.node.defaultChild as never,
  );
  const readers = [roleIdOf(broadcast), roleIdOf(sendShard)];
  for (const roleId of readers) {
    const ssm = statementsOf(roleId).filter((s) => actions(s).some((a) => a.startsWith('ssm:')));
    expect(ssm).toHaveLength(1);
    expect(actions(ssm[0] as Statement)).toEqual(['ssm:GetParameter']);
    const resource = JSON.stringify(ssm[0]?.Resource);
    expect(resource).toContain(parameterId);
    expect(resource).not.toContain('*');
  }
  const others = Object.keys(resourcesOfType(synth.template, 'AWS::IAM::Role')).filter(
    (r) => !readers.includes(r),
  );
  for (const roleId of others) {
    expect([
      roleId,
      statementsOf(roleId).filter((s) => actions(s).some((a) => a.startsWith('ssm:'))),
    ]).toEqual([roleId, []]);
  }
});

test('the readers are told the parameter; the configured rate stays as their fallback', () => {
  const { broadcast, sendShard } = synth.stack.workflow;
  for (const fn of [broadcast, sendShard]) {
    const props = synth.template.toJSON().Resources[synth.logicalId(fn)].Properties;
    expect(props.Environment.Variables).toMatchObject({
      AMBER_SMS_RATE_PARAMETER: { Ref: expect.any(String) },
      AMBER_SMS_RATE_PER_SECOND: String(STAGES.dev.smsRatePerSecond),
    });
  }
});

test('code SMS budget: every function that sends codes has the hourly budget and a filter; the alarm pages ops', () => {
  const { subscribe, unsubscribe } = synth.stack.api.functions;
  const resources = synth.template.toJSON().Resources;
  for (const fn of [subscribe, unsubscribe]) {
    expect(resources[synth.logicalId(fn)].Properties.Environment.Variables.AMBER_CODE_SMS_PER_HOUR).toBe(
      String(STAGES.dev.codeSmsPerHour),
    );
    const logGroupId = synth.stack.getLogicalId(fn.logGroup.node.defaultChild as never);
    synth.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logGroupId },
      FilterPattern: '{ $.codeBudget = "exhausted" }',
      MetricTransformations: [
        { MetricName: 'CodeSmsBudgetExhausted', MetricNamespace: 'AmberAlert', MetricValue: '1' },
      ],
    });
  }
  const opsTopicId = synth.stack.getLogicalId(synth.stack.messaging.opsTopic.node.defaultChild as never);
  synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'CodeSmsBudgetExhausted',
    Namespace: 'AmberAlert',
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    AlarmActions: [{ Ref: opsTopicId }],
  });
});
