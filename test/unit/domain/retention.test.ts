import type { Alert, AuditEntry, IssuedMessage } from '../../../lambdas/domain/alert';
import {
  endedAt,
  isDueForPurge,
  PURGED_TEXT,
  planPurge,
  retentionCutoff,
} from '../../../lambdas/domain/retention';
import { anActiveAlert, anAlert } from '../support/builders';

const supervisorActor = { sub: 'supervisor-tirana', username: 'supervisor.tirana' };
const entry = (
  at: string,
  action: AuditEntry['action'],
  from: AuditEntry['from'],
  to: AuditEntry['to'],
  reason?: string,
): AuditEntry => ({
  at,
  actor: supervisorActor,
  action,
  from,
  to,
  ...(reason ? { reason } : {}),
});

const message: IssuedMessage = {
  kind: 'ALERT',
  version: 1,
  sentAt: '2024-05-01T09:56:00.000Z',
  capIdentifier: 'cap-1',
  content: {
    child: {
      name: 'Arta Hoxha',
      age: 9,
      description: 'Short brown hair',
      photoUrl: 'https://p.example/a.jpg',
    },
    suspect: { name: 'Ilir Dema', description: 'About 40' },
    vehicle: { plate: 'AA123BB' },
    lastSeen: { place: 'Sheshi Skënderbej', county: 'AL-11', at: '2024-05-01T07:30:00.000Z' },
    counties: ['AL-11'],
  },
};

function aResolvedAlert(overrides: Partial<Alert> = {}): Alert {
  const base = anActiveAlert();
  return {
    ...base,
    status: 'RESOLVED',
    outcome: 'FOUND',
    resolvedAt: '2024-05-01T12:00:00.000Z',
    resolutionNote: 'Arta found at her aunt’s',
    cancellationSentAt: '2024-05-01T12:00:05.000Z',
    messages: [message],
    history: [
      ...base.history,
      entry('2024-05-01T09:55:00.000Z', 'APPROVE', 'PENDING_APPROVAL', 'APPROVED'),
      entry('2024-05-01T12:00:00.000Z', 'RESOLVE', 'ACTIVE', 'RESOLVED', 'Arta Hoxha found'),
      entry('2024-05-01T12:00:05.000Z', 'CANCELLATION_SENT', 'RESOLVED', 'RESOLVED'),
    ],
    updatedAt: '2024-05-01T12:00:05.000Z',
    ...overrides,
  };
}

describe('retentionCutoff', () => {
  test('is retentionDays before now, shortened by the time scale', () => {
    const now = new Date('2024-06-30T00:00:00.000Z');
    expect(retentionCutoff(now, 30).toISOString()).toBe('2024-05-31T00:00:00.000Z');
    expect(retentionCutoff(now, 30, 86_400).toISOString()).toBe('2024-06-29T23:59:30.000Z');
  });
});

describe('endedAt', () => {
  test('is the entry that moved the alert into its final status, not a later one that kept it', () => {
    expect(endedAt(aResolvedAlert())).toBe('2024-05-01T12:00:00.000Z');
  });

  test('falls back on updatedAt when no entry moved it there', () => {
    expect(endedAt(anAlert({ status: 'FAILED', updatedAt: '2024-05-03T00:00:00.000Z' }))).toBe(
      '2024-05-03T00:00:00.000Z',
    );
  });
});

describe('isDueForPurge', () => {
  const after = new Date('2024-05-01T12:00:00.000Z');
  const before = new Date('2024-05-01T11:59:59.999Z');

  test('a resolved alert is due once it ended at or before the cutoff', () => {
    expect(isDueForPurge(aResolvedAlert(), after)).toBe(true);
    expect(isDueForPurge(aResolvedAlert(), before)).toBe(false);
  });

  test('a resolved alert whose cancellation failed is due at the cutoff all the same, not kept forever', () => {
    const failed = aResolvedAlert({ cancellationSentAt: undefined, failure: 'States.TaskFailed' });
    expect(isDueForPurge(failed, after)).toBe(true);
    expect(isDueForPurge(aResolvedAlert({ cancellationSentAt: undefined }), after)).toBe(true);
    // Before the cutoff the cancellation still has its chance: the delivery list stays.
    expect(isDueForPurge(failed, before)).toBe(false);
  });

  test.each(['EXPIRED', 'REJECTED', 'APPROVAL_TIMED_OUT', 'FAILED'] as const)('%s is due', (status) => {
    const alert = anAlert({ status, updatedAt: '2024-05-01T12:00:00.000Z' });
    expect(isDueForPurge(alert, after)).toBe(true);
  });

  test.each(['PENDING_APPROVAL', 'APPROVED', 'ACTIVE'] as const)(
    'an open alert (%s) is never due',
    (status) => {
      expect(isDueForPurge(anAlert({ status, updatedAt: '2020-01-01T00:00:00.000Z' }), after)).toBe(false);
    },
  );

  test('an alert already purged is not due again', () => {
    expect(isDueForPurge(aResolvedAlert({ purgedAt: '2024-06-01T00:00:00.000Z' }), after)).toBe(false);
  });
});

describe('planPurge', () => {
  const now = new Date('2024-06-01T00:00:00.000Z');
  const alert = aResolvedAlert({
    updateRequest: {
      version: 2,
      state: 'REJECTED',
      changes: { child: { name: 'Arta Hoxha', age: 9, description: 'Green coat' } },
      note: 'Seen with Ilir Dema',
      reason: 'Arta not confirmed',
      submittedBy: supervisorActor,
      submittedAt: '2024-05-01T10:00:00.000Z',
      deadline: '2024-05-01T11:00:00.000Z',
    },
  });
  const plan = planPurge(alert, now);
  const written = JSON.stringify(plan.set);

  test('no personal text of the alert survives in what is written', () => {
    for (const personal of [
      'Arta',
      'Hoxha',
      'Short brown hair',
      'https://',
      'Ilir Dema',
      'AA123BB',
      'Skënderbej',
      'Green coat',
      'aunt',
    ]) {
      expect(written).not.toContain(personal);
    }
    expect(plan.remove).toEqual(['suspect', 'vehicle', 'resolutionNote', 'rejectionReason']);
  });

  test('the age, county, time of sighting and counties stay for the figures', () => {
    expect(plan.set.child).toEqual({ name: PURGED_TEXT, age: 9, description: PURGED_TEXT });
    expect(plan.set.lastSeen).toEqual({
      place: PURGED_TEXT,
      county: 'AL-11',
      at: '2024-05-01T07:30:00.000Z',
    });
    expect(plan.set.messages?.[0]?.content).toEqual({
      child: { name: PURGED_TEXT, age: 9, description: PURGED_TEXT },
      lastSeen: { place: PURGED_TEXT, county: 'AL-11', at: '2024-05-01T07:30:00.000Z' },
      counties: ['AL-11'],
    });
    expect(plan.set.updateRequest).toMatchObject({ version: 2, state: 'REJECTED', changes: {} });
    expect(plan.set.updateRequest).not.toHaveProperty('note');
  });

  test('the audit trail keeps every entry (reasons removed) and ends with PURGE', () => {
    expect(plan.set.history).toHaveLength(alert.history.length + 1);
    expect(plan.set.history.map((e) => e.action)).toEqual([...alert.history.map((e) => e.action), 'PURGE']);
    expect(plan.set.history[2]?.reason).toBe(PURGED_TEXT);
    expect(plan.entry).toEqual({
      at: now.toISOString(),
      actor: { sub: 'system', username: 'workflow' },
      action: 'PURGE',
      from: 'RESOLVED',
      to: 'RESOLVED',
    });
    expect(plan.set.purgedAt).toBe(now.toISOString());
  });

  test('planning does not change the alert it was given', () => {
    expect(alert.child.name).toBe('Arta Hoxha');
    expect(alert.history[2]?.reason).toBe('Arta Hoxha found');
  });
});
