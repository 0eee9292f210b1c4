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

  test.each(ALERT_STATUSES.filter((s) => s !== 'ACTIVE'))(
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
