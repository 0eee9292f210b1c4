import '../../support/env';
import type { Alert } from '../../../../lambdas/domain/alert';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../../lambdas/domain/errors';
import { nextStep } from '../../../../lambdas/domain/next-step';
import { decideUpdate } from '../../../../lambdas/use-cases/updates/decide-update';
import { extendAlert } from '../../../../lambdas/use-cases/updates/extend-alert';
import { submitUpdate } from '../../../../lambdas/use-cases/updates/submit-update';
import {
  anActiveAlert,
  nationalSupervisor,
  officer,
  otherSupervisor,
  supervisor,
} from '../../support/builders';
import { fakeDependencies } from '../../support/deps';

const NOW = '2024-05-01T10:00:00.000Z';
const ISSUED_ALERT = {
  kind: 'ALERT' as const,
  version: 1,
  sentAt: '2024-05-01T09:55:30.000Z',
  capIdentifier: 'amber.example.org.x.1',
  content: { child: anActiveAlert().child, lastSeen: anActiveAlert().lastSeen, counties: ['AL-11', 'AL-02'] },
};

function setup(overrides: Partial<Alert> = {}) {
  const deps = fakeDependencies();
  const alert = anActiveAlert({ messages: [ISSUED_ALERT], ...overrides });
  deps.alerts.seed({ ...alert, waitToken: 'token-active' });
  return { deps, alert };
}

const jacketChange = { changes: { child: { description: 'Blue jacket, not red' } }, note: 'Witness' };

describe('submitUpdate', () => {
  test('an officer asks; the update waits for approval with the next version, and the active wait is woken', async () => {
    const { deps, alert } = setup();
    const updated = await submitUpdate(deps, officer(), alert.id, jacketChange);

    const request = deps.alerts.stored(alert.id).updateRequest;
    expect(request).toEqual({
      version: 2,
      state: 'AWAITING_APPROVAL',
      // The whole child as it will read: the fields not named are kept.
      changes: { child: { ...alert.child, description: 'Blue jacket, not red' } },
      note: 'Witness',
      submittedBy: { sub: 'officer-tirana', username: 'officer.tirana' },
      submittedAt: NOW,
      deadline: '2024-05-01T10:30:00.000Z',
    });
    // Nothing public changes before the approval.
    expect(deps.alerts.stored(alert.id).child.description).toBe(alert.child.description);
    expect(updated.history.at(-1)).toMatchObject({ action: 'UPDATE_SUBMIT', from: 'ACTIVE', to: 'ACTIVE' });
    expect(deps.workflow.woken).toEqual(['token-active']);
    expect(nextStep(deps.alerts.stored(alert.id), new Date(NOW))).toMatchObject({
      next: 'AWAIT_UPDATE_APPROVAL',
      timeoutSeconds: 30 * 60,
    });
  });

  test('a merged field must still be valid: a new suspect needs a description', async () => {
    const { deps, alert } = setup({ suspect: undefined });
    const error = await submitUpdate(deps, officer(), alert.id, {
      changes: { suspect: { name: 'Known man' } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ 'changes.suspect.description': ['is required'] });
  });

  test('refused while another update is open, for a supervisor, another directorate, or an alert not active', async () => {
    const open = setup();
    await submitUpdate(open.deps, officer(), open.alert.id, jacketChange);
    await expect(submitUpdate(open.deps, officer(), open.alert.id, jacketChange)).rejects.toThrow(
      ConflictError,
    );

    const { deps, alert } = setup();
    await expect(submitUpdate(deps, supervisor(), alert.id, jacketChange)).rejects.toThrow(ForbiddenError);
    await expect(
      submitUpdate(deps, officer({ directorate: 'AL-10' }), alert.id, jacketChange),
    ).rejects.toThrow(NotFoundError);
    const resolved = setup({ status: 'RESOLVED' });
    await expect(submitUpdate(resolved.deps, officer(), resolved.alert.id, jacketChange)).rejects.toThrow(
      ConflictError,
    );
  });
});

describe('decideUpdate', () => {
  async function submitted() {
    const ctx = setup();
    await submitUpdate(ctx.deps, officer(), ctx.alert.id, jacketChange);
    ctx.deps.workflow.woken.length = 0;
    return ctx;
  }

  test('the author cannot approve their own update, a supervisor of another directorate does not see it', async () => {
    const { deps, alert } = await submitted();
    const author = officer({ groups: ['officers', 'supervisors'] });
    await expect(decideUpdate(deps, author, alert.id, 2, { decision: 'APPROVE' })).rejects.toThrow(
      /you asked for this update/,
    );
    await expect(decideUpdate(deps, otherSupervisor(), alert.id, 2, { decision: 'APPROVE' })).rejects.toThrow(
      NotFoundError,
    );
    expect(deps.alerts.stored(alert.id).updateRequest?.state).toBe('AWAITING_APPROVAL');
  });

  test('approval applies the changes, signs the UPDATE texts and wakes the workflow to send it', async () => {
    const { deps, alert } = await submitted();
    await decideUpdate(deps, supervisor(), alert.id, 2, { decision: 'APPROVE' });
    const stored = deps.alerts.stored(alert.id);
    expect(stored.child.description).toBe('Blue jacket, not red');
    expect(stored.updateRequest).toMatchObject({
      state: 'APPROVED',
      decidedBy: { sub: 'supervisor-tirana', username: 'supervisor.tirana' },
      approvedContent: { keyId: 'fake' },
    });
    expect(stored.approvedContent).toEqual(alert.approvedContent);
    expect(stored.history.at(-1)).toMatchObject({ action: 'UPDATE_APPROVE', reason: 'version 2' });
    expect(deps.workflow.woken).toEqual(['token-active']);
    expect(nextStep(stored, new Date(NOW)).next).toBe('SEND_UPDATE');
  });

  test('a second decision loses: the write is conditional on the update still awaiting, with its version', async () => {
    const { deps, alert } = await submitted();
    await decideUpdate(deps, supervisor(), alert.id, 2, { decision: 'REJECT', reason: 'Not confirmed' });
    await expect(
      decideUpdate(deps, nationalSupervisor(), alert.id, 2, { decision: 'APPROVE' }),
    ).rejects.toThrow(ConflictError);
    expect(deps.alerts.transitions.at(-1)).toMatchObject({
      updateRequest: { states: ['AWAITING_APPROVAL'], version: 2 },
    });
    const stored = deps.alerts.stored(alert.id);
    expect(stored.updateRequest).toMatchObject({ state: 'REJECTED', reason: 'Not confirmed' });
    expect(stored.child.description).toBe(alert.child.description);
    expect(nextStep(stored, new Date(NOW)).next).toBe('AWAIT_RESOLUTION');
  });

  test('an unknown version is 404, a closed window 409', async () => {
    const { deps, alert } = await submitted();
    await expect(decideUpdate(deps, supervisor(), alert.id, 3, { decision: 'APPROVE' })).rejects.toThrow(
      NotFoundError,
    );
    deps.clock.advance(31 * 60_000);
    await expect(decideUpdate(deps, supervisor(), alert.id, 2, { decision: 'APPROVE' })).rejects.toThrow(
      /window/,
    );
  });
});

test("another directorate's supervisor gets the answer of an unknown alert, whatever the version", async () => {
  const { deps, alert } = setup();
  const elsewhere = supervisor({
    sub: 'supervisor-durres',
    username: 'supervisor.durres',
    directorate: 'AL-02',
  });
  const unknown = await decideUpdate(deps, elsewhere, 'nosuchalert', 2, { decision: 'APPROVE' }).catch(
    (e: Error) => e.message,
  );
  for (const version of [2, 7]) {
    const answer = await decideUpdate(deps, elsewhere, alert.id, version, { decision: 'APPROVE' }).catch(
      (e: Error) => e.message,
    );
    expect(answer).toBe(unknown);
  }
});

describe('extendAlert', () => {
  test('a supervisor extends from the current expiry; audit EXTEND; the wait is woken; no SMS', async () => {
    const { deps, alert } = setup();
    const updated = await extendAlert(deps, supervisor(), alert.id, { hours: 12 });
    expect(updated.expiresAt).toBe('2024-05-02T21:56:00.000Z');
    expect(updated.durationHours).toBe(36);
    expect(updated.history.at(-1)).toMatchObject({ action: 'EXTEND', actor: { sub: 'supervisor-tirana' } });
    expect(deps.workflow.woken).toEqual(['token-active']);
    expect(deps.sms.sent).toEqual([]);
    expect(nextStep(deps.alerts.stored(alert.id), new Date(NOW)).timeoutSeconds).toBe(36 * 3600 - 4 * 60);
  });

  test('officers may not extend; an expired alert cannot be extended', async () => {
    const { deps, alert } = setup();
    await expect(extendAlert(deps, officer(), alert.id, { hours: 1 })).rejects.toThrow(ForbiddenError);
    deps.clock.set('2024-05-02T10:00:00.000Z');
    await expect(extendAlert(deps, supervisor(), alert.id, { hours: 1 })).rejects.toThrow(ConflictError);
  });
});
