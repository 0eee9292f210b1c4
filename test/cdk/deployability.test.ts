import { resourcesOfType, type Synthesized, synthAmber } from './synth';

/**
 * What CloudFormation and the services refuse (or leave behind) at deploy time, which no local stand-in
 * shows: checked on the synthesized templates of both stages.
 */
let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  dev = synthAmber();
  prod = synthAmber({ stage: 'prod' });
});

type Resource = {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
const resources = (s: Synthesized) => s.template.toJSON().Resources as Record<string, Resource>;

describe('Cognito app clients', () => {
  test('every required attribute of the pool is writable by each client (else "Invalid write attributes")', () => {
    for (const s of [dev, prod]) {
      const pools = resourcesOfType(s.template, 'AWS::Cognito::UserPool');
      for (const [id, client] of Object.entries(
        resourcesOfType(s.template, 'AWS::Cognito::UserPoolClient'),
      )) {
        const props = client.Properties as { UserPoolId: { Ref: string }; WriteAttributes?: string[] };
        const schema = (pools[props.UserPoolId.Ref]?.Properties?.Schema ?? []) as {
          Name: string;
          Required?: boolean;
        }[];
        const required = schema.filter((a) => a.Required).map((a) => a.Name);
        expect(required.length).toBeGreaterThan(0);
        // No WriteAttributes means all attributes are writable; a list must hold every required one.
        const writable = props.WriteAttributes;
        if (writable === undefined) continue;
        expect({ client: id, missing: required.filter((name) => !writable.includes(name)) }).toEqual({
          client: id,
          missing: [],
        });
      }
    }
  });
});

/**
 * Name properties that must be unique in an account and region: a retained resource with a fixed one blocks
 * every later create of the same stack ("already exists"). Cognito user pool names need not be unique.
 */
const UNIQUE_NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::WAFv2::WebACL': 'Name',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
};

describe('retained resources', () => {
  test('no retained resource carries a fixed physical name (a rolled-back first deploy could not be retried)', () => {
    const retained = Object.entries(resources(prod)).filter(
      ([, r]) => r.DeletionPolicy === 'Retain' || r.UpdateReplacePolicy === 'Retain',
    );
    expect(retained.length).toBeGreaterThan(10);
    const fixed = retained
      .map(([id, r]) => ({ id, name: r.Properties?.[UNIQUE_NAME_PROPERTY[r.Type] ?? ''] }))
      // A name derived from the stack's id differs in every new stack: it cannot collide with a leftover.
      .filter(({ name }) => name !== undefined && !JSON.stringify(name).includes('AWS::StackId'))
      .map(({ id }) => id);
    expect(fixed).toEqual([]);
  });
});
