import {
  type AslDefinition,
  LOCAL_FUNCTION_NAMES,
  renderAlertWorkflowAsl,
} from '../../../lib/workflow/render-asl';
import { findStates, functionOf, invokerFor, LocalWorkflowEngine } from '../../../local/workflow-engine';
import { waitFor } from './helpers';

/**
 * The local engine against the real rendered ASL, with stub functions in place of the handlers: the stub
 * steps read and write an in-memory alert status, the way the real steps use DynamoDB.
 */

type Status =
  | 'PENDING_APPROVAL'
  | 'APPROVED'
  | 'ACTIVE'
  | 'REJECTED'
  | 'APPROVAL_TIMED_OUT'
  | 'RESOLVED'
  | 'EXPIRED'
  | 'FAILED';

interface FakeAlert {
  status: Status;
  cancelled: boolean;
  waitToken?: string;
  failure?: unknown;
}

interface StepPayload {
  action: string;
  alertId: string;
  status?: Status;
  taskToken?: string;
  timeoutSeconds?: number;
  error?: unknown;
}

let asl: AslDefinition;

beforeAll(() => {
  asl = renderAlertWorkflowAsl();
});

function harness(options: { timeoutSeconds?: number; broadcastFails?: boolean; failOn?: string } = {}) {
  const alerts = new Map<string, FakeAlert>();
  const calls: { fn: string; action: string; alertId: string }[] = [];
  const tokens: string[] = [];
  const timeoutSeconds = options.timeoutSeconds ?? 60;

  const steps = async (raw: unknown) => {
    const p = raw as StepPayload;
    calls.push({ fn: 'steps', action: p.action, alertId: p.alertId });
    if (options.failOn === p.action) throw new TypeError(`step ${p.action} broke`);
    const alert = alerts.get(p.alertId);
    if (!alert) throw new Error('no such alert');
    switch (p.action) {
      case 'route':
        switch (alert.status) {
          case 'PENDING_APPROVAL':
            return { next: 'AWAIT_APPROVAL', timeoutSeconds };
          case 'APPROVED':
            return { next: 'BROADCAST' };
          case 'ACTIVE':
            return { next: 'AWAIT_RESOLUTION', timeoutSeconds };
          case 'RESOLVED':
            return { next: alert.cancelled ? 'DONE' : 'SEND_CANCELLATION' };
          default:
            return { next: 'DONE' };
        }
      case 'await':
        tokens.push(p.taskToken as string);
        // Like the real step: if the alert moved on before the token was stored, wake right away.
        if (alert.status !== p.status) await engine.wake(p.taskToken as string);
        else alert.waitToken = p.taskToken;
        return {};
      case 'approvalTimedOut':
        alert.status = 'APPROVAL_TIMED_OUT';
        return {};
      case 'expire':
        alert.status = 'EXPIRED';
        return {};
      case 'fail':
        alert.status = 'FAILED';
        alert.failure = p.error;
        return {};
      default:
        throw new Error(`unknown action ${p.action}`);
    }
  };

  // The fan-out: plan returns two shards, each shard is sent by its own function (the second one needs a
  // second run, as a shard that ran out of time does), then finish moves the alert on.
  const broadcast = async (raw: unknown) => {
    const p = raw as { alertId: string; message: 'ALERT' | 'CANCELLATION'; step: 'plan' | 'finish' };
    calls.push({ fn: 'broadcast', action: `${p.message}:${p.step}`, alertId: p.alertId });
    if (options.broadcastFails) throw new Error('gateway down');
    if (p.step === 'plan') return { shards: [0, 1].map((shard) => ({ shard, of: 2 })), maxConcurrency: 2 };
    const alert = alerts.get(p.alertId) as FakeAlert;
    if (p.message === 'ALERT') alert.status = 'ACTIVE';
    else alert.cancelled = true;
    return { done: true };
  };
  const shardRuns = new Map<string, number>();
  const sendShard = async (raw: unknown) => {
    const p = raw as { alertId: string; message: string; shard: number; of: number };
    const key = `${p.message}:${p.shard}/${p.of}`;
    calls.push({ fn: 'shard', action: key, alertId: p.alertId });
    const runs = (shardRuns.get(key) ?? 0) + 1;
    shardRuns.set(key, runs);
    return { done: p.shard === 0 || runs >= 2 };
  };

  const engine = new LocalWorkflowEngine({
    definition: asl,
    // Validated once below; the library's validator costs about a second per engine.
    validate: false,
    invoke: invokerFor({
      [LOCAL_FUNCTION_NAMES.steps]: steps,
      [LOCAL_FUNCTION_NAMES.broadcast]: broadcast,
      [LOCAL_FUNCTION_NAMES.sendShard]: sendShard,
    }),
    // The ASL's 2 s, 4 s… retry pauses would only slow the tests down.
    retryIntervalOverrides: { Broadcast: 0, SendCancellation: 0, Route: 0, MarkFailed: 0 },
  });

  /** Changes the status the way a handler does, then wakes the waiting execution with its token. */
  const decide = async (alertId: string, status: Status) => {
    const alert = alerts.get(alertId) as FakeAlert;
    alert.status = status;
    const token = alert.waitToken;
    alert.waitToken = undefined;
    if (token) await engine.wake(token);
  };
  const waitingToken = (alertId: string) =>
    waitFor(() => alerts.get(alertId)?.waitToken, 5000, 'a wait token');

  return { alerts, calls, tokens, engine, decide, waitingToken };
}

describe('LocalWorkflowEngine with the rendered alert workflow', () => {
  const id = '6f1c9a52-4a0e-4b5e-9a57-0d6c1c3b1a01';

  it('accepts the rendered ASL with the library validation on', () => {
    expect(() => new LocalWorkflowEngine({ definition: asl, invoke: invokerFor({}) })).not.toThrow();
  });

  it('gives every Task state of the ASL a local handler', () => {
    const tasks = findStates(asl).filter(([, s]) => s.Type === 'Task');
    expect(tasks.map(([name]) => name).sort()).toEqual([
      'ApprovalTimedOut',
      'AwaitApproval',
      'AwaitResolution',
      'AwaitUpdateApproval',
      'Broadcast',
      'Expire',
      'FinishBroadcast',
      'FinishSendCancellation',
      'FinishSendUpdate',
      'MarkFailed',
      'Route',
      'SendBroadcastShard',
      'SendCancellation',
      'SendCancellationShard',
      'SendUpdate',
      'SendUpdateShard',
      'UpdateTimedOut',
    ]);
    expect(functionOf('arn:aws:lambda:eu-central-1:000000000000:function:amber-broadcast')).toBe(
      'amber-broadcast',
    );
    expect(functionOf('arn:aws:lambda:eu-central-1:000000000000:function:amber-broadcast:live')).toBe(
      'amber-broadcast',
    );
    expect(functionOf('amber-broadcast')).toBe('amber-broadcast');
  });

  it('runs the approve path: wait, broadcast, wait, cancellation, done', async () => {
    const h = harness();
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    const outcome = h.engine.outcome(id);

    const approvalToken = await h.waitingToken(id);
    expect(h.engine.currentState(id)).toBe('AwaitApproval');
    await h.decide(id, 'APPROVED');

    const resolutionToken = await h.waitingToken(id);
    expect(h.alerts.get(id)?.status).toBe('ACTIVE');
    await h.decide(id, 'RESOLVED');

    await expect(outcome).resolves.toEqual({ status: 'SUCCEEDED' });
    const sequence = h.calls.map((c) => `${c.fn}:${c.action}`);
    expect(sequence.filter((c) => !c.startsWith('shard:'))).toEqual([
      'steps:route',
      'steps:await',
      'steps:route',
      'broadcast:ALERT:plan',
      'broadcast:ALERT:finish',
      'steps:route',
      'steps:await',
      'steps:route',
      'broadcast:CANCELLATION:plan',
      'broadcast:CANCELLATION:finish',
      'steps:route',
    ]);
    // Every shard ran between its plan and its finish; the shard that was not done ran again.
    const alertShards = sequence.slice(
      sequence.indexOf('broadcast:ALERT:plan'),
      sequence.indexOf('broadcast:ALERT:finish'),
    );
    expect(alertShards.filter((c) => c.startsWith('shard:')).sort()).toEqual([
      'shard:ALERT:0/2',
      'shard:ALERT:1/2',
      'shard:ALERT:1/2',
    ]);
    expect(sequence.filter((c) => c.startsWith('shard:CANCELLATION')).sort()).toEqual([
      'shard:CANCELLATION:0/2',
      'shard:CANCELLATION:1/2',
      'shard:CANCELLATION:1/2',
    ]);
    expect(approvalToken).not.toBe(resolutionToken);
    expect(h.engine.runningAlertIds()).toEqual([]);
    // Asked after the fact, the engine still knows how the alert's last execution ended.
    await expect(h.engine.outcome(id)).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(h.engine.outcome('never-started')).toBeUndefined();
  });

  it('ends after a rejection', async () => {
    const h = harness();
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    const outcome = h.engine.outcome(id);
    await h.waitingToken(id);
    await h.decide(id, 'REJECTED');
    await expect(outcome).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(h.calls.filter((c) => c.fn === 'broadcast')).toEqual([]);
  });

  it('catches States.Timeout of the approval wait and routes to ApprovalTimedOut', async () => {
    const h = harness({ timeoutSeconds: 1 });
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    const outcome = h.engine.outcome(id);
    const lateToken = await h.waitingToken(id);

    await expect(outcome).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(h.alerts.get(id)?.status).toBe('APPROVAL_TIMED_OUT');
    expect(h.calls.map((c) => c.action)).toEqual(['route', 'await', 'approvalTimedOut', 'route']);
    // A decision that arrives after the timeout finds nothing waiting.
    await expect(h.engine.wake(lateToken)).resolves.toBeUndefined();
  });

  it('catches States.Timeout of the resolution wait and routes to Expire', async () => {
    const h = harness({ timeoutSeconds: 1 });
    h.alerts.set(id, { status: 'ACTIVE', cancelled: false });
    await h.engine.start(id);
    await expect(h.engine.outcome(id)).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(h.alerts.get(id)?.status).toBe('EXPIRED');
    expect(h.calls.map((c) => c.action)).toEqual(['route', 'await', 'expire', 'route']);
  });

  it('retries a failing broadcast, then runs MarkFailed and fails the execution', async () => {
    const h = harness({ broadcastFails: true });
    h.alerts.set(id, { status: 'APPROVED', cancelled: false });
    await h.engine.start(id);
    await expect(h.engine.outcome(id)).resolves.toEqual({ status: 'FAILED', error: 'AlertWorkflowFailed' });
    // One attempt and the two retries of the ASL's States.TaskFailed retrier.
    expect(h.calls.filter((c) => c.fn === 'broadcast')).toHaveLength(3);
    expect(h.calls.at(-1)).toEqual({ fn: 'steps', action: 'fail', alertId: id });
    const alert = h.alerts.get(id) as FakeAlert;
    expect(alert.status).toBe('FAILED');
    // The error reaches MarkFailed as Step Functions shapes a Lambda function error.
    expect(alert.failure).toEqual({
      Error: 'Error',
      Cause: JSON.stringify({ errorType: 'Error', errorMessage: 'gateway down' }),
    });
  });

  it('routes a failing step to MarkFailed with the function error name', async () => {
    const h = harness({ failOn: 'route' });
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    await expect(h.engine.outcome(id)).resolves.toEqual({ status: 'FAILED', error: 'AlertWorkflowFailed' });
    expect(h.calls.map((c) => c.action)).toEqual(['route', 'fail']);
    expect(h.alerts.get(id)?.failure).toMatchObject({ Error: 'TypeError' });
  });

  it('fails the wait when the await step itself throws', async () => {
    const h = harness({ failOn: 'await' });
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    await expect(h.engine.outcome(id)).resolves.toEqual({ status: 'FAILED', error: 'AlertWorkflowFailed' });
    expect(h.calls.map((c) => c.action)).toEqual(['route', 'await', 'fail']);
  });

  it('continues when the wait step wakes itself because the alert was already decided', async () => {
    const h = harness();
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    // The route step still sees PENDING_APPROVAL; by the time the wait parks, the alert is rejected.
    const steps = h.calls;
    await h.engine.start(id);
    await waitFor(() => steps.length >= 1, 5000, 'route');
    h.alerts.set(id, { status: 'REJECTED', cancelled: false });
    await expect(h.engine.outcome(id)).resolves.toEqual({ status: 'SUCCEEDED' });
  });

  it('hands each wait a token of its own, never the context placeholder', async () => {
    const h = harness();
    const other = '6f1c9a52-4a0e-4b5e-9a57-0d6c1c3b1a02';
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    h.alerts.set(other, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    await h.engine.start(other);
    const first = await h.waitingToken(id);
    const second = await h.waitingToken(other);
    expect(first).not.toBe(second);
    for (const token of [first, second]) expect(token).toMatch(/^local-[0-9a-f-]{36}$/);

    // Waking one execution leaves the other waiting.
    await h.decide(id, 'REJECTED');
    await expect(h.engine.outcome(id)).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(h.engine.runningAlertIds()).toEqual([other]);
    await h.engine.stop();
  });

  it('treats a second start of a running alert as a no-op', async () => {
    const h = harness();
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    await h.waitingToken(id);
    await h.engine.start(id);
    expect(h.calls.filter((c) => c.action === 'route')).toHaveLength(1);
    await h.engine.stop();
  });

  it('ignores a wake with an unknown or already used token', async () => {
    const h = harness();
    await expect(h.engine.wake('local-00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    const token = await h.waitingToken(id);
    await h.decide(id, 'REJECTED');
    await h.engine.outcome(id);
    await expect(h.engine.wake(token)).resolves.toBeUndefined();
    expect(h.calls.filter((c) => c.action === 'route')).toHaveLength(2);
  });

  it('stop() aborts waiting executions without running any further step', async () => {
    const h = harness();
    h.alerts.set(id, { status: 'PENDING_APPROVAL', cancelled: false });
    await h.engine.start(id);
    const outcome = h.engine.outcome(id);
    await h.waitingToken(id);
    await h.engine.stop();
    await expect(outcome).resolves.toEqual({ status: 'ABORTED' });
    expect(h.calls.map((c) => c.action)).toEqual(['route', 'await']);
    expect(h.engine.runningAlertIds()).toEqual([]);
    await expect(h.engine.start(id)).rejects.toThrow('stopped');
  });

  it('treats an invoker that throws synchronously like a failing function', async () => {
    const engine = new LocalWorkflowEngine({
      definition: asl,
      validate: false,
      invoke: (name) => {
        if (name === LOCAL_FUNCTION_NAMES.steps) throw new RangeError('sync');
        return Promise.resolve({});
      },
    });
    await engine.start(id);
    await expect(engine.outcome(id)).resolves.toEqual({ status: 'FAILED', error: 'RangeError' });
  });

  it('fails a function that does not exist as Lambda would', async () => {
    const engine = new LocalWorkflowEngine({
      definition: asl,
      invoke: invokerFor({}),
      retryIntervalOverrides: {},
    });
    await engine.start(id);
    // Route fails with Lambda.ResourceNotFoundException, and so does MarkFailed: the execution fails.
    await expect(engine.outcome(id)).resolves.toEqual({
      status: 'FAILED',
      error: 'Lambda.ResourceNotFoundException',
    });
  });
});
