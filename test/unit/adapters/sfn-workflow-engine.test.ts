import 'aws-sdk-client-mock-jest';
import {
  ExecutionAlreadyExists,
  InvalidArn,
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { SfnWorkflowEngine } from '../../../lambdas/adapters/aws/sfn-workflow-engine';

const ARN = 'arn:aws:states:eu-central-1:123456789012:stateMachine:amber-alert';
const ALERT = '3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e';
const client = new SFNClient({ region: 'eu-central-1' });
const sfn = mockClient(client);
const engine = new SfnWorkflowEngine(client, ARN);
const meta = { $metadata: {} };

beforeEach(() => sfn.reset());

describe('start', () => {
  test('starts an execution named after the alert', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    await engine.start(ALERT);
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: ARN,
      name: ALERT,
      input: JSON.stringify({ alertId: ALERT }),
    });
  });

  test('is idempotent: ExecutionAlreadyExists means it already runs', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', ...meta }));
    await expect(engine.start(ALERT)).resolves.toBeUndefined();
  });

  test('other errors are thrown', async () => {
    sfn.on(StartExecutionCommand).rejects(new InvalidArn({ message: 'bad arn', ...meta }));
    await expect(engine.start(ALERT)).rejects.toBeInstanceOf(InvalidArn);
  });

  test('without a state machine ARN it refuses before calling AWS', async () => {
    await expect(new SfnWorkflowEngine(client, undefined).start(ALERT)).rejects.toThrow(
      'STATE_MACHINE_ARN is not set',
    );
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe('wake', () => {
  test('sends task success with the token and no decision', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    await engine.wake('token-1');
    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, { taskToken: 'token-1', output: '{}' });
  });

  test.each([
    ['TaskTimedOut', new TaskTimedOut({ message: 'timed out', ...meta })],
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'gone', ...meta })],
    ['InvalidToken', new InvalidToken({ message: 'invalid', ...meta })],
  ])('ignores %s: the wait is over already', async (_name, error) => {
    sfn.on(SendTaskSuccessCommand).rejects(error);
    await expect(engine.wake('token-1')).resolves.toBeUndefined();
  });

  test('other errors are thrown', async () => {
    sfn
      .on(SendTaskSuccessCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(engine.wake('token-1')).rejects.toThrow('Rate exceeded');
  });
});
