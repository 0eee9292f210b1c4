import '../support/env';
import type { Alert } from '../../../lambdas/domain/alert';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../lambdas/domain/errors';
import type { Principal } from '../../../lambdas/domain/identity';
import { assertApprovedContent } from '../../../lambdas/use-cases/content-integrity';
import { decideApproval } from '../../../lambdas/use-cases/decide-approval';
import {
  anActiveAlert,
  anAlert,
  nationalSupervisor,
  officer,
  otherSupervisor,
  supervisor,
} from '../support/builders';
import { fakeDependencies } from '../support/deps';

const NOW = '2024-05-01T10:00:00.000Z';

function setup(overrides: Partial<Alert> = {}, token: string | null = 'token-await-approval') {
  const deps = fakeDependencies();
  const alert = anAlert(overrides);
  deps.alerts.seed(token ? { ...alert, waitToken: token } : alert);
  return { deps, alert };
}

describe('decideApproval', () => {
  test('APPROVE: the alert becomes APPROVED, records who and when, and wakes the workflow with the stored token', async () => {
    const { deps, alert } = setup();
    const updated = await decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' });

    const stored = deps.alerts.stored(alert.id);
    expect(stored.status).toBe('APPROVED');
    expect(stored.approvedBy).toEqual({ sub: 'supervisor-tirana', username: 'supervisor.tirana' });
    expect(stored.approvedAt).toBe(NOW);
    expect(stored.history.at(-1)).toEqual({
      at: NOW,
      actor: { sub: 'supervisor-tirana', username: 'supervisor.tirana' },
      action: 'APPROVE',
      from: 'PENDING_APPROVAL',
      to: 'APPROVED',
    });
    expect(updated.status).toBe('APPROVED');
    expect(deps.workflow.woken).toEqual(['token-await-approval']);
  });

  test('REJECT: the alert becomes REJECTED and keeps the reason', async () => {
    const { deps, alert } = setup();
    await decideApproval(deps, supervisor(), alert.id, { decision: 'REJECT', reason: 'Criteria not met' });
    const stored = deps.alerts.stored(alert.id);
    expect(stored.status).toBe('REJECTED');
    expect(stored.rejectionReason).toBe('Criteria not met');
    expect(stored.approvedBy).toBeUndefined();
    expect(stored.history.at(-1)).toMatchObject({
      action: 'REJECT',
      to: 'REJECTED',
      reason: 'Criteria not met',
    });
    expect(deps.workflow.woken).toEqual(['token-await-approval']);
  });

  test('the write is conditional on PENDING_APPROVAL and on the approval deadline', async () => {
    const { deps, alert } = setup();
    await decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' });
    expect(deps.alerts.transitions).toEqual([
      expect.objectContaining({
        id: alert.id,
        from: ['PENDING_APPROVAL'],
        to: 'APPROVED',
        notAfter: { attribute: 'approvalDeadline', now: NOW },
      }),
    ]);
  });

  test('APPROVE signs exactly the content that will go out; the sender can verify it', async () => {
    const { deps, alert } = setup();
    await decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' });
    const stored = deps.alerts.stored(alert.id);
    expect(stored.approvedContent).toEqual({
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      signature: expect.any(String),
      keyId: 'fake',
      // The SMS texts and the public fields (CAP, page, photo URL) are both covered.
      textsDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      publicDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await expect(assertApprovedContent(deps, stored)).resolves.toBeUndefined();
    await expect(
      assertApprovedContent(deps, { ...stored, counties: [...stored.counties, 'AL-12'] }),
    ).rejects.toThrow('The content changed after approval');
  });

  test('REJECT signs nothing', async () => {
    const { deps, alert } = setup();
    await decideApproval(deps, supervisor(), alert.id, { decision: 'REJECT', reason: 'No' });
    expect(deps.alerts.stored(alert.id).approvedContent).toBeUndefined();
  });

  test('the decision holds only for the mode it was made on: an exercise turned live meanwhile is a conflict', async () => {
    const { deps, alert } = setup({ mode: 'EXERCISE' });
    const get = deps.alerts.get.bind(deps.alerts);
    deps.alerts.get = async (id) => {
      const read = await get(id);
      // Someone switches the stored alert to LIVE right after the supervisor's read.
      deps.alerts.items.set(id, { ...deps.alerts.stored(id), mode: 'LIVE' });
      return read;
    };
    await expect(
      decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(deps.alerts.stored(alert.id).status).toBe('PENDING_APPROVAL');
    expect(deps.alerts.transitions[0]?.unchanged).toEqual({ mode: 'EXERCISE' });
  });

  test('a national supervisor may decide', async () => {
    const { deps, alert } = setup();
    await decideApproval(deps, nationalSupervisor(), alert.id, { decision: 'APPROVE' });
    expect(deps.alerts.stored(alert.id).approvedBy?.sub).toBe('supervisor-national');
  });

  test('no token stored yet: nothing to wake (the wait step will see the new status)', async () => {
    const { deps, alert } = setup({}, null);
    await decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' });
    expect(deps.alerts.stored(alert.id).status).toBe('APPROVED');
    expect(deps.workflow.woken).toEqual([]);
  });

  test('a failed wake does not undo or fail the decision', async () => {
    const { deps, alert } = setup();
    deps.workflow.wakeError = new Error('Step Functions unavailable');
    await expect(
      decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' }),
    ).resolves.toMatchObject({
      status: 'APPROVED',
    });
    expect(deps.alerts.stored(alert.id).status).toBe('APPROVED');
  });

  describe('refusals leave the alert as it was', () => {
    const refused: [string, Principal, new (...args: never[]) => Error][] = [
      ['self-approval by the submitting supervisor', supervisor({ sub: 'officer-tirana' }), ForbiddenError],
      ['an officer', officer({ sub: 'officer-2' }), ForbiddenError],
      ['a supervisor of another directorate (404, not 403)', otherSupervisor(), NotFoundError],
    ];

    test.each(refused)('%s', async (_who, principal, errorClass) => {
      const { deps, alert } = setup();
      await expect(decideApproval(deps, principal, alert.id, { decision: 'APPROVE' })).rejects.toBeInstanceOf(
        errorClass,
      );
      expect(deps.alerts.stored(alert.id).status).toBe('PENDING_APPROVAL');
      expect(deps.alerts.stored(alert.id).history).toHaveLength(1);
      expect(deps.workflow.woken).toEqual([]);
    });

    test('an unknown alert is NotFoundError', async () => {
      const deps = fakeDependencies();
      await expect(
        decideApproval(deps, supervisor(), '3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e', { decision: 'APPROVE' }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    test.each([
      'APPROVED',
      'ACTIVE',
      'REJECTED',
      'APPROVAL_TIMED_OUT',
      'RESOLVED',
      'EXPIRED',
      'FAILED',
    ] as const)('an alert in %s is a ConflictError', async (status) => {
      const { deps, alert } = setup(status === 'ACTIVE' ? anActiveAlert() : { status });
      await expect(decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' })).rejects.toThrow(
        `Alert is ${status}, no longer pending approval`,
      );
      expect(deps.alerts.stored(alert.id).status).toBe(status);
    });

    test.each([
      ['after', '2024-05-01T10:50:00.001Z'],
      ['exactly at', '2024-05-01T10:50:00.000Z'],
    ])('a decision %s the approval deadline is a ConflictError', async (_when, now) => {
      const { deps, alert } = setup({ approvalDeadline: '2024-05-01T10:50:00.000Z' });
      deps.clock.set(now);
      await expect(
        decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(deps.alerts.stored(alert.id).status).toBe('PENDING_APPROVAL');
    });
  });

  describe('two supervisors at the same moment', () => {
    test('two approvals: exactly one wins, the other gets a ConflictError', async () => {
      const { deps, alert } = setup();
      const results = await Promise.allSettled([
        decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' }),
        decideApproval(deps, nationalSupervisor(), alert.id, { decision: 'APPROVE' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.reason).toBeInstanceOf(ConflictError);
      expect(rejected[0]?.reason.message).toBe(
        'The alert is no longer pending: decided, withdrawn or its window closed',
      );

      const stored = deps.alerts.stored(alert.id);
      expect(stored.history.filter((h) => h.action === 'APPROVE')).toHaveLength(1);
      expect(deps.workflow.woken).toEqual(['token-await-approval']);
    });

    test('an approval and a rejection: one decision only, and the alert holds the winner’s', async () => {
      const { deps, alert } = setup();
      const [approve, reject] = await Promise.allSettled([
        decideApproval(deps, supervisor(), alert.id, { decision: 'APPROVE' }),
        decideApproval(deps, nationalSupervisor(), alert.id, {
          decision: 'REJECT',
          reason: 'Not enough detail',
        }),
      ]);
      expect([approve?.status, reject?.status].sort()).toEqual(['fulfilled', 'rejected']);
      const stored = deps.alerts.stored(alert.id);
      expect(stored.status).toBe(approve?.status === 'fulfilled' ? 'APPROVED' : 'REJECTED');
      expect(stored.history.filter((h) => h.action === 'APPROVE' || h.action === 'REJECT')).toHaveLength(1);
    });
  });
});
