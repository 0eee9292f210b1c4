import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { STATE } from '../../../lib/workflow/alert-workflow';
import { type AslDefinition, renderAlertWorkflowAsl } from '../../../lib/workflow/render-asl';

/**
 * Every path into MarkFailed, run on the rendered ASL by aws-local-stepfunctions with stub tasks: each path
 * must reach MarkFailed with the error it records, and end the execution in the Fail state. A path that
 * lacked `$.error` would end in States.Runtime instead (as in AWS, where no catcher catches it and the
 * alert would stay open).
 */
jest.setTimeout(60_000);

const definition = renderAlertWorkflowAsl();

type State = Record<string, unknown> & { Type: string };
const topStates = Object.entries(definition.States) as [string, State][];

/** Names of the Tasks inside a Map's item processor. */
const innerTasks = (map: State): string[] =>
  Object.entries((map.ItemProcessor as AslDefinition).States)
    .filter(([, st]) => st.Type === 'Task')
    .map(([name]) => name);

/** A failure at `state` after Route named `next`; `timeoutAt` raises States.Timeout in that wait first. */
interface Scenario {
  next: string;
  failAt: string;
  timeoutAt?: string;
}

const fanOut = (next: string, plan: string, shards: string, finish: string): [string, Scenario][] => [
  [plan, { next, failAt: plan }],
  [shards, { next, failAt: innerTasks(definition.States[shards] as State)[0] ?? '' }],
  [finish, { next, failAt: finish }],
];

/** How to reach each state that can lead into MarkFailed (the test checks that the list is complete). */
const SCENARIOS: Record<string, Scenario> = Object.fromEntries<Scenario>([
  [STATE.route, { next: 'DONE', failAt: STATE.route }],
  [STATE.unknownStep, { next: 'NOT_A_STEP', failAt: '' }],
  [STATE.awaitApproval, { next: 'AWAIT_APPROVAL', failAt: STATE.awaitApproval }],
  [
    STATE.approvalTimedOut,
    { next: 'AWAIT_APPROVAL', timeoutAt: STATE.awaitApproval, failAt: STATE.approvalTimedOut },
  ],
  [STATE.awaitResolution, { next: 'AWAIT_RESOLUTION', failAt: STATE.awaitResolution }],
  [STATE.expire, { next: 'AWAIT_RESOLUTION', timeoutAt: STATE.awaitResolution, failAt: STATE.expire }],
  [STATE.awaitUpdateApproval, { next: 'AWAIT_UPDATE_APPROVAL', failAt: STATE.awaitUpdateApproval }],
  [
    STATE.updateTimedOut,
    { next: 'AWAIT_UPDATE_APPROVAL', timeoutAt: STATE.awaitUpdateApproval, failAt: STATE.updateTimedOut },
  ],
  ...fanOut('BROADCAST', STATE.broadcast, STATE.alertShards, STATE.finishAlert),
  ...fanOut('SEND_UPDATE', STATE.sendUpdate, `${STATE.sendUpdate}Shards`, `Finish${STATE.sendUpdate}`),
  ...fanOut(
    'SEND_CANCELLATION',
    STATE.sendCancellation,
    `${STATE.sendCancellation}Shards`,
    `Finish${STATE.sendCancellation}`,
  ),
]);

/** The states with a transition into MarkFailed: a catcher, Next, Default or a Choice rule. */
const intoMarkFailed = topStates
  .filter(([, st]) => {
    const targets = [
      st.Next,
      st.Default,
      ...((st.Choices ?? []) as { Next: string }[]).map((c) => c.Next),
      ...((st.Catch ?? []) as { Next: string }[]).map((c) => c.Next),
    ];
    return targets.includes(STATE.markFailed);
  })
  .map(([name]) => name);

class StubFailure extends Error {
  constructor(name: string) {
    super(`${name} failed`);
    this.name = name;
  }
}

async function run(scenario: Scenario): Promise<{ recorded: unknown[]; error: string }> {
  const recorded: unknown[] = [];
  let routes = 0;
  const taskNames = topStates
    .flatMap(([name, st]) => (st.Type === 'Map' ? innerTasks(st) : st.Type === 'Task' ? [name] : []))
    .filter((name) => name !== STATE.markFailed);
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of taskNames) {
    handlers[name] = async () => {
      if (name === scenario.timeoutAt) throw new StubFailure('States.Timeout');
      if (name === scenario.failAt) throw new StubFailure('Boom');
      if (name === STATE.route) {
        routes += 1;
        return { Payload: { next: routes === 1 ? scenario.next : 'DONE', timeoutSeconds: 60 } };
      }
      // Plans return one shard (and the Map's concurrency, which MaxConcurrencyPath reads); the shard
      // senders finish at once; the rest return nothing of interest.
      return { Payload: { shards: [{ shard: 0, of: 1 }], maxConcurrency: 1, done: true } };
    };
  }
  handlers[STATE.markFailed] = async (input) => {
    recorded.push((input as { Payload: { error?: unknown } }).Payload.error);
    return {};
  };
  const retryIntervalOverrides = Object.fromEntries(taskNames.map((name) => [name, 0]));
  const machine = new StateMachine(definition as never);
  const execution = machine.run(
    { alertId: 'a-1' },
    {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides },
      // Step Functions gives waiting tasks their token in the context; the stubs never use it.
      context: { Execution: { Input: { alertId: 'a-1' } }, Task: { Token: 'stub-token' } },
    },
  );
  try {
    await execution.result;
    return { recorded, error: 'none' };
  } catch (error) {
    const cause = error instanceof ExecutionError ? error.cause : error;
    return { recorded, error: cause instanceof Error ? cause.name : String(cause) };
  }
}

describe('every path into MarkFailed, on the rendered ASL', () => {
  test('the scenarios cover every state that can lead into MarkFailed', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...intoMarkFailed].sort());
  });

  test.each(Object.entries(SCENARIOS))(
    '%s: MarkFailed records an error, then the execution fails',
    async (_, scenario) => {
      const { recorded, error } = await run(scenario);
      expect(recorded).toEqual([{ Error: expect.any(String), Cause: expect.any(String) }]);
      expect(error).toBe('AlertWorkflowFailed');
    },
  );
});
