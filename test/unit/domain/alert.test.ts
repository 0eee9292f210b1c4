import {
  ALERT_STATUSES,
  deadlineAfter,
  isPublic,
  OPEN_STATUSES,
  secondsUntil,
  toPublicAlert,
} from '../../../lambdas/domain/alert';
import { anActiveAlert, anAlert } from '../support/builders';

const now = new Date('2024-05-01T10:00:00.000Z');

describe('deadlineAfter', () => {
  test('adds the seconds at time scale 1', () => {
    expect(deadlineAfter(now, 3600, 1)).toBe('2024-05-01T11:00:00.000Z');
  });

  test('shortens the wait by the time scale (24 hours in 24 seconds at 3600)', () => {
    expect(deadlineAfter(now, 24 * 3600, 3600)).toBe('2024-05-01T10:00:24.000Z');
  });

  test('rounds to whole milliseconds', () => {
    expect(deadlineAfter(now, 1, 3)).toBe('2024-05-01T10:00:00.333Z');
  });
});

describe('secondsUntil', () => {
  test('counts whole seconds, rounding up', () => {
    expect(secondsUntil('2024-05-01T10:01:00.000Z', now)).toBe(60);
    expect(secondsUntil('2024-05-01T10:00:00.001Z', now)).toBe(1);
    expect(secondsUntil('2024-05-01T10:00:59.001Z', now)).toBe(60);
  });

  test('is at least 1, even at or past the deadline', () => {
    expect(secondsUntil('2024-05-01T10:00:00.000Z', now)).toBe(1);
    expect(secondsUntil('2024-04-30T10:00:00.000Z', now)).toBe(1);
  });
});

describe('toPublicAlert', () => {
  const alert = anActiveAlert({
    resolutionNote: 'internal note',
    rejectionReason: 'internal reason',
    failure: 'SomeError',
    approvalRequestedAt: '2024-05-01T09:51:00.000Z',
  });
  const view = toPublicAlert(alert);

  test('keeps what the public needs to recognise the child', () => {
    expect(view).toMatchObject({
      id: alert.id,
      status: 'ACTIVE',
      child: alert.child,
      suspect: alert.suspect,
      vehicle: alert.vehicle,
      lastSeen: alert.lastSeen,
      counties: alert.counties,
      activatedAt: alert.activatedAt,
      expiresAt: alert.expiresAt,
      updatedAt: alert.updatedAt,
    });
  });

  test.each([
    'caseNumber',
    'submittedBy',
    'approvedBy',
    'criteria',
    'resolutionNote',
    'rejectionReason',
    'directorate',
    'history',
    'failure',
    'broadcast',
    'approvalDeadline',
    'mode',
  ])('has no %s', (field) => {
    expect(view).not.toHaveProperty([field]);
  });

  test('leaves out optional parts the alert does not have', () => {
    const { suspect: _s, vehicle: _v, ...bare } = anAlert();
    const publicView = toPublicAlert(bare);
    expect(Object.keys(publicView).sort()).toEqual([
      'child',
      'counties',
      'id',
      'lastSeen',
      'status',
      'updatedAt',
    ]);
  });
});

describe('isPublic', () => {
  test('an active live alert is public', () => {
    expect(isPublic(anActiveAlert())).toBe(true);
  });

  test('an active exercise is never public', () => {
    expect(isPublic(anActiveAlert({ mode: 'EXERCISE' }))).toBe(false);
  });

  test.each(ALERT_STATUSES.filter((s) => s !== 'ACTIVE'))('a live alert in %s is not public', (status) => {
    expect(isPublic(anAlert({ status }))).toBe(false);
  });
});

test('the open statuses are the ones the workflow still works on', () => {
  expect([...OPEN_STATUSES].sort()).toEqual(['ACTIVE', 'APPROVED', 'PENDING_APPROVAL']);
});
