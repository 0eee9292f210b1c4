import { Match } from 'aws-cdk-lib/assertions';
import { API_ROUTES } from '../../lib/api-routes';
import { publicExactPaths, publicPathPrefixes } from '../../lib/constructs/api-firewall';
import { STAGES } from '../../lib/stages';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber();
});

describe('hardening of the dev stack', () => {
  test('WAF: a per-IP rate rule on the public routes answers 429 with JSON; managed rule groups; on the stage', () => {
    const prefixes = publicPathPrefixes('dev');
    const exact = publicExactPaths('dev');
    expect(prefixes).toEqual(expect.arrayContaining(['/dev/public', '/dev/subscriptions']));
    // Every public route starts with one of them, or is the home page, matched exactly.
    for (const route of API_ROUTES.filter((r) => !r.auth)) {
      const covered =
        route.path === '/'
          ? exact.includes('/dev/')
          : prefixes.some((p) => `/dev${route.path}`.startsWith(p));
      expect([route.path, covered]).toEqual([route.path, true]);
    }
    expect(prefixes).not.toContain('/dev/');
    const [acl] = Object.values(resourcesOfType(synth.template, 'AWS::WAFv2::WebACL'));
    const props = acl?.Properties as {
      Rules: { Name: string; Action?: unknown; Statement: Record<string, unknown> }[];
      CustomResponseBodies: Record<string, { Content: string }>;
    };
    const rate = props.Rules.find((r) => r.Name === 'PublicRoutesPerClientRate');
    expect(rate?.Action).toEqual({
      Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'tooManyRequests' } },
    });
    const statement = rate?.Statement.RateBasedStatement as {
      Limit: number;
      AggregateKeyType: string;
      ScopeDownStatement: { OrStatement: { Statements: { ByteMatchStatement: { SearchString: string } }[] } };
    };
    expect(statement.Limit).toBe(STAGES.dev.publicRateLimitPerClient);
    expect(statement.AggregateKeyType).toBe('IP');
    expect(
      statement.ScopeDownStatement.OrStatement.Statements.map((s) => s.ByteMatchStatement.SearchString),
    ).toEqual([...prefixes, ...exact]);
    expect(JSON.parse(props.CustomResponseBodies.tooManyRequests?.Content ?? '{}')).toEqual({
      message: 'Too many requests',
    });
    expect(props.Rules.map((r) => r.Name)).toEqual(
      expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']),
    );
    synth.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  test('every log group is encrypted with the rotating logs key; every function has the encrypted DLQ', () => {
    const groups = Object.values(resourcesOfType(synth.template, 'AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThan(5);
    const keyId = synth.stack.getLogicalId(synth.stack.resilience.key.node.defaultChild as never);
    for (const group of groups) {
      expect(group.Properties?.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    }
    synth.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'CloudWatchLogsOfThisAccount', Effect: 'Allow' }),
        ]),
      }),
    });
    const dlqId = synth.stack.getLogicalId(synth.stack.resilience.deadLetterQueue.node.defaultChild as never);
    synth.template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    for (const fn of Object.values(resourcesOfType(synth.template, 'AWS::Lambda::Function'))) {
      expect(fn.Properties?.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    }
  });

  test('no function role carries an AWS managed policy', () => {
    for (const role of Object.values(resourcesOfType(synth.template, 'AWS::IAM::Role'))) {
      const assumed = JSON.stringify(role.Properties?.AssumeRolePolicyDocument);
      if (assumed.includes('lambda.amazonaws.com'))
        expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });

  test('API: request validator on every method; error-level execution logs without bodies', () => {
    const methods = Object.values(resourcesOfType(synth.template, 'AWS::ApiGateway::Method')).filter(
      (m) => m.Properties?.HttpMethod !== 'OPTIONS',
    );
    for (const method of methods) expect(method.Properties?.RequestValidatorId).toBeDefined();
    synth.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ]),
    });
  });

  test('alarms to the ops topic: integrity failures, dead letters, SMS failure ratio and spend at 80 %', () => {
    synth.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.failure = "ContentIntegrityError" }',
      MetricTransformations: [
        Match.objectLike({ MetricName: 'ContentIntegrityFailures', MetricNamespace: 'AmberAlert' }),
      ],
    });
    const alarms = Object.values(resourcesOfType(synth.template, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties ?? {},
    );
    const spend = alarms.find((a) => a.MetricName === 'SMSMonthToDateSpentUSD');
    expect(spend?.Threshold).toBe(STAGES.dev.smsMonthlySpendLimitUsd * 0.8);
    const ratio = alarms.find((a) => JSON.stringify(a.Metrics ?? '').includes('NumberOfNotificationsFailed'));
    expect(ratio?.Threshold).toBe(0.05);
    expect(alarms.some((a) => a.MetricName === 'ContentIntegrityFailures')).toBe(true);
    expect(alarms.some((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toBe(true);
    const opsTopic = synth.stack.getLogicalId(synth.stack.messaging.opsTopic.node.defaultChild as never);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: opsTopic }]);
    synth.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
