import '../support/env';
import type { Alert } from '../../../lambdas/domain/alert';
import { NotFoundError } from '../../../lambdas/domain/errors';
import {
  approvalTimedOut,
  awaitChange,
  expire,
  fail,
  route,
} from '../../../lambdas/use-cases/workflow-steps';
import { anActiveAlert, anAlert } from '../support/builders';
import { fakeDependencies } from '../support/deps';

const NOW = '2024-05-01T10:00:00.000Z';
const SYSTEM = { sub: 'system', username: 'workflow' };

function setup(alert: Alert) {
  const deps = fakeDependencies();
  deps.alerts.seed(alert);
  return { deps, id: alert.id };
}

describe('route', () => {
  test('decides the next step from the stored alert', async () => {
    const { deps, id } = setup(anAlert({ approvalDeadline: '2024-05-01T10:30:00.000Z' }));
    await expect(route(deps, id)).resolves.toEqual({
      alertId: id,
      status: 'PENDING_APPROVAL',
      next: 'AWAIT_APPROVAL',
      timeoutSeconds: 1800,
    });
  });

  test('an unknown alert fails the step', async () => {
    const deps = fakeDependencies();
    await expect(route(deps, 'f0000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('awaitChange', () => {
  test('stores the token and asks the supervisors once', async () => {
    const alert = anAlert({ mode: 'EXERCISE' });
    const { deps, id } = setup(alert);

    await awaitChange(deps, id, 'PENDING_APPROVAL', 'token-1');

    expect(deps.alerts.stored(id).waitToken).toBe('token-1');
    expect(deps.notifier.requests).toEqual([
      { alertId: id, directorate: 'AL-11', counties: ['AL-11', 'AL-02'], mode: 'EXERCISE' },
    ]);
    expect(deps.alerts.stored(id).approvalRequestedAt).toBe(NOW);
    expect(deps.workflow.woken).toEqual([]);
  });

  test('a re-entered wait stores the new token but does not ask again', async () => {
    const { deps, id } = setup(anAlert());
    await awaitChange(deps, id, 'PENDING_APPROVAL', 'token-1');
    deps.clock.advance(60_000);
    await awaitChange(deps, id, 'PENDING_APPROVAL', 'token-2');

    expect(deps.notifier.requests).toHaveLength(1);
    expect(deps.alerts.stored(id).waitToken).toBe('token-2');
    expect(deps.alerts.stored(id).approvalRequestedAt).toBe(NOW);
  });

  test('when the status moved on before the token was stored, the execution wakes itself', async () => {
    const { deps, id } = setup(anAlert({ status: 'APPROVED' }));
    await awaitChange(deps, id, 'PENDING_APPROVAL', 'token-1');
    expect(deps.workflow.woken).toEqual(['token-1']);
    expect(deps.alerts.stored(id).waitToken).toBeUndefined();
    expect(deps.notifier.requests).toEqual([]);
  });

  test('waiting for resolution stores the token and notifies nobody', async () => {
    const { deps, id } = setup(anActiveAlert());
    await awaitChange(deps, id, 'ACTIVE', 'token-r');
    expect(deps.alerts.stored(id).waitToken).toBe('token-r');
    expect(deps.notifier.requests).toEqual([]);
    expect(deps.workflow.woken).toEqual([]);
  });
});

describe('approvalTimedOut', () => {
  test('closes a still-pending alert as APPROVAL_TIMED_OUT', async () => {
    const { deps, id } = setup(anAlert());
    await approvalTimedOut(deps, id);
    const stored = deps.alerts.stored(id);
    expect(stored.status).toBe('APPROVAL_TIMED_OUT');
    expect(stored.history.at(-1)).toEqual({
      at: NOW,
      actor: SYSTEM,
      action: 'APPROVAL_TIMEOUT',
      from: 'PENDING_APPROVAL',
      to: 'APPROVAL_TIMED_OUT',
    });
  });

  test('ignores a lost race: a supervisor approved first, and the approval stands', async () => {
    const { deps, id } = setup(anAlert({ status: 'APPROVED' }));
    await expect(approvalTimedOut(deps, id)).resolves.toBeUndefined();
    expect(deps.alerts.stored(id).status).toBe('APPROVED');
    expect(deps.alerts.stored(id).history).toHaveLength(1);
  });

  test('other errors still fail the step', async () => {
    const { deps, id } = setup(anAlert());
    deps.alerts.transition = async () => {
      throw new Error('DynamoDB unavailable');
    };
    await expect(approvalTimedOut(deps, id)).rejects.toThrow('DynamoDB unavailable');
  });
});

describe('expire', () => {
  test('expires an active alert whose time is up', async () => {
    const { deps, id } = setup(anActiveAlert({ expiresAt: NOW }));
    await expire(deps, id);
    const stored = deps.alerts.stored(id);
    expect(stored.status).toBe('EXPIRED');
    expect(stored.history.at(-1)).toEqual({
      at: NOW,
      actor: SYSTEM,
      action: 'EXPIRE',
      from: 'ACTIVE',
      to: 'EXPIRED',
    });
  });

  test('tolerates a wait that ended up to a second early', async () => {
    const { deps, id } = setup(anActiveAlert({ expiresAt: '2024-05-01T10:00:00.900Z' }));
    await expire(deps, id);
    expect(deps.alerts.stored(id).status).toBe('EXPIRED');
  });

  test('does nothing when expiresAt was extended after the wait started', async () => {
    const { deps, id } = setup(anActiveAlert({ expiresAt: '2024-05-01T22:00:00.000Z' }));
    await expire(deps, id);
    expect(deps.alerts.stored(id).status).toBe('ACTIVE');
    expect(deps.alerts.transitions).toEqual([]);
  });

  test('does nothing to an alert resolved meanwhile', async () => {
    const { deps, id } = setup(anActiveAlert({ status: 'RESOLVED', expiresAt: NOW }));
    await expire(deps, id);
    expect(deps.alerts.stored(id).status).toBe('RESOLVED');
    expect(deps.alerts.transitions).toEqual([]);
  });
});

describe('fail', () => {
  const cause = 'SmsSendError: could not send to +355691234567 about Arta Hoxha';

  test('marks an open alert FAILED with the error name only', async () => {
    const { deps, id } = setup(anAlert({ status: 'APPROVED' }));
    await fail(deps, id, { Error: 'States.Timeout', Cause: cause });
    const stored = deps.alerts.stored(id);
    expect(stored.status).toBe('FAILED');
    expect(stored.failure).toBe('States.Timeout');
    expect(stored.history.at(-1)).toEqual({
      at: NOW,
      actor: SYSTEM,
      action: 'FAIL',
      from: 'APPROVED',
      to: 'FAILED',
      reason: 'States.Timeout',
    });
    expect(JSON.stringify(stored)).not.toContain('+355691234567');
  });

  test('without an error name it records UnknownError', async () => {
    const { deps, id } = setup(anActiveAlert());
    await fail(deps, id, undefined);
    expect(deps.alerts.stored(id)).toMatchObject({ status: 'FAILED', failure: 'UnknownError' });
  });

  test('a resolved alert stays resolved; the failure (of its cancellation) is recorded', async () => {
    const { deps, id } = setup(anActiveAlert({ status: 'RESOLVED', outcome: 'FOUND' }));
    await fail(deps, id, { Error: 'Lambda.Unknown', Cause: cause });
    const stored = deps.alerts.stored(id);
    expect(stored.status).toBe('RESOLVED');
    expect(stored.failure).toBe('Lambda.Unknown');
    expect(JSON.stringify(stored)).not.toContain('Arta Hoxha about');
  });

  test('an alert that does not exist is nothing to fail', async () => {
    const deps = fakeDependencies();
    await expect(fail(deps, 'f0000000-0000-4000-8000-000000000000', { Error: 'X' })).resolves.toBeUndefined();
  });
});
