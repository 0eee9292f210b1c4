import { anActiveAlert, anAlert } from '../../unit/support/builders';
import { alertRepositoryOnDynalite } from './helpers';

/** The guarded progress write against DynamoDB's own condition evaluation (dynalite), nested paths included. */
describe('recordProgress on dynalite', () => {
  const dynamo = alertRepositoryOnDynalite();

  const figures = (sent: number, failed: number) => ({
    recipients: 100,
    sent,
    failed,
    pending: 100 - sent - failed,
  });

  test('the broadcast figures only grow: a stale sum (fewer sent or fewer failed) is refused', async () => {
    const alert = anAlert({ status: 'APPROVED' });
    await dynamo.repo.create(alert);
    await expect(dynamo.repo.recordProgress(alert.id, 'broadcast', figures(40, 2))).resolves.toBe(true);
    await expect(dynamo.repo.recordProgress(alert.id, 'broadcast', figures(30, 2))).resolves.toBe(false);
    await expect(dynamo.repo.recordProgress(alert.id, 'broadcast', figures(45, 1))).resolves.toBe(false);
    expect((await dynamo.repo.get(alert.id))?.broadcast).toEqual(figures(40, 2));
    await expect(dynamo.repo.recordProgress(alert.id, 'broadcast', figures(40, 2))).resolves.toBe(true);
    await expect(dynamo.repo.recordProgress(alert.id, 'broadcast', figures(50, 3))).resolves.toBe(true);
    expect((await dynamo.repo.get(alert.id))?.broadcast).toEqual(figures(50, 3));
    expect((await dynamo.repo.get(alert.id))?.status).toBe('APPROVED');
  });

  test('the cancellation (absent at first) and the update request’s delivery, a nested path', async () => {
    const alert = anActiveAlert({
      caseNumber: 'TR-2024-0002',
      updateRequest: {
        version: 2,
        state: 'APPROVED',
        changes: {},
        submittedBy: { sub: 'o', username: 'o' },
        submittedAt: '2024-05-01T10:00:00.000Z',
        deadline: '2024-05-01T11:00:00.000Z',
      },
    });
    await dynamo.repo.create(alert);
    await expect(dynamo.repo.recordProgress(alert.id, 'cancellation', figures(5, 0))).resolves.toBe(true);
    await expect(dynamo.repo.recordProgress(alert.id, 'updateRequest.delivery', figures(7, 0))).resolves.toBe(
      true,
    );
    await expect(dynamo.repo.recordProgress(alert.id, 'updateRequest.delivery', figures(6, 0))).resolves.toBe(
      false,
    );
    const stored = await dynamo.repo.get(alert.id);
    expect(stored?.cancellation).toEqual(figures(5, 0));
    expect(stored?.updateRequest).toMatchObject({ state: 'APPROVED', version: 2, delivery: figures(7, 0) });
  });

  test('no update request to hold the figures: refused, nothing created', async () => {
    const alert = anActiveAlert({ caseNumber: 'TR-2024-0003' });
    await dynamo.repo.create(alert);
    await expect(dynamo.repo.recordProgress(alert.id, 'updateRequest.delivery', figures(1, 0))).resolves.toBe(
      false,
    );
    expect((await dynamo.repo.get(alert.id))?.updateRequest).toBeUndefined();
  });
});
