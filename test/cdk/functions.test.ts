import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { RESOURCE_ENV } from '../../lambdas/config/config';
import { API_HANDLERS, type ApiHandlerName } from '../../lib/api-routes';
import { STAGES } from '../../lib/stages';
import type { TableName } from '../../lib/tables';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

type FunctionName = ApiHandlerName | 'steps' | 'broadcast' | 'sendShard' | 'inboundSms' | 'retentionPurge';
/**
 * queryUpdate / queryDelete: the retention purge, which never puts items; counters: queries of the county
 * counters only. The exact actions per function: test/cdk/grants.test.ts.
 */
type Access = 'read' | 'readWrite' | 'queryUpdate' | 'queryDelete' | 'counters';

interface Expected {
  tables: Partial<Record<TableName, Access>>;
  topics?: ('approvals' | 'ops')[];
  /** sns:Publish on `*`: texts phone numbers. */
  sms?: boolean;
  /** Holds STATE_MACHINE_ARN and may start executions. */
  start?: boolean;
  /** states:SendTaskSuccess/Failure on `*`. */
  taskTokens?: boolean;
  /** Holds STATE_MACHINE_ARN (start or taskTokens through bindStateMachine). */
  stateMachineArn?: boolean;
  /** Holds CONTENT_SIGNING_KEY_ID and may sign or verify with it. */
  signing?: 'sign' | 'verify';
  /** Holds RATE_LIMIT_SECRET_ARN (test/cdk/rate-limit-key.test.ts checks the grant). */
  rateLimitKey?: boolean;
}

/** What each handler may touch: the least privilege the handlers need. */
const EXPECTED: Record<FunctionName, Expected> = {
  submitAlert: { tables: { alerts: 'readWrite' }, start: true, stateMachineArn: true },
  listAlerts: { tables: { alerts: 'read' } },
  // The county counters for its audience estimate, and its tips' counts (queries only).
  getAlert: { tables: { alerts: 'read', subscribers: 'counters', tips: 'counters' } },
  decideApproval: {
    tables: { alerts: 'readWrite' },
    taskTokens: true,
    stateMachineArn: true,
    signing: 'sign',
  },
  resolveAlert: { tables: { alerts: 'readWrite' }, taskTokens: true, stateMachineArn: true },
  publicAlerts: { tables: { alerts: 'read' }, signing: 'verify' },
  subscribe: { tables: { subscribers: 'readWrite' }, sms: true, rateLimitKey: true },
  confirmSubscription: { tables: { subscribers: 'readWrite' } },
  unsubscribe: { tables: { subscribers: 'readWrite' }, sms: true, rateLimitKey: true },
  confirmUnsubscribe: { tables: { subscribers: 'readWrite' } },
  drillRecipients: { tables: { subscribers: 'readWrite' } },
  submitUpdate: { tables: { alerts: 'readWrite' }, taskTokens: true, stateMachineArn: true },
  decideUpdate: {
    tables: { alerts: 'readWrite' },
    taskTokens: true,
    stateMachineArn: true,
    signing: 'sign',
  },
  extendAlert: { tables: { alerts: 'readWrite' }, taskTokens: true, stateMachineArn: true },
  publicCap: { tables: { alerts: 'read' }, signing: 'verify' },
  alertPage: { tables: { alerts: 'read' }, signing: 'verify' },
  // Tips: the public's door stores one tip and counts its limits; the inbox and triage read and triage them.
  submitTip: {
    tables: { alerts: 'read', tips: 'readWrite' },
    topics: ['approvals'],
    rateLimitKey: true,
  },
  alertTips: { tables: { alerts: 'read', tips: 'readWrite' } },
  triageTip: { tables: { alerts: 'read', tips: 'readWrite' } },
  // A STOP opts out; another reply becomes a tip for the alert the phone last received (a query of the
  // deliveries' byPhone index), acknowledged once by SMS.
  inboundSms: {
    tables: { subscribers: 'readWrite', alerts: 'read', deliveries: 'counters', tips: 'readWrite' },
    sms: true,
  },
  retentionPurge: { tables: { alerts: 'queryUpdate', deliveries: 'queryDelete', tips: 'readWrite' } },
  // The public site's forms: the subscription use cases, with their code SMS and rate limits.
  subscriptionPages: { tables: { subscribers: 'readWrite' }, sms: true, rateLimitKey: true },
  steps: {
    tables: { alerts: 'readWrite' },
    topics: ['approvals', 'ops'],
    taskTokens: true,
  },
  // Plans and finishes a broadcast: it reads the registry, pages ops and tells supervisors of a withdrawal,
  // but sends no SMS.
  broadcast: {
    tables: { alerts: 'readWrite', subscribers: 'readWrite', deliveries: 'readWrite' },
    topics: ['approvals', 'ops'],
    signing: 'verify',
  },
  // Sends one shard: SMS publishing and its tables only (no registry, no topic).
  sendShard: {
    tables: { alerts: 'readWrite', deliveries: 'readWrite' },
    sms: true,
    signing: 'verify',
  },
};

const TABLE_ENV: Record<TableName, string> = {
  alerts: RESOURCE_ENV.alertsTable,
  subscribers: RESOURCE_ENV.subscribersTable,
  deliveries: RESOURCE_ENV.deliveriesTable,
  tips: RESOURCE_ENV.tipsTable,
};

let synth: Synthesized;
let fns: Record<FunctionName, LambdaFunction>;
beforeAll(() => {
  synth = synthAmber();
  fns = {
    ...synth.stack.api.functions,
    steps: synth.stack.workflow.steps,
    broadcast: synth.stack.workflow.broadcast,
    sendShard: synth.stack.workflow.sendShard,
    inboundSms: synth.stack.inboundSms.handler,
    retentionPurge: synth.stack.retention.handler,
  };
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function fnProps(
  name: FunctionName,
): Record<string, unknown> & { Environment: { Variables: Record<string, unknown> } } {
  return synth.template.toJSON().Resources[synth.logicalId(fns[name])].Properties;
}

/** Every statement of the policies attached to the function's role. */
function statements(name: FunctionName): Statement[] {
  const role = (fnProps(name).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOfType(synth.template, 'AWS::IAM::Policy'))
    .map((r) => r.Properties as { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } })
    .filter((p) => p.Roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
    .flatMap((p) => p.PolicyDocument.Statement);
}

/** The actions the function may perform on resources whose rendering contains `resource`. */
function actionsOn(name: FunctionName, resource: unknown): Set<string> {
  const needle = typeof resource === 'string' ? resource : JSON.stringify(resource);
  const actions = new Set<string>();
  for (const s of statements(name)) {
    if (s.Effect !== 'Allow') continue;
    const hit = list(s.Resource).some((r) =>
      needle === '*' ? r === '*' : JSON.stringify(r).includes(needle),
    );
    if (hit) for (const a of list(s.Action)) actions.add(a);
  }
  return actions;
}

const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  synth.stack.getLogicalId(construct.node.defaultChild as never);

describe.each(Object.keys(EXPECTED) as FunctionName[])('function %s', (name) => {
  const expected = EXPECTED[name];

  test('Node.js 24 on ARM, X-Ray, its own log group kept one month (dev)', () => {
    const props = fnProps(name);
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
    });
    const logGroup = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(synth.template.toJSON().Resources[logGroup]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 30 },
      DeletionPolicy: 'Delete',
    });
  });

  test('common environment', () => {
    expect(fnProps(name).Environment.Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'amber-alert',
      POWERTOOLS_LOG_LEVEL: STAGES.dev.logLevel,
      POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      AMBER_STAGE: 'dev',
      AMBER_SMS_MAX_PRICE_USD: STAGES.dev.smsMaxPriceUsd,
    });
  });

  test('source maps are not enabled at run time (Node would parse the whole map at every cold start)', () => {
    expect(fnProps(name).Environment.Variables).not.toHaveProperty('NODE_OPTIONS');
  });

  test('has a resource variable exactly for each resource it may use', () => {
    const vars = fnProps(name).Environment.Variables;
    const present = Object.values(RESOURCE_ENV)
      .filter((v) => v in vars)
      .sort();
    const wanted = [
      ...Object.keys(expected.tables).map((t) => TABLE_ENV[t as TableName]),
      ...(expected.topics ?? []).map((t) =>
        t === 'approvals' ? RESOURCE_ENV.approvalsTopicArn : RESOURCE_ENV.opsTopicArn,
      ),
      ...(expected.stateMachineArn ? [RESOURCE_ENV.stateMachineArn] : []),
      ...(expected.signing ? [RESOURCE_ENV.contentSigningKeyId] : []),
      ...(expected.rateLimitKey ? [RESOURCE_ENV.rateLimitSecretArn] : []),
    ].sort();
    expect(present).toEqual(wanted);
    for (const [table, envName] of Object.entries(TABLE_ENV)) {
      if (envName in vars)
        expect(vars[envName]).toEqual({ Ref: idOf(synth.stack.data.tables[table as TableName]) });
    }
  });

  test('table access: read or read-write, on its tables only', () => {
    for (const table of ['alerts', 'subscribers', 'deliveries', 'tips'] as TableName[]) {
      const actions = actionsOn(name, { 'Fn::GetAtt': [idOf(synth.stack.data.tables[table]), 'Arn'] });
      const access: Access | undefined = actions.has('dynamodb:PutItem')
        ? 'readWrite'
        : actions.has('dynamodb:UpdateItem')
          ? 'queryUpdate'
          : actions.has('dynamodb:BatchWriteItem')
            ? 'queryDelete'
            : actions.has('dynamodb:GetItem')
              ? 'read'
              : actions.has('dynamodb:Query')
                ? 'counters'
                : undefined;
      expect({ table, access }).toEqual({ table, access: expected.tables[table] });
      if (access) expect(actions.has('dynamodb:Query')).toBe(true);
    }
    const dataKey = actionsOn(name, { 'Fn::GetAtt': [idOf(synth.stack.data.key), 'Arn'] });
    expect(dataKey.has('kms:Decrypt')).toBe(true);
  });

  test(expected.sms ? 'may text phone numbers (sns:Publish on *)' : 'may not text phone numbers', () => {
    expect(actionsOn(name, '*').has('sns:Publish')).toBe(!!expected.sms);
  });

  test('publishes to exactly its topics', () => {
    const topics = { approvals: synth.stack.messaging.approvalsTopic, ops: synth.stack.messaging.opsTopic };
    for (const [topic, construct] of Object.entries(topics)) {
      const wanted = (expected.topics ?? []).includes(topic as 'approvals' | 'ops');
      expect({ topic, publish: actionsOn(name, { Ref: idOf(construct) }).has('sns:Publish') }).toEqual({
        topic,
        publish: wanted,
      });
    }
  });

  test(`content signing key: ${expected.signing ?? 'no access'}`, () => {
    const actions = actionsOn(name, { 'Fn::GetAtt': [idOf(synth.stack.signing.key), 'Arn'] });
    expect({ sign: actions.has('kms:Sign'), verify: actions.has('kms:Verify') }).toEqual({
      sign: expected.signing === 'sign',
      verify: expected.signing === 'verify',
    });
    if (expected.signing) {
      expect(fnProps(name).Environment.Variables[RESOURCE_ENV.contentSigningKeyId]).toEqual({
        'Fn::GetAtt': [idOf(synth.stack.signing.key), 'Arn'],
      });
    }
  });

  test('workflow access: start and task-token callbacks only where expected', () => {
    const stateMachine = { Ref: idOf(synth.stack.workflow.stateMachine) };
    expect(actionsOn(name, stateMachine).has('states:StartExecution')).toBe(!!expected.start);
    const star = actionsOn(name, '*');
    expect(star.has('states:SendTaskSuccess')).toBe(!!expected.taskTokens);
    // Waking a task is all the code does (SfnWorkflowEngine): never failing one.
    expect(star.has('states:SendTaskFailure')).toBe(false);
  });
});

describe('functions', () => {
  test('every Lambda function of the stack is one of the expected ones', () => {
    const all = Object.keys(resourcesOfType(synth.template, 'AWS::Lambda::Function')).sort();
    expect(all).toEqual((Object.keys(EXPECTED) as FunctionName[]).map((n) => synth.logicalId(fns[n])).sort());
    // Every API handler has its expectation row (a new handler without one fails above or here).
    expect(Object.keys(API_HANDLERS).every((name) => name in EXPECTED)).toBe(true);
  });

  test('workflow functions: steps 30 s; broadcast and send-shard 15 min and 1024 MB; API functions 10 s and 512 MB', () => {
    expect(fnProps('steps')).toMatchObject({ Timeout: 30, MemorySize: 512 });
    expect(fnProps('broadcast')).toMatchObject({ Timeout: 900, MemorySize: 1024 });
    expect(fnProps('sendShard')).toMatchObject({ Timeout: 900, MemorySize: 1024 });
    // The one quota setting reaches both broadcast functions (the Map's concurrency comes from it too).
    for (const name of ['broadcast', 'sendShard'] as const) {
      expect(fnProps(name).Environment.Variables).toMatchObject({
        AMBER_SMS_RATE_PER_SECOND: String(STAGES.dev.smsRatePerSecond),
      });
    }
    for (const name of Object.keys(API_HANDLERS) as ApiHandlerName[]) {
      expect(fnProps(name)).toMatchObject({ Timeout: 10, MemorySize: 512 });
    }
  });

  test('the steps function has no STATE_MACHINE_ARN (it would be a dependency cycle)', () => {
    expect(fnProps('steps').Environment.Variables).not.toHaveProperty(RESOURCE_ENV.stateMachineArn);
  });
});

describe('prod functions', () => {
  let prod: Synthesized;
  beforeAll(() => {
    prod = synthAmber({ stage: 'prod' });
  });

  test('log groups are kept a year and retained; variables name the prod stage', () => {
    const functions = Object.values(resourcesOfType(prod.template, 'AWS::Lambda::Function'));
    expect(functions).toHaveLength(Object.keys(EXPECTED).length);
    const resources = prod.template.toJSON().Resources;
    for (const fn of functions) {
      const props = fn.Properties as {
        LoggingConfig: { LogGroup: { Ref: string } };
        Environment: { Variables: object };
      };
      expect(resources[props.LoggingConfig.LogGroup.Ref]).toMatchObject({
        Properties: { RetentionInDays: 365 },
        DeletionPolicy: 'Retain',
      });
      expect(props.Environment.Variables).toMatchObject({
        AMBER_STAGE: 'prod',
        AMBER_PUBLIC_BASE_URL: 'https://amber.example.org',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
    }
  });
});
