import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import type { Alert } from '../../../lambdas/domain/alert';
import { planPurge } from '../../../lambdas/domain/retention';
import type { AlertRetentionStore } from '../../../lambdas/ports/alert-repository';
import { anAlert } from '../../unit/support/builders';
import { FakeRetentionStore } from '../../unit/support/fakes';
import { tablesOnDynalite } from '../support/dynalite-tables';

/** What the retention purge relies on from the alerts table, against the fake and dynalite. */
// Requests to dynalite take milliseconds, or seconds on a busy machine.
jest.setTimeout(30_000);
const dynamo = tablesOnDynalite();

/** A store holding `alerts` as they are (ended alerts are stored, never created through the use cases). */
const implementations: [string, (alerts: Alert[]) => Promise<AlertRetentionStore>][] = [
  ['in-memory fake', async (alerts) => new FakeRetentionStore(alerts)],
  [
    'DynamoDB adapter on dynalite',
    async (alerts) => {
      for (const alert of alerts)
        await dynamo.documents.send(new PutCommand({ TableName: dynamo.names.alertsTable, Item: alert }));
      return new DynamoAlertRepository(dynamo.documents, dynamo.names.alertsTable);
    },
  ],
];

const CUTOFF = '2024-06-01T00:00:00.000Z';
const resolved = (createdAt: string, overrides: Partial<Alert> = {}) =>
  anAlert({ caseNumber: `TR-${randomUUID().slice(0, 8)}`, status: 'RESOLVED', createdAt, ...overrides });

describe.each(implementations)('AlertRetentionStore contract: %s', (_name, make) => {
  test('pages through the unpurged alerts of a status created before the cutoff, and those only', async () => {
    const due = Array.from({ length: 5 }, (_, i) => resolved(`2024-05-0${i + 1}T00:00:00.000Z`));
    const purged = resolved('2024-05-10T00:00:00.000Z', { purgedAt: '2024-06-02T00:00:00.000Z' });
    const recent = resolved('2024-06-02T00:00:00.000Z');
    const expired = anAlert({ status: 'EXPIRED', createdAt: '2024-05-01T00:00:00.000Z' });
    const store = await make([...due, purged, recent, expired]);
    const mine = new Set([...due, purged, recent, expired].map((a) => a.id));
    const read: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.pageUnpurged('RESOLVED', CUTOFF, cursor);
      read.push(...page.items.map((a) => a.id).filter((id) => mine.has(id)));
      cursor = page.next;
      if (++pages > 100) throw new Error('The cursor never ends');
    } while (cursor);
    expect(read.sort()).toEqual(due.map((a) => a.id).sort());
  });

  test('a purge applies once, and only to the alert as it was read', async () => {
    const alert = resolved('2024-05-01T00:00:00.000Z');
    const store = await make([alert]);
    const plan = planPurge(alert, new Date('2024-07-01T00:00:00.000Z'));
    // Read with another history length, or in another status: something happened since.
    await expect(store.purge(alert.id, 'RESOLVED', alert.history.length + 1, plan)).resolves.toBe(false);
    await expect(store.purge(alert.id, 'EXPIRED', alert.history.length, plan)).resolves.toBe(false);
    await expect(store.purge(alert.id, 'RESOLVED', alert.history.length, plan)).resolves.toBe(true);
    await expect(store.purge(alert.id, 'RESOLVED', alert.history.length, plan)).resolves.toBe(false);
    const page = await store.pageUnpurged('RESOLVED', CUTOFF);
    expect(page.items.map((a) => a.id)).not.toContain(alert.id);
    await expect(store.purge(randomUUID(), 'RESOLVED', 1, plan)).resolves.toBe(false);
  });
});
