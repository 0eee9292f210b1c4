import '../support/env';
import type { Alert } from '../../../lambdas/domain/alert';
import { createHandler } from '../../../lambdas/handlers/scheduled/purge-personal-data';
import { logger } from '../../../lambdas/observability/logger';
import { anAlert } from '../support/builders';
import { testConfig } from '../support/config';

const NOW = new Date('2024-07-01T00:00:00.000Z');

function setup(alerts: Alert[]) {
  const written: { id: string; set: unknown }[] = [];
  const deleted: string[] = [];
  const handle = createHandler({
    config: testConfig(),
    clock: { now: () => NOW },
    alerts: {
      pageUnpurged: async (status) => ({ items: alerts.filter((a) => a.status === status) }),
      purge: async (id, _status, _length, plan) => {
        written.push({ id, set: plan.set });
        return true;
      },
    },
    deliveryPurge: {
      deleteMessage: async (key) => {
        deleted.push(key);
        return 1;
      },
    },
  });
  return { handle, written, deleted };
}

describe('scheduled purge handler', () => {
  test('purges what is due, returns and logs the figures only', async () => {
    const expired = anAlert({ id: 'A1', status: 'EXPIRED', updatedAt: '2024-05-01T00:00:00.000Z' });
    const recent = anAlert({ id: 'A2', status: 'EXPIRED', updatedAt: '2024-06-20T00:00:00.000Z' });
    const { handle, written, deleted } = setup([expired, recent]);
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);

    const report = await handle();

    expect(report).toMatchObject({ examined: 2, purged: 1, kept: 1, deliveriesDeleted: 2 });
    expect(written.map((w) => w.id)).toEqual(['A1']);
    expect(deleted).toEqual(['A1#ALERT', 'A1#CANCELLATION']);
    expect(info).toHaveBeenCalledWith('Retention purge finished', { ...report });
    expect(JSON.stringify(info.mock.calls)).not.toContain('Arta');
    info.mockRestore();
  });

  test('a storage failure throws, so that the schedule retries', async () => {
    const expired = anAlert({ status: 'EXPIRED', updatedAt: '2024-05-01T00:00:00.000Z' });
    const { handle } = createFailing(expired);
    await expect(handle()).rejects.toThrow('throttled');
  });
});

function createFailing(alert: Alert) {
  return {
    handle: createHandler({
      config: testConfig(),
      clock: { now: () => NOW },
      alerts: {
        pageUnpurged: async () => ({ items: [alert] }),
        purge: async () => true,
      },
      deliveryPurge: {
        deleteMessage: async () => {
          throw new Error('throttled');
        },
      },
    }),
  };
}
