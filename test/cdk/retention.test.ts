import { Match } from 'aws-cdk-lib/assertions';
import { RESOURCE_ENV } from '../../lambdas/config/config';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber();
});

const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  synth.stack.getLogicalId(construct.node.defaultChild as never);

describe('retention purge', () => {
  test('a daily schedule invokes the purge function, with retries and the shared dead-letter queue', () => {
    const fnId = synth.logicalId(synth.stack.retention.handler);
    const rules = Object.values(resourcesOfType(synth.template, 'AWS::Events::Rule'));
    const purgeRules = rules.filter((r) => JSON.stringify(r).includes(fnId));
    expect(purgeRules).toHaveLength(1);
    expect(purgeRules[0]?.Properties).toMatchObject({
      ScheduleExpression: 'cron(30 3 * * ? *)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21_600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [idOf(synth.stack.resilience.deadLetterQueue), 'Arn'] } },
        },
      ],
    });
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
  });

  test('15 minutes, and only the names of the two tables it touches', () => {
    const props =
      synth.template.toJSON().Resources[synth.logicalId(synth.stack.retention.handler)].Properties;
    expect(props.Timeout).toBe(900);
    const vars = props.Environment.Variables as Record<string, unknown>;
    expect(vars).toMatchObject({
      [RESOURCE_ENV.alertsTable]: { Ref: idOf(synth.stack.data.tables.alerts) },
      [RESOURCE_ENV.deliveriesTable]: { Ref: idOf(synth.stack.data.tables.deliveries) },
    });
    expect(vars).not.toHaveProperty(RESOURCE_ENV.subscribersTable);
    expect(vars).not.toHaveProperty(RESOURCE_ENV.stateMachineArn);
  });

  test('queries the byStatus index (index ARNs are granted) and may not put or get items', () => {
    const alertsArn = { 'Fn::GetAtt': [idOf(synth.stack.data.tables.alerts), 'Arn'] };
    synth.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['dynamodb:Query', 'dynamodb:UpdateItem'],
            Resource: Match.arrayWith([alertsArn, { 'Fn::Join': ['', [alertsArn, '/index/*']] }]),
          }),
        ]),
      },
    });
  });
});
