import aslValidator from 'asl-validator';
import {
  DELIVERY_FAILURE_RATIO_THRESHOLD,
  DELIVERY_METRICS_NAMESPACE,
} from '../../lib/constructs/alert-workflow';
import { STATE } from '../../lib/workflow/alert-workflow';
import {
  type AslDefinition,
  LOCAL_FUNCTION_NAMES,
  renderAlertWorkflowAsl,
} from '../../lib/workflow/render-asl';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

type State = Record<string, unknown> & { Type: string };
type Retrier = { ErrorEquals: string[]; MaxAttempts?: number };
type Catcher = { ErrorEquals: string[]; Next: string; ResultPath?: string };

let s: Synthesized;
let stateMachine: { Type: string; Properties: Record<string, unknown> & { DefinitionString: unknown } };
let rendered: AslDefinition;
beforeAll(() => {
  s = synthAmber();
  stateMachine =
    s.template.toJSON().Resources[
      s.stack.getLogicalId(s.stack.workflow.stateMachine.node.defaultChild as never)
    ];
  rendered = renderAlertWorkflowAsl();
});

/** The function ARN the rendered ASL uses for a state (the local platform's fixed ARNs). */
const renderedFunctionArn = (state: string) =>
  (rendered.States[state]?.Parameters as { FunctionName: string } | undefined)?.FunctionName;
/** The send-shard function's ARN in the rendered ASL: the first state of the ALERT's Map. */
const renderedShardArn = (): string => {
  const map = rendered.States[STATE.alertShards] as { ItemProcessor: AslDefinition };
  const send = map.ItemProcessor.States[STATE.sendAlertShard] as { Parameters: { FunctionName: string } };
  return send.Parameters.FunctionName;
};

/**
 * The deployed definition as plain ASL: the `Fn::Join` of DefinitionString with the partition and the two
 * function ARNs replaced by what renderAlertWorkflowAsl() uses. Any other intrinsic fails the test.
 */
function deployedAsl(): AslDefinition {
  const substitutions = new Map<string, string>([
    [JSON.stringify({ Ref: 'AWS::Partition' }), 'aws'],
    [
      JSON.stringify({ 'Fn::GetAtt': [s.logicalId(s.stack.workflow.steps), 'Arn'] }),
      renderedFunctionArn(STATE.route) ?? '',
    ],
    [
      JSON.stringify({ 'Fn::GetAtt': [s.logicalId(s.stack.workflow.broadcast), 'Arn'] }),
      renderedFunctionArn(STATE.broadcast) ?? '',
    ],
    [JSON.stringify({ 'Fn::GetAtt': [s.logicalId(s.stack.workflow.sendShard), 'Arn'] }), renderedShardArn()],
  ]);
  const join = (stateMachine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const value = substitutions.get(JSON.stringify(part));
      if (value === undefined)
        throw new Error(`Unexpected intrinsic in the definition: ${JSON.stringify(part)}`);
      return value;
    })
    .join(join[0]);
  return JSON.parse(text) as AslDefinition;
}

const states = () => Object.entries(deployedAsl().States) as [string, State][];
/** Every Task of a definition, those inside the Maps' item processors included. */
function allTasks(definition: AslDefinition): [string, State][] {
  return (Object.entries(definition.States) as [string, State][]).flatMap(([name, st]) => {
    if (st.Type === 'Task') return [[name, st] as [string, State]];
    const processor = (st.ItemProcessor ?? st.Iterator) as AslDefinition | undefined;
    return processor ? allTasks(processor) : [];
  });
}
const state = (name: string) => deployedAsl().States[name] as State;

describe('state machine', () => {
  test('Standard, X-Ray, logs everything but the execution data', () => {
    const logGroup = s.stack.getLogicalId(s.stack.workflow.logGroup.node.defaultChild as never);
    expect(stateMachine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroup, 'Arn'] } } }],
      },
    });
    s.template.hasResourceProperties('AWS::Logs::LogGroup', {
      // Ends with the stack id's UUID: a retained leftover never blocks a new stack (deployability.test.ts).
      LogGroupName: {
        'Fn::Join': [
          '',
          [
            '/aws/vendedlogs/states/amber-dev-alert-workflow-',
            { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] },
          ],
        ],
      },
      RetentionInDays: 30,
    });
  });

  test('the deployed definition is exactly renderAlertWorkflowAsl(), function ARNs aside', () => {
    expect(renderedFunctionArn(STATE.route)).toMatch(/^arn:aws:lambda:/);
    expect(renderedFunctionArn(STATE.broadcast)).toMatch(/^arn:aws:lambda:/);
    expect(renderedFunctionArn(STATE.route)).not.toBe(renderedFunctionArn(STATE.broadcast));
    expect(deployedAsl()).toEqual(rendered);
  });

  test('renderAlertWorkflowAsl() and the deployed definition are valid ASL (asl-validator)', () => {
    for (const definition of [rendered, deployedAsl()]) {
      const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
      expect(result.errorsText()).toBe('');
      expect(result.isValid).toBe(true);
    }
  });

  test('asl-validator does catch a broken definition', () => {
    const broken = structuredClone(rendered);
    (broken.States[STATE.route] as { Next?: string }).Next = 'Nowhere';
    expect(aslValidator(broken).isValid).toBe(false);
  });

  test('has the states of STATE and the fan-outs of the update and the cancellation, starting at Route', () => {
    expect(deployedAsl().StartAt).toBe(STATE.route);
    const fanOut = (plan: string) => [`${plan}Shards`, `Finish${plan}`];
    expect(
      states()
        .map(([name]) => name)
        .sort(),
    ).toEqual(
      [
        ...Object.values(STATE).filter((name) => name !== STATE.sendAlertShard),
        ...fanOut(STATE.sendUpdate),
        ...fanOut(STATE.sendCancellation),
      ].sort(),
    );
  });

  test('its role invokes the three workflow functions and nothing else', () => {
    const role = (stateMachine.Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = Object.values(resourcesOfType(s.template, 'AWS::IAM::Policy'))
      .map(
        (p) =>
          p.Properties as {
            Roles: unknown[];
            PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] };
          },
      )
      .filter((p) => JSON.stringify(p.Roles).includes(JSON.stringify({ Ref: role })))
      .flatMap((p) => p.PolicyDocument.Statement)
      .filter((st) => [st.Action].flat().includes('lambda:InvokeFunction'));
    const resources = JSON.stringify(statements.map((st) => st.Resource));
    for (const fn of [s.stack.workflow.steps, s.stack.workflow.broadcast, s.stack.workflow.sendShard])
      expect(resources).toContain(s.logicalId(fn));
    for (const fn of Object.values(s.stack.api.functions)) expect(resources).not.toContain(s.logicalId(fn));
  });
});

describe('states', () => {
  test.each([
    [STATE.awaitApproval, STATE.approvalTimedOut],
    [STATE.awaitResolution, STATE.expire],
    [STATE.awaitUpdateApproval, STATE.updateTimedOut],
  ])('%s waits for its task token, for $.Payload.timeoutSeconds, then goes to %s', (name, onTimeout) => {
    const wait = state(name);
    expect(wait).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      TimeoutSecondsPath: '$.Payload.timeoutSeconds',
      Parameters: {
        Payload: { 'taskToken.$': '$$.Task.Token', 'timeoutSeconds.$': '$.Payload.timeoutSeconds' },
      },
      Next: STATE.route,
    });
    expect(wait).not.toHaveProperty('TimeoutSeconds');
    const catchers = wait.Catch as Catcher[];
    // Catchers are tried in order: the time-out must come before the catch-all.
    expect(catchers[0]).toEqual({ ErrorEquals: ['States.Timeout'], Next: onTimeout, ResultPath: '$.error' });
    expect(catchers.at(-1)).toEqual({
      ErrorEquals: ['States.ALL'],
      Next: STATE.markFailed,
      ResultPath: '$.error',
    });
  });

  test('only the three waits use task tokens', () => {
    const waits = states()
      .filter(([, st]) => String(st.Resource).endsWith('.waitForTaskToken'))
      .map(([name]) => name);
    expect(waits.sort()).toEqual(
      [STATE.awaitApproval, STATE.awaitResolution, STATE.awaitUpdateApproval].sort(),
    );
  });

  test('every Task but MarkFailed catches States.ALL into MarkFailed (last catcher)', () => {
    const tasks = states().filter(([name, st]) => st.Type === 'Task' && name !== STATE.markFailed);
    // Route, 3 waits, 3 time-outs, and plan + finish of 3 fan-outs; the shard senders are inside the Maps.
    expect(tasks.length).toBe(13);
    for (const [name, task] of tasks) {
      const catchers = task.Catch as Catcher[] | undefined;
      expect({ name, last: catchers?.at(-1) }).toEqual({
        name,
        last: { ErrorEquals: ['States.ALL'], Next: STATE.markFailed, ResultPath: '$.error' },
      });
    }
  });

  test('MarkFailed records the failure then fails the execution', () => {
    expect(state(STATE.markFailed)).toMatchObject({ Type: 'Task', Next: STATE.failed, ResultPath: null });
    expect(state(STATE.markFailed)).not.toHaveProperty('Catch');
    expect(state(STATE.failed)).toMatchObject({ Type: 'Fail', Error: 'AlertWorkflowFailed' });
  });

  test('every other Task times out after its function: States.Timeout never cuts a run Lambda allows', () => {
    const functionTimeout = (task: State) => {
      const name = (task.Parameters as { FunctionName: string }).FunctionName;
      const fn = {
        steps: s.stack.workflow.steps,
        broadcast: s.stack.workflow.broadcast,
        sendShard: s.stack.workflow.sendShard,
      }[
        (Object.entries(LOCAL_FUNCTION_NAMES).find(([, local]) => name.endsWith(`:function:${local}`)) ??
          [])[0] as 'steps' | 'broadcast' | 'sendShard'
      ];
      if (!fn) throw new Error(`${name}: not a workflow function`);
      return s.template.toJSON().Resources[s.logicalId(fn)].Properties.Timeout as number;
    };
    const tasks = allTasks(deployedAsl()).filter(
      ([, task]) => !String(task.Resource).endsWith('.waitForTaskToken'),
    );
    expect(tasks.length).toBeGreaterThan(10);
    for (const [name, task] of tasks) {
      expect({ name, exceeds: Number(task.TimeoutSeconds) > functionTimeout(task) }).toEqual({
        name,
        exceeds: true,
      });
    }
  });

  test('every Task retries what Lambda raises when it did not run the function, with backoff and full jitter', () => {
    const lambdaErrors = [
      'Lambda.TooManyRequestsException',
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
    ];
    const tasks = allTasks(deployedAsl());
    expect(tasks.length).toBe(17);
    for (const [name, task] of tasks) {
      const retriers = (task.Retry ?? []) as Retrier[];
      const index = retriers.findIndex((r) => lambdaErrors.every((e) => r.ErrorEquals.includes(e)));
      const retrier = retriers[index];
      expect({ name, retrier }).toEqual({
        name,
        retrier: expect.objectContaining({
          IntervalSeconds: expect.any(Number),
          BackoffRate: 2,
          MaxDelaySeconds: expect.any(Number),
          JitterStrategy: 'FULL',
        }),
      });
      expect(retrier?.MaxAttempts).toBeGreaterThanOrEqual(6);
      // Retriers match in order: a broader one before it would take these errors with its fewer attempts.
      const broader = retriers.findIndex((r) =>
        r.ErrorEquals.some((e) => e === 'States.ALL' || e === 'States.TaskFailed'),
      );
      if (broader >= 0) expect({ name, first: index < broader }).toEqual({ name, first: true });
    }
  });

  test('every path into MarkFailed carries the $.error that MarkFailed reads', () => {
    const definition = deployedAsl();
    expect(definition.States[STATE.markFailed]).toMatchObject({
      Parameters: { Payload: { 'error.$': '$.error' } },
    });
    const paths: string[] = [];
    for (const [name, st] of Object.entries(definition.States) as [string, State][]) {
      for (const c of (st.Catch ?? []) as Catcher[]) {
        if (c.Next !== STATE.markFailed) continue;
        paths.push(`${name} catch`);
        expect({ name, resultPath: c.ResultPath }).toEqual({ name, resultPath: '$.error' });
      }
      const nexts = [st.Next, st.Default, ...((st.Choices ?? []) as { Next: string }[]).map((c) => c.Next)];
      if (!nexts.includes(STATE.markFailed)) continue;
      paths.push(`${name} next`);
      // A plain transition must come from a state that puts an error there itself.
      expect({ name, st }).toEqual({
        name,
        st: expect.objectContaining({
          Type: 'Pass',
          ResultPath: '$.error',
          Result: { Error: expect.any(String), Cause: expect.any(String) },
        }),
      });
    }
    expect(paths).toContain(`${STATE.unknownStep} next`);
    expect(paths.length).toBeGreaterThan(13);
  });

  test('the waits of an active alert pass the route they serve', () => {
    for (const name of [STATE.awaitResolution, STATE.awaitUpdateApproval]) {
      expect(state(name)).toMatchObject({
        Parameters: { Payload: { 'next.$': '$.Payload.next', status: 'ACTIVE' } },
      });
    }
  });

  test('Dispatch routes an update to its approval wait and its broadcast', () => {
    const choices = (state(STATE.dispatch).Choices as { StringEquals: string; Next: string }[]).map((c) => [
      c.StringEquals,
      c.Next,
    ]);
    expect(choices).toEqual(
      expect.arrayContaining([
        ['AWAIT_UPDATE_APPROVAL', STATE.awaitUpdateApproval],
        ['SEND_UPDATE', STATE.sendUpdate],
      ]),
    );
    expect(state(STATE.sendUpdate)).toMatchObject({
      Parameters: { Payload: { message: 'UPDATE', step: 'plan' } },
      Next: `${STATE.sendUpdate}Shards`,
    });
    expect(state(`Finish${STATE.sendUpdate}`)).toMatchObject({
      Parameters: { Payload: { message: 'UPDATE', step: 'finish' } },
      Next: STATE.route,
    });
  });

  test('Dispatch sends anything unknown to MarkFailed, with an error to record', () => {
    expect(state(STATE.dispatch)).toMatchObject({ Type: 'Choice', Default: STATE.unknownStep });
    expect(state(STATE.unknownStep)).toMatchObject({ Type: 'Pass', Next: STATE.markFailed });
  });
});

type MapState = State & {
  ItemProcessor: AslDefinition & { ProcessorConfig: { Mode: string } };
  ItemSelector: Record<string, unknown>;
};

describe('broadcast fan-out', () => {
  const fanOuts = [
    {
      message: 'ALERT',
      plan: STATE.broadcast,
      map: STATE.alertShards,
      send: STATE.sendAlertShard,
      finish: STATE.finishAlert,
    },
    {
      message: 'UPDATE',
      plan: STATE.sendUpdate,
      map: `${STATE.sendUpdate}Shards`,
      send: `${STATE.sendUpdate}Shard`,
      finish: `Finish${STATE.sendUpdate}`,
    },
    {
      message: 'CANCELLATION',
      plan: STATE.sendCancellation,
      map: `${STATE.sendCancellation}Shards`,
      send: `${STATE.sendCancellation}Shard`,
      finish: `Finish${STATE.sendCancellation}`,
    },
  ];

  test.each(fanOuts)(
    '$message: plan → Map over the shards → finish → Route',
    ({ message, plan, map, send, finish }) => {
      expect(state(plan)).toMatchObject({
        Type: 'Task',
        TimeoutSeconds: 960,
        Parameters: {
          FunctionName: renderedFunctionArn(STATE.broadcast),
          Payload: { message, step: 'plan' },
        },
        ResultSelector: { 'Payload.$': '$.Payload' },
        Next: map,
      });
      const mapState = state(map) as MapState;
      expect(mapState).toMatchObject({
        Type: 'Map',
        ItemsPath: '$.Payload.shards',
        MaxConcurrencyPath: '$.Payload.maxConcurrency',
        ResultPath: null,
        Next: finish,
      });
      // Inline: aws-local-stepfunctions runs it as AWS does (docs/broadcast.md: why not Distributed Map).
      expect(mapState.ItemProcessor.ProcessorConfig.Mode).toBe('INLINE');
      // Each iteration gets numbers and the alert id only: no phone number ever enters the state.
      expect(mapState.ItemSelector).toEqual({
        'alertId.$': '$$.Execution.Input.alertId',
        message,
        'shard.$': '$$.Map.Item.Value.shard',
        'of.$': '$$.Map.Item.Value.of',
      });
      expect((mapState.Catch as Catcher[]).at(-1)).toEqual({
        ErrorEquals: ['States.ALL'],
        Next: STATE.markFailed,
        ResultPath: '$.error',
      });
      const inner = mapState.ItemProcessor;
      expect(inner.StartAt).toBe(send);
      expect(inner.States[send]).toMatchObject({
        Type: 'Task',
        TimeoutSeconds: 960,
        Parameters: {
          FunctionName: renderedShardArn(),
          Payload: {
            'alertId.$': '$.alertId',
            'message.$': '$.message',
            'shard.$': '$.shard',
            'of.$': '$.of',
          },
        },
        ResultSelector: { 'done.$': '$.Payload.done' },
        ResultPath: '$.result',
        Next: `${send}Done`,
      });
      // A shard whose invocation ran out of time is invoked again until it reports done.
      expect(inner.States[`${send}Done`]).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.result.done', BooleanEquals: true, Next: `${send}Sent` }],
        Default: send,
      });
      expect(state(finish)).toMatchObject({
        Type: 'Task',
        TimeoutSeconds: 960,
        Parameters: {
          FunctionName: renderedFunctionArn(STATE.broadcast),
          Payload: { message, step: 'finish' },
        },
        Next: STATE.route,
      });
      expect((state(finish).Catch as Catcher[]).at(-1)?.Next).toBe(STATE.markFailed);
    },
  );

  test.each(fanOuts)(
    '$message: content that fails its signature check is not retried, other task failures are',
    ({ plan, map, send, finish }) => {
      const sender = (state(map) as MapState).ItemProcessor.States[send] as State;
      for (const task of [state(plan), sender, state(finish)]) {
        const retriers = (task.Retry ?? []) as { ErrorEquals: string[]; MaxAttempts?: number }[];
        const noRetry = retriers.findIndex((r) => r.ErrorEquals.includes('ContentIntegrityError'));
        const generic = retriers.findIndex((r) => r.ErrorEquals.includes('States.TaskFailed'));
        // Retriers match in order: the exception must come before the catch-all.
        expect(noRetry).toBeGreaterThanOrEqual(0);
        expect(retriers[noRetry]?.MaxAttempts).toBe(0);
        expect(generic).toBeGreaterThan(noRetry);
        expect(retriers[generic]?.MaxAttempts).toBeGreaterThan(0);
      }
    },
  );

  test('no quota is fixed in the definition: every Map runs as many shards at once as the plan made', () => {
    const maps = Object.values(rendered.States).filter((st) => st.Type === 'Map');
    expect(maps).toHaveLength(3);
    for (const map of maps) {
      expect(map).not.toHaveProperty('MaxConcurrency');
      expect(map.MaxConcurrencyPath).toBe('$.Payload.maxConcurrency');
    }
    // The SMS quota setting of the environment changes nothing in it.
    const before = process.env.AMBER_SMS_RATE_PER_SECOND;
    process.env.AMBER_SMS_RATE_PER_SECOND = '20000';
    try {
      expect(renderAlertWorkflowAsl()).toEqual(rendered);
    } finally {
      if (before === undefined) delete process.env.AMBER_SMS_RATE_PER_SECOND;
      else process.env.AMBER_SMS_RATE_PER_SECOND = before;
    }
  });

  test('the definition stays far below the 256 KiB payload limit', () => {
    expect(JSON.stringify(rendered).length).toBeLessThan(32 * 1024);
  });

  test('the shard sender may publish SMS (the only wildcard) and touch the alerts and deliveries tables only', () => {
    const fn = s.stack.workflow.sendShard;
    const roleId = (
      s.template.toJSON().Resources[s.logicalId(fn)].Properties.Role as { 'Fn::GetAtt': [string, string] }
    )['Fn::GetAtt'][0];
    const statements = Object.values(resourcesOfType(s.template, 'AWS::IAM::Policy'))
      .map((p) => p.Properties as { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } })
      .filter((p) => JSON.stringify(p.Roles).includes(JSON.stringify({ Ref: roleId })))
      .flatMap((p) => p.PolicyDocument.Statement);
    const wildcard = statements.filter((st) => [st.Resource].flat().includes('*'));
    // X-Ray's PutTrace* take no resource at all (every traced function has them); nothing else may be '*'.
    expect(
      wildcard
        .flatMap((st) => [st.Action].flat())
        .filter((action) => !action.startsWith('xray:'))
        .sort(),
    ).toEqual(['sns:Publish']);
    // Publishing to a topic is not SMS: the wildcard is only for phone numbers (no TopicArn allowed).
    const publish = statements.filter((st) => [st.Action].flat().includes('sns:Publish'));
    expect(publish.filter((st) => st.Effect === 'Allow')).toHaveLength(1);
    // …and an explicit Deny on every topic ARN (test/cdk/grants.test.ts).
    expect(publish.filter((st) => st.Effect === 'Deny')).toHaveLength(1);
    const text = JSON.stringify(statements);
    const { alerts, deliveries, subscribers } = s.stack.data.tables;
    expect(text).toContain(s.stack.getLogicalId(alerts.node.defaultChild as never));
    expect(text).toContain(s.stack.getLogicalId(deliveries.node.defaultChild as never));
    expect(text).not.toContain(s.stack.getLogicalId(subscribers.node.defaultChild as never));
    expect(text).not.toContain(s.stack.getLogicalId(s.stack.messaging.opsTopic.node.defaultChild as never));
    expect(text).not.toContain(
      s.stack.getLogicalId(s.stack.messaging.approvalsTopic.node.defaultChild as never),
    );
  });
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

describe('delivery failure ratio', () => {
  test('metric filters turn the finish step\'s "Broadcast finished" log into DeliveriesSent and DeliveriesFailed', () => {
    const logGroup = s.stack.getLogicalId(s.stack.workflow.broadcast.logGroup.node.defaultChild as never);
    for (const [name, field] of [
      ['DeliveriesSent', 'sent'],
      ['DeliveriesFailed', 'failed'],
    ]) {
      s.template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logGroup },
        FilterPattern: '{ $.message = "Broadcast finished" }',
        MetricTransformations: [
          {
            MetricNamespace: DELIVERY_METRICS_NAMESPACE,
            MetricName: name,
            MetricValue: `$.${field}`,
            DefaultValue: 0,
          },
        ],
      });
    }
  });

  test('an alarm on failed / (sent + failed) above the threshold pages the ops topic', () => {
    const alarms = Object.values(resourcesOfType(s.template, 'AWS::CloudWatch::Alarm'))
      .map((a) => a.Properties as Record<string, unknown> & { Metrics?: Record<string, unknown>[] })
      .filter((a) => JSON.stringify(a.Metrics ?? []).includes('DeliveriesFailed'));
    expect(alarms).toHaveLength(1);
    const alarm = alarms[0] as NonNullable<(typeof alarms)[number]>;
    expect(alarm).toMatchObject({
      Threshold: DELIVERY_FAILURE_RATIO_THRESHOLD,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: s.stack.getLogicalId(s.stack.messaging.opsTopic.node.defaultChild as never) }],
    });
    const expression = alarm.Metrics?.find((m) => 'Expression' in m);
    expect(expression?.Expression).toBe('IF(sent + failed > 0, failed / (sent + failed), 0)');
    const names = (alarm.Metrics ?? [])
      .filter((m) => 'MetricStat' in m)
      .map((m) => [m.Id, (m.MetricStat as { Metric: { MetricName: string; Namespace: string } }).Metric]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['sent', { MetricName: 'DeliveriesSent', Namespace: DELIVERY_METRICS_NAMESPACE }],
        ['failed', { MetricName: 'DeliveriesFailed', Namespace: DELIVERY_METRICS_NAMESPACE }],
      ]),
    );
  });
});

test('a failing send-shard invocation pages ops (as BroadcastErrors does for plan and finish)', () => {
  const fn = s.logicalId(s.stack.workflow.sendShard);
  const ops = { Ref: s.stack.getLogicalId(s.stack.messaging.opsTopic.node.defaultChild as never) };
  s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'Errors',
    Namespace: 'AWS/Lambda',
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    AlarmActions: [ops],
    OKActions: [ops],
  });
});
