import { ALERT_STATUSES, type AlertStatus } from '../../../lambdas/domain/alert';
import { nextStep } from '../../../lambdas/domain/next-step';
import { WORKFLOW_NEXT_STEPS } from '../../../lambdas/domain/workflow-steps';
import { anAlert } from '../support/builders';

const now = new Date('2024-05-01T10:00:00.000Z');

describe('nextStep', () => {
  const expected: Record<AlertStatus, { next: string; timeout: boolean }> = {
    PENDING_APPROVAL: { next: 'AWAIT_APPROVAL', timeout: true },
    APPROVED: { next: 'BROADCAST', timeout: false },
    ACTIVE: { next: 'AWAIT_RESOLUTION', timeout: true },
    RESOLVED: { next: 'SEND_CANCELLATION', timeout: false },
    REJECTED: { next: 'DONE', timeout: false },
    APPROVAL_TIMED_OUT: { next: 'DONE', timeout: false },
    EXPIRED: { next: 'DONE', timeout: false },
    FAILED: { next: 'DONE', timeout: false },
  };

  test.each([...ALERT_STATUSES])(
    '%s has a known next step, and a timeout of at least 1 s when it waits',
    (status) => {
      const alert = anAlert({ status, expiresAt: '2024-05-02T10:00:00.000Z' });
      const result = nextStep(alert, now);
      expect(result.alertId).toBe(alert.id);
      expect(result.status).toBe(status);
      expect(WORKFLOW_NEXT_STEPS).toContain(result.next);
      expect(result.next).toBe(expected[status].next);
      if (expected[status].timeout) {
        expect(Number.isInteger(result.timeoutSeconds)).toBe(true);
        expect(result.timeoutSeconds).toBeGreaterThanOrEqual(1);
      } else {
        expect(result.timeoutSeconds).toBeUndefined();
      }
    },
  );

  test('the approval wait lasts until the approval deadline', () => {
    const alert = anAlert({ approvalDeadline: '2024-05-01T11:00:00.000Z' });
    expect(nextStep(alert, now).timeoutSeconds).toBe(3600);
  });

  test('a partial second rounds up, so the wait never ends before the deadline', () => {
    const alert = anAlert({ approvalDeadline: '2024-05-01T10:00:10.200Z' });
    expect(nextStep(alert, now).timeoutSeconds).toBe(11);
  });

  test('a deadline already passed still waits 1 second (Step Functions wants a positive integer)', () => {
    const alert = anAlert({ approvalDeadline: '2024-05-01T09:00:00.000Z' });
    expect(nextStep(alert, now).timeoutSeconds).toBe(1);
  });

  test('the resolution wait lasts until expiry', () => {
    const alert = anAlert({ status: 'ACTIVE', expiresAt: '2024-05-02T10:00:00.000Z' });
    expect(nextStep(alert, now)).toEqual({
      alertId: alert.id,
      status: 'ACTIVE',
      next: 'AWAIT_RESOLUTION',
      timeoutSeconds: 86_400,
    });
  });

  test('an active alert without an expiry waits 1 second, then expires', () => {
    const { expiresAt: _e, ...alert } = anAlert({ status: 'ACTIVE' });
    expect(nextStep(alert, now).timeoutSeconds).toBe(1);
  });

  test('a resolved alert whose cancellation went out is done', () => {
    const alert = anAlert({ status: 'RESOLVED', cancellationSentAt: '2024-05-01T09:59:00.000Z' });
    expect(nextStep(alert, now).next).toBe('DONE');
  });
});
