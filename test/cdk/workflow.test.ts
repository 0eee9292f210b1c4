import aslValidator from 'asl-validator';
import { STATE } from '../../lib/workflow/alert-workflow';
import { type AslDefinition, renderAlertWorkflowAsl } from '../../lib/workflow/render-asl';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

type State = Record<string, unknown> & { Type: string };
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
      LogGroupName: '/aws/vendedlogs/states/amber-dev-alert-workflow',
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

  test('has the states of STATE, starting at Route', () => {
    expect(deployedAsl().StartAt).toBe(STATE.route);
    expect(
      states()
        .map(([name]) => name)
        .sort(),
    ).toEqual(Object.values(STATE).sort());
  });

  test('its role invokes the two workflow functions and nothing else', () => {
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
    for (const fn of [s.stack.workflow.steps, s.stack.workflow.broadcast])
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
    expect(tasks.length).toBe(10);
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

  test('every other Task has a fixed timeout: 30 s for steps, 15 min for broadcasts', () => {
    for (const [name, task] of states()) {
      if (task.Type !== 'Task' || String(task.Resource).endsWith('.waitForTaskToken')) continue;
      const broadcast =
        name === STATE.broadcast || name === STATE.sendCancellation || name === STATE.sendUpdate;
      expect({ name, timeout: task.TimeoutSeconds }).toEqual({ name, timeout: broadcast ? 900 : 30 });
    }
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
      Parameters: { Payload: { message: 'UPDATE' } },
      Next: STATE.route,
    });
  });

  test('Dispatch sends anything unknown to MarkFailed', () => {
    expect(state(STATE.dispatch)).toMatchObject({ Type: 'Choice', Default: STATE.markFailed });
  });
});
