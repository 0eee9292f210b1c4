import '../support/env';
import { core } from 'zod';
import { createHandler as broadcastHandler } from '../../../lambdas/handlers/workflow/broadcast';
import { createHandler as sendShardHandler } from '../../../lambdas/handlers/workflow/send-shard';
import { createHandler as stepsHandler } from '../../../lambdas/handlers/workflow/steps';
import { signApprovedContent } from '../../../lambdas/use-cases/content-integrity';
import { lambdaContext } from '../support/api-gateway';
import { anActiveAlert, anAlert, mobile } from '../support/builders';
import { fakeDependencies } from '../support/deps';

/** Workflow handlers are invoked by Step Functions with a JSON payload; a malformed one fails the task. */

describe('workflow steps handler', () => {
  function setup() {
    const deps = fakeDependencies();
    const pending = anAlert({ approvalDeadline: '2024-05-01T10:10:00.000Z' });
    const active = anActiveAlert({ caseNumber: 'ACTIVE-1', expiresAt: '2024-05-01T09:00:00.000Z' });
    deps.alerts.seed(pending, active);
    const run = (event: unknown) => stepsHandler(deps)(event, lambdaContext('amber-steps'));
    return { deps, pending, active, run };
  }

  test('route answers the next step from the stored alert', async () => {
    const { pending, run } = setup();
    await expect(run({ action: 'route', alertId: pending.id })).resolves.toMatchObject({
      alertId: pending.id,
      status: 'PENDING_APPROVAL',
      next: 'AWAIT_APPROVAL',
      timeoutSeconds: 600,
    });
  });

  test('await parks the token and asks the supervisors', async () => {
    const { deps, pending, run } = setup();
    await run({
      action: 'await',
      alertId: pending.id,
      status: 'PENDING_APPROVAL',
      taskToken: 'tok',
      timeoutSeconds: 600,
    });
    expect(deps.alerts.stored(pending.id).waitToken).toBe('tok');
    expect(deps.notifier.requests).toHaveLength(1);
  });

  test('approvalTimedOut, expire and fail reach their use cases', async () => {
    const { deps, pending, active, run } = setup();
    await run({ action: 'approvalTimedOut', alertId: pending.id });
    expect(deps.alerts.stored(pending.id).status).toBe('APPROVAL_TIMED_OUT');
    await run({ action: 'expire', alertId: active.id });
    expect(deps.alerts.stored(active.id).status).toBe('EXPIRED');

    const other = anAlert({ caseNumber: 'OTHER', status: 'APPROVED' });
    deps.alerts.seed(other);
    await run({
      action: 'fail',
      alertId: other.id,
      error: { Error: 'States.TaskFailed', Cause: 'secret details' },
    });
    expect(deps.alerts.stored(other.id)).toMatchObject({ status: 'FAILED', failure: 'States.TaskFailed' });
  });

  test.each([
    ['an unknown action', { action: 'launch', alertId: 'abcdefghjk' }],
    ['an alert id of the wrong form', { action: 'route', alertId: '../../x' }],
    ['await without a task token', { action: 'await', alertId: 'abcdefghjk', status: 'PENDING_APPROVAL' }],
    [
      'await with an unknown status',
      { action: 'await', alertId: 'abcdefghjk', status: 'DONE', taskToken: 't' },
    ],
    ['no payload', undefined],
    ['a string', 'route'],
  ])('%s fails the task with a ZodError and changes nothing', async (_what, event) => {
    const { deps, run } = setup();
    // The steps' event schema is zod/mini: its errors are zod 4 core errors (classic ZodError is one too).
    await expect(run(event)).rejects.toBeInstanceOf(core.$ZodError);
    expect(deps.alerts.transitions).toEqual([]);
    expect(deps.workflow.woken).toEqual([]);
  });
});

describe('broadcast handler', () => {
  test('sends the alert to the subscribers of its counties', async () => {
    const deps = fakeDependencies();
    deps.subscribers.seedActive(mobile(1), ['AL-11']).seedActive(mobile(2), ['AL-05']);
    const alert = anAlert({ status: 'APPROVED' });
    alert.approvedContent = await signApprovedContent(deps, alert);
    deps.alerts.seed(alert);
    const broadcast = broadcastHandler(deps);
    const event = { alertId: alert.id, message: 'ALERT' };
    const plan = await broadcast({ ...event, step: 'plan' }, lambdaContext('amber-broadcast'));
    expect(plan).toEqual({ shards: [{ shard: 0, of: 1 }], maxConcurrency: 1 });
    expect(deps.sms.attempts).toEqual([]);
    const sent = await sendShardHandler(deps)(
      { ...event, shard: 0, of: 1 },
      lambdaContext('amber-broadcast-shard'),
    );
    expect(sent).toEqual({ done: true });
    expect(deps.sms.recipients()).toEqual([mobile(1)]);
    expect(deps.alerts.stored(alert.id).status).toBe('APPROVED');
    await broadcast({ ...event, step: 'finish' }, lambdaContext('amber-broadcast'));
    expect(deps.alerts.stored(alert.id).status).toBe('ACTIVE');
  });

  test('a shard outside the layout fails the task with a ZodError and sends nothing', async () => {
    const deps = fakeDependencies();
    const event = { alertId: 'abcdefghjk', message: 'ALERT', shard: 40, of: 40 };
    await expect(
      sendShardHandler(deps)(event, lambdaContext('amber-broadcast-shard')),
    ).rejects.toBeInstanceOf(core.$ZodError);
    expect(deps.sms.attempts).toEqual([]);
  });

  test.each([
    ['an unknown message', { alertId: 'abcdefghjk', message: 'UPDATE-ALL', step: 'plan' }],
    [
      'a UUID instead of an alert id',
      { alertId: '3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e', message: 'ALERT', step: 'plan' },
    ],
    ['no alert id', { message: 'ALERT', step: 'plan' }],
    ['no step', { alertId: 'abcdefghjk', message: 'ALERT' }],
  ])('%s fails the task with a ZodError and sends nothing', async (_what, event) => {
    const deps = fakeDependencies();
    await expect(broadcastHandler(deps)(event, lambdaContext('amber-broadcast'))).rejects.toBeInstanceOf(
      core.$ZodError,
    );
    expect(deps.sms.attempts).toEqual([]);
  });
});
