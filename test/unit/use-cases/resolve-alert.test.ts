import '../support/env';
import { ALERT_STATUSES } from '../../../lambdas/domain/alert';
import { ConflictError, NotFoundError } from '../../../lambdas/domain/errors';
import { resolveAlert } from '../../../lambdas/use-cases/resolve-alert';
import { anActiveAlert, anAlert, officer, otherSupervisor, supervisor } from '../support/builders';
import { fakeDependencies } from '../support/deps';

const NOW = '2024-05-01T10:00:00.000Z';

function setup() {
  const deps = fakeDependencies();
  const alert = anActiveAlert();
  deps.alerts.seed({ ...alert, waitToken: 'token-await-resolution' });
  return { deps, alert };
}

describe('resolveAlert', () => {
  test('an officer of the directorate resolves an ACTIVE alert alone (no second person), and the workflow wakes', async () => {
    const { deps, alert } = setup();
    const resolved = await resolveAlert(deps, officer(), alert.id, {
      outcome: 'FOUND',
      note: 'Found safe in Durrës',
    });
    const stored = deps.alerts.stored(alert.id);
    expect(stored).toMatchObject({
      status: 'RESOLVED',
      outcome: 'FOUND',
      resolvedAt: NOW,
      resolutionNote: 'Found safe in Durrës',
    });
    expect(stored.history.at(-1)).toEqual({
      at: NOW,
      actor: { sub: 'officer-tirana', username: 'officer.tirana' },
      action: 'RESOLVE',
      from: 'ACTIVE',
      to: 'RESOLVED',
      reason: 'FOUND',
    });
    expect(resolved.status).toBe('RESOLVED');
    expect(deps.workflow.woken).toEqual(['token-await-resolution']);
  });

  test('without a note, none is stored', async () => {
    const { deps, alert } = setup();
    await resolveAlert(deps, supervisor(), alert.id, { outcome: 'CANCELLED' });
    expect(deps.alerts.stored(alert.id)).not.toHaveProperty('resolutionNote');
  });

  test('a PENDING_APPROVAL alert is withdrawn: RESOLVED with its audit entry, the approval wait wakes', async () => {
    const deps = fakeDependencies();
    const alert = anAlert();
    deps.alerts.seed({ ...alert, waitToken: 'token-await-approval' });
    await resolveAlert(deps, officer(), alert.id, { outcome: 'FOUND', note: 'Came home' });
    const stored = deps.alerts.stored(alert.id);
    expect(stored).toMatchObject({ status: 'RESOLVED', outcome: 'FOUND', resolvedAt: NOW });
    expect(stored.history.at(-1)).toMatchObject({
      action: 'RESOLVE',
      from: 'PENDING_APPROVAL',
      to: 'RESOLVED',
    });
    expect(deps.alerts.transitions).toHaveLength(1);
    expect(deps.alerts.transitions[0]?.from).toEqual(['PENDING_APPROVAL']);
    expect(deps.workflow.woken).toEqual(['token-await-approval']);
  });

  test('an APPROVED alert (broadcast running) is resolved; the spent approval token is not used', async () => {
    const deps = fakeDependencies();
    const alert = anAlert({ status: 'APPROVED' });
    deps.alerts.seed({ ...alert, waitToken: 'token-await-approval' });
    await resolveAlert(deps, supervisor(), alert.id, { outcome: 'CANCELLED' });
    const stored = deps.alerts.stored(alert.id);
    expect(stored.status).toBe('RESOLVED');
    expect(stored.history.at(-1)).toMatchObject({ action: 'RESOLVE', from: 'APPROVED', to: 'RESOLVED' });
    expect(deps.workflow.woken).toEqual([]);
  });

  test('the alert activates between reading and writing: read again, resolved from ACTIVE', async () => {
    const deps = fakeDependencies();
    const alert = anAlert({ status: 'APPROVED' });
    deps.alerts.seed({ ...alert, waitToken: 'token-await-resolution' });
    const get = deps.alerts.get.bind(deps.alerts);
    let reads = 0;
    deps.alerts.get = async (id) => {
      const read = await get(id);
      // The finish step activates the alert right after the first read.
      if (++reads === 1)
        deps.alerts.seed({
          ...alert,
          ...anActiveAlert({ id: alert.id }),
          waitToken: 'token-await-resolution',
        });
      return read;
    };
    await resolveAlert(deps, officer(), alert.id, { outcome: 'FOUND' });
    expect(deps.alerts.transitions.map((t) => t.from)).toEqual([['APPROVED'], ['ACTIVE']]);
    expect(deps.alerts.stored(alert.id).history.at(-1)).toMatchObject({ from: 'ACTIVE', to: 'RESOLVED' });
    expect(deps.workflow.woken).toEqual(['token-await-resolution']);
  });

  test.each(ALERT_STATUSES.filter((s) => !['PENDING_APPROVAL', 'APPROVED', 'ACTIVE'].includes(s)))(
    'an alert in %s is a ConflictError',
    async (status) => {
      const deps = fakeDependencies();
      const alert = anAlert({ status });
      deps.alerts.seed(alert);
      await expect(resolveAlert(deps, officer(), alert.id, { outcome: 'FOUND' })).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(deps.alerts.stored(alert.id).status).toBe(status);
      expect(deps.workflow.woken).toEqual([]);
    },
  );

  test('another directorate gets NotFoundError', async () => {
    const { deps, alert } = setup();
    await expect(
      resolveAlert(deps, otherSupervisor(), alert.id, { outcome: 'FOUND' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(deps.alerts.stored(alert.id).status).toBe('ACTIVE');
  });

  test('two resolutions at once: one wins, the other is a ConflictError', async () => {
    const { deps, alert } = setup();
    const results = await Promise.allSettled([
      resolveAlert(deps, officer(), alert.id, { outcome: 'FOUND' }),
      resolveAlert(deps, supervisor(), alert.id, { outcome: 'CANCELLED' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(ConflictError);
    expect(deps.alerts.stored(alert.id).history.filter((h) => h.action === 'RESOLVE')).toHaveLength(1);
  });
});
