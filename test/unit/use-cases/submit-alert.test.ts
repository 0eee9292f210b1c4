import { ALERT_ID_PATTERN } from '../../../lambdas/domain/alert-id';
import '../support/env';
import { ConflictError, ForbiddenError, ServiceUnavailableError } from '../../../lambdas/domain/errors';
import type { Submission } from '../../../lambdas/domain/schemas';
import { submitAlert } from '../../../lambdas/use-cases/submit-alert';
import { aSubmission, officer, supervisor } from '../support/builders';
import { testConfig } from '../support/config';
import { fakeDependencies } from '../support/deps';
import { rejectionOf } from '../support/errors';

const NOW = '2024-05-01T10:00:00.000Z';

describe('submitAlert', () => {
  test('stores a PENDING_APPROVAL alert with a SUBMIT entry and starts its workflow', async () => {
    const deps = fakeDependencies();
    const alert = await submitAlert(deps, officer(), aSubmission());

    expect(alert.id).toMatch(ALERT_ID_PATTERN);
    expect(alert).toMatchObject({
      status: 'PENDING_APPROVAL',
      caseNumber: 'TR-2024-0001',
      mode: 'LIVE',
      counties: ['AL-11', 'AL-02'],
      durationHours: 24,
      submittedBy: { sub: 'officer-tirana', username: 'officer.tirana' },
      createdAt: NOW,
      updatedAt: NOW,
      approvalDeadline: '2024-05-01T11:00:00.000Z',
      broadcast: { recipients: 0, sent: 0, failed: 0 },
    });
    expect(alert.history).toEqual([
      {
        at: NOW,
        actor: { sub: 'officer-tirana', username: 'officer.tirana' },
        action: 'SUBMIT',
        from: null,
        to: 'PENDING_APPROVAL',
      },
    ]);
    expect(deps.alerts.stored(alert.id)).toEqual(alert);
    expect(deps.workflow.started).toEqual([alert.id]);
  });

  test('the directorate is the submitting officer’s, never one from the body', async () => {
    const deps = fakeDependencies();
    const smuggled = { ...aSubmission(), directorate: 'NATIONAL' } as Submission;
    const alert = await submitAlert(deps, officer({ directorate: 'AL-02' }), smuggled);
    expect(alert.directorate).toBe('AL-02');
    expect(deps.alerts.stored(alert.id).directorate).toBe('AL-02');
  });

  test('the approval deadline shrinks with the time scale', async () => {
    const deps = fakeDependencies({ config: testConfig({ AMBER_TIME_SCALE: '60' }) });
    const alert = await submitAlert(deps, officer(), aSubmission());
    expect(alert.approvalDeadline).toBe('2024-05-01T10:01:00.000Z');
  });

  test('a supervisor who is not an officer cannot submit; nothing is stored or started', async () => {
    const deps = fakeDependencies();
    await expect(submitAlert(deps, supervisor(), aSubmission())).rejects.toBeInstanceOf(ForbiddenError);
    expect(deps.alerts.items.size).toBe(0);
    expect(deps.workflow.started).toEqual([]);
  });

  test('a case number held by an open alert is a conflict, and no second workflow starts', async () => {
    const deps = fakeDependencies();
    const first = await submitAlert(deps, officer(), aSubmission());
    const error = await rejectionOf(
      submitAlert(deps, officer(), aSubmission({ caseNumber: 'tr-2024-0001' })),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toEqual({ alertId: first.id });
    expect(deps.workflow.started).toEqual([first.id]);
  });

  test("another directorate's open alert with the case number is a 409 that does not name it", async () => {
    const deps = fakeDependencies();
    const first = await submitAlert(deps, officer(), aSubmission());
    const elsewhere = officer({ sub: 'officer-durres', username: 'officer.durres', directorate: 'AL-02' });
    const error = await rejectionOf(submitAlert(deps, elsewhere, aSubmission()));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toBeUndefined();
    expect((error as ConflictError).message).not.toContain(first.id);
    // A national officer may see every alert, so it is named to them.
    const national = officer({
      sub: 'officer-national',
      username: 'officer.national',
      directorate: 'NATIONAL',
    });
    const named = await rejectionOf(submitAlert(deps, national, aSubmission()));
    expect((named as ConflictError).details).toEqual({ alertId: first.id });
  });

  test('case numbers are unique per mode: an open exercise does not block the live alert, nor the reverse', async () => {
    const deps = fakeDependencies();
    const exercise = await submitAlert(deps, officer(), aSubmission({ mode: 'EXERCISE' }));
    const live = await submitAlert(deps, officer(), aSubmission({ mode: 'LIVE' }));
    expect([exercise.status, live.status]).toEqual(['PENDING_APPROVAL', 'PENDING_APPROVAL']);
    await expect(submitAlert(deps, officer(), aSubmission({ mode: 'EXERCISE' }))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  describe('when the workflow does not start', () => {
    test('the alert is closed as FAILED and the officer gets a 503 asking to submit again', async () => {
      const deps = fakeDependencies();
      deps.workflow.startError = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

      const error = await rejectionOf(submitAlert(deps, officer(), aSubmission()));

      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as ServiceUnavailableError).statusCode).toBe(503);
      expect(deps.alerts.items.size).toBe(1);
      const [stored] = [...deps.alerts.items.values()];
      expect(stored?.status).toBe('FAILED');
      expect(stored?.failure).toBe('Workflow did not start');
      expect(stored?.history.map((h) => [h.action, h.from, h.to])).toEqual([
        ['SUBMIT', null, 'PENDING_APPROVAL'],
        ['FAIL', 'PENDING_APPROVAL', 'FAILED'],
      ]);
      expect(stored?.history[1]?.actor).toEqual({ sub: 'system', username: 'workflow' });
    });

    test('the case number is free again for the resubmission', async () => {
      const deps = fakeDependencies();
      deps.workflow.startError = new Error('down');
      await expect(submitAlert(deps, officer(), aSubmission())).rejects.toBeInstanceOf(
        ServiceUnavailableError,
      );
      deps.workflow.startError = undefined;
      const again = await submitAlert(deps, officer(), aSubmission());
      expect(again.status).toBe('PENDING_APPROVAL');
      expect(deps.workflow.started).toEqual([again.id]);
    });
  });
});
