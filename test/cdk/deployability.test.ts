import {
  asList,
  type PolicyStatementJson,
  resourcesOfType,
  roleStatements,
  type Synthesized,
  synthAmber,
} from './synth';

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
/** A resource's properties, which every resource read here has. */
const props = (r: { Properties?: Record<string, unknown> } | undefined): Record<string, unknown> => {
  if (!r?.Properties) throw new Error('A resource without properties');
  return r.Properties;
};
const resources = (s: Synthesized) => s.template.toJSON().Resources as Record<string, Resource>;

describe('Cognito app clients', () => {
  test('every required attribute of the pool is writable by each client (else "Invalid write attributes")', () => {
    for (const s of [dev, prod]) {
      const pools = resourcesOfType(s.template, 'AWS::Cognito::UserPool');
      for (const [id, client] of Object.entries(
        resourcesOfType(s.template, 'AWS::Cognito::UserPoolClient'),
      )) {
        const clientProps = client.Properties as { UserPoolId: { Ref: string }; WriteAttributes?: string[] };
        const schema = (props(pools[clientProps.UserPoolId.Ref]).Schema ?? []) as {
          Name: string;
          Required?: boolean;
        }[];
        const required = schema.filter((a) => a.Required).map((a) => a.Name);
        expect(required.length).toBeGreaterThan(0);
        // No WriteAttributes means all attributes are writable; a list must hold every required one.
        const writable = clientProps.WriteAttributes;
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

type Statement = PolicyStatementJson;
const servicesOf = (st: Statement) =>
  asList((st.Principal as { Service?: string | string[] } | undefined)?.Service);
const conditionKeys = (st: Statement) => Object.values(st.Condition ?? {}).flatMap((c) => Object.keys(c));

/**
 * Who must publish to each topic besides the stack's own functions (which publish through their roles):
 * the service, and the resource type of the `aws:SourceArn` it publishes from.
 */
const TOPIC_PUBLISHERS = (s: Synthesized) => [
  { name: 'ops', topic: s.stack.messaging.opsTopic, service: 'cloudwatch.amazonaws.com', source: ':alarm:' },
  { name: 'approvals', topic: s.stack.messaging.approvalsTopic, service: undefined, source: undefined },
  {
    name: 'inbound SMS',
    topic: s.stack.inboundSms.topic,
    service: 'sms-voice.amazonaws.com',
    source: ':sms-voice:',
  },
];

describe('topics: each service that must publish may, and only that one', () => {
  test('every topic of the stack is listed here', () => {
    expect(Object.keys(resourcesOfType(dev.template, 'AWS::SNS::Topic')).sort()).toEqual(
      TOPIC_PUBLISHERS(dev)
        .map(({ topic }) => dev.stack.getLogicalId(topic.node.defaultChild as never))
        .sort(),
    );
  });

  for (const { name } of TOPIC_PUBLISHERS({ stack: { messaging: {}, inboundSms: {} } } as never)) {
    const publisher = () => {
      const entry = TOPIC_PUBLISHERS(dev).find((p) => p.name === name);
      if (!entry) throw new Error(name);
      const topicId = dev.stack.getLogicalId(entry.topic.node.defaultChild as never);
      return { ...entry, topicId };
    };

    test(`${name} topic: its policy allows exactly its publishing service, from this account's sources, over TLS`, () => {
      const { topicId, service, source } = publisher();
      const policies = Object.values(resourcesOfType(dev.template, 'AWS::SNS::TopicPolicy')).filter((p) =>
        JSON.stringify(p.Properties?.Topics).includes(JSON.stringify({ Ref: topicId })),
      );
      expect(policies).toHaveLength(1);
      const statements = (props(policies[0]).PolicyDocument as { Statement: Statement[] }).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      const allows = statements.filter((st) => st.Effect === 'Allow');
      expect(allows.flatMap(servicesOf)).toEqual(service ? [service] : []);
      // Anything but a service principal would open the topic to other accounts.
      expect(allows.every((st) => servicesOf(st).length > 0)).toBe(true);
      for (const allow of allows) {
        expect(asList(allow.Action)).toEqual(['sns:Publish']);
        expect(allow.Condition?.StringEquals?.['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
        expect(JSON.stringify(allow.Condition?.ArnLike?.['aws:SourceArn'])).toContain(source);
      }
    });

    test(`${name} topic: its key lets exactly that service encrypt, from this account's sources`, () => {
      const { topicId, service, source } = publisher();
      const res = resources(dev);
      const keyId = (props(res[topicId]).KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })[
        'Fn::GetAtt'
      ][0];
      const statements = (props(res[keyId]).KeyPolicy as { Statement: Statement[] }).Statement;
      const serviceStatements = statements.filter((st) => st.Effect === 'Allow' && servicesOf(st).length > 0);
      expect(serviceStatements.flatMap(servicesOf)).toEqual(service ? [service] : []);
      for (const st of serviceStatements) {
        expect(asList(st.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
        expect(st.Condition?.StringEquals?.['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
        expect(JSON.stringify(st.Condition?.ArnLike?.['aws:SourceArn'])).toContain(source);
        expect(conditionKeys(st).sort()).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
      }
    });
  }
});

describe('dead-letter queue: every sender can write to it through its key', () => {
  const queueOf = (arn: unknown) => (arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const keyOfQueue = (queueId: string) =>
    (props(resources(dev)[queueId]).KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

  test('each function with a DLQ may send to it, and encrypt with its key', () => {
    const fns = Object.entries(resourcesOfType(dev.template, 'AWS::Lambda::Function')).filter(
      ([, fn]) => props(fn).DeadLetterConfig,
    );
    expect(fns.length).toBeGreaterThan(15);
    for (const [id, fn] of fns) {
      const queueId = queueOf((props(fn).DeadLetterConfig as { TargetArn: unknown }).TargetArn);
      const keyId = keyOfQueue(queueId);
      const roleId = (props(fn).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const allowed = (resourceId: string) =>
        roleStatements(dev.template, roleId)
          .filter((st) => st.Effect === 'Allow' && JSON.stringify(st.Resource).includes(`"${resourceId}"`))
          .flatMap((st) => asList(st.Action));
      expect({ id, queue: allowed(queueId) }).toEqual({
        id,
        queue: expect.arrayContaining(['sqs:SendMessage']),
      });
      // SQS asks KMS for a data key under the sender's identity (Lambda sends with the function's role).
      const key = allowed(keyId);
      expect({
        id,
        generate: key.some((a) => a.startsWith('kms:GenerateDataKey')),
        decrypt: key.includes('kms:Decrypt'),
      }).toEqual({
        id,
        generate: true,
        decrypt: true,
      });
    }
  });

  test('each rule target with a DLQ: the queue policy and the key policy let EventBridge send', () => {
    const targets = Object.entries(resourcesOfType(dev.template, 'AWS::Events::Rule')).flatMap(
      ([ruleId, rule]) =>
        ((rule.Properties?.Targets ?? []) as { DeadLetterConfig?: { Arn: unknown } }[])
          .filter((t) => t.DeadLetterConfig)
          .map((t) => ({ ruleId, queueId: queueOf(t.DeadLetterConfig?.Arn) })),
    );
    expect(targets.length).toBeGreaterThan(0);
    for (const { ruleId, queueId } of targets) {
      const queuePolicy = Object.values(resourcesOfType(dev.template, 'AWS::SQS::QueuePolicy'))
        .filter((p) => JSON.stringify(p.Properties?.Queues).includes(`"${queueId}"`))
        .flatMap((p) => (props(p).PolicyDocument as { Statement: Statement[] }).Statement);
      expect(queuePolicy).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
        }),
      );
      const keyPolicy = (props(resources(dev)[keyOfQueue(queueId)]).KeyPolicy as { Statement: Statement[] })
        .Statement;
      const events = keyPolicy.filter(
        (st) => st.Effect === 'Allow' && servicesOf(st).includes('events.amazonaws.com'),
      );
      expect(events.flatMap((st) => asList(st.Action)).sort()).toEqual([
        'kms:Decrypt',
        'kms:GenerateDataKey',
      ]);
    }
  });
});

describe('HSTS on what API Gateway answers by itself', () => {
  const header = 'gatewayresponse.header.Strict-Transport-Security';

  test('every 4XX and 5XX the gateway makes (default responses and the body check) carries HSTS', () => {
    const responses = Object.values(resourcesOfType(dev.template, 'AWS::ApiGateway::GatewayResponse')).map(
      (r) => props(r) as { ResponseType: string; ResponseParameters?: Record<string, string> },
    );
    // The defaults cover every response type not set on its own.
    expect(responses.map((r) => r.ResponseType)).toEqual(
      expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX']),
    );
    for (const response of responses) {
      const value = response.ResponseParameters?.[header] ?? '';
      expect({
        type: response.ResponseType,
        quoted: /^'max-age=\d+; includeSubDomains'$/.test(value),
      }).toEqual({
        type: response.ResponseType,
        quoted: true,
      });
    }
  });
});
