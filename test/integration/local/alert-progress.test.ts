import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import { loadResourceNames } from '../../../lambdas/config/config';
import { LOCAL_AWS, startDynalite } from '../../../local/dynamo';
import { anActiveAlert, anAlert } from '../../unit/support/builders';
import { tempDir } from './helpers';

/** The guarded progress write against DynamoDB's own condition evaluation (dynalite), nested paths included. */
describe('recordProgress on dynalite', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let client: DynamoDBClient;
  let repo: DynamoAlertRepository;
  beforeAll(async () => {
    dir = await tempDir();
    dynalite = await startDynalite({ dataDir: dir.path });
    client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynalite.endpoint });
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    repo = new DynamoAlertRepository(documents, loadResourceNames({}).alertsTable);
  });
  afterAll(async () => {
    client.destroy();
    await dynalite.close();
    await dir.remove();
  });

  const figures = (sent: number, failed: number) => ({
    recipients: 100,
    sent,
    failed,
    pending: 100 - sent - failed,
  });

  test('the broadcast figures only grow: a stale sum (fewer sent or fewer failed) is refused', async () => {
    const alert = anAlert({ status: 'APPROVED' });
    await repo.create(alert);
    await expect(repo.recordProgress(alert.id, 'broadcast', figures(40, 2))).resolves.toBe(true);
    await expect(repo.recordProgress(alert.id, 'broadcast', figures(30, 2))).resolves.toBe(false);
    await expect(repo.recordProgress(alert.id, 'broadcast', figures(45, 1))).resolves.toBe(false);
    expect((await repo.get(alert.id))?.broadcast).toEqual(figures(40, 2));
    await expect(repo.recordProgress(alert.id, 'broadcast', figures(40, 2))).resolves.toBe(true);
    await expect(repo.recordProgress(alert.id, 'broadcast', figures(50, 3))).resolves.toBe(true);
    expect((await repo.get(alert.id))?.broadcast).toEqual(figures(50, 3));
    expect((await repo.get(alert.id))?.status).toBe('APPROVED');
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
    await repo.create(alert);
    await expect(repo.recordProgress(alert.id, 'cancellation', figures(5, 0))).resolves.toBe(true);
    await expect(repo.recordProgress(alert.id, 'updateRequest.delivery', figures(7, 0))).resolves.toBe(true);
    await expect(repo.recordProgress(alert.id, 'updateRequest.delivery', figures(6, 0))).resolves.toBe(false);
    const stored = await repo.get(alert.id);
    expect(stored?.cancellation).toEqual(figures(5, 0));
    expect(stored?.updateRequest).toMatchObject({ state: 'APPROVED', version: 2, delivery: figures(7, 0) });
  });

  test('no update request to hold the figures: refused, nothing created', async () => {
    const alert = anActiveAlert({ caseNumber: 'TR-2024-0003' });
    await repo.create(alert);
    await expect(repo.recordProgress(alert.id, 'updateRequest.delivery', figures(1, 0))).resolves.toBe(false);
    expect((await repo.get(alert.id))?.updateRequest).toBeUndefined();
  });
});
