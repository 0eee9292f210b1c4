import type { Alert, AlertStatus } from '../../../lambdas/domain/alert';
import { isDueForPurge } from '../../../lambdas/domain/retention';
import type { DeliveryPurge } from '../../../lambdas/ports/delivery-purge';
import { deliveryKeysOf, purgePersonalData } from '../../../lambdas/use-cases/purge-personal-data';
import { anAlert } from '../support/builders';
import { FakeRetentionStore } from '../support/fakes';

class FakeDeliveryPurge implements DeliveryPurge {
  constructor(readonly records: Map<string, string[]>) {}
  async deleteMessage(messageKey: string): Promise<number> {
    const phones = this.records.get(messageKey) ?? [];
    this.records.delete(messageKey);
    return phones.length;
  }
}

const NOW = new Date('2024-07-01T00:00:00.000Z');
const config = { retentionDays: 30, timeouts: { timeScale: 1 } } as Parameters<
  typeof purgePersonalData
>[0]['config'];

function ended(status: AlertStatus, endedAt: string, overrides: Partial<Alert> = {}): Alert {
  const base = anAlert({ createdAt: '2024-05-01T00:00:00.000Z' });
  return {
    ...base,
    status,
    updatedAt: endedAt,
    history: [
      ...base.history,
      { at: endedAt, actor: base.submittedBy, action: 'RESOLVE', from: 'ACTIVE', to: status },
    ],
    ...(status === 'RESOLVED' ? { cancellationSentAt: endedAt, resolvedAt: endedAt } : {}),
    ...overrides,
  };
}

function setUp(alerts: Alert[]) {
  const store = new FakeRetentionStore(alerts);
  const records = new Map<string, string[]>();
  for (const a of alerts) {
    records.set(`${a.id}#ALERT`, ['+355692340001', '+355692340002']);
    records.set(`${a.id}#CANCELLATION`, ['+355692340001']);
  }
  const deliveries = new FakeDeliveryPurge(records);
  const deps = { config, clock: { now: () => NOW }, alerts: store, deliveryPurge: deliveries };
  return { store, records, deps };
}

describe('purgePersonalData', () => {
  test('purges every final status past retention, keeps recent and open alerts, deletes their deliveries', async () => {
    const old = ['RESOLVED', 'EXPIRED', 'REJECTED', 'APPROVAL_TIMED_OUT', 'FAILED', 'EXPIRED', 'EXPIRED'].map(
      (s) => ended(s as AlertStatus, '2024-05-20T00:00:00.000Z'),
    );
    const recent = ended('RESOLVED', '2024-06-15T00:00:00.000Z');
    const active = anAlert({ status: 'ACTIVE', createdAt: '2024-05-01T00:00:00.000Z' });
    const { store, records, deps } = setUp([...old, recent, active]);

    const report = await purgePersonalData(deps);

    expect(report).toEqual({
      cutoff: '2024-06-01T00:00:00.000Z',
      examined: 8,
      purged: 7,
      kept: 1,
      raced: 0,
      deliveriesDeleted: 21,
      tipContactsPurged: 0,
    });
    for (const a of old) {
      const stored = store.alerts.get(a.id);
      expect(stored?.purgedAt).toBe(NOW.toISOString());
      expect(JSON.stringify(stored)).not.toContain('Arta');
      expect(stored?.history.at(-1)?.action).toBe('PURGE');
      expect(records.has(`${a.id}#ALERT`)).toBe(false);
    }
    expect(store.alerts.get(recent.id)?.child.name).toBe('Arta Hoxha');
    expect(store.alerts.get(active.id)?.child.name).toBe('Arta Hoxha');
    expect(records.get(`${recent.id}#ALERT`)).toHaveLength(2);
    expect(store.pagesRead).toBeGreaterThan(5);
  });

  test('a second run changes nothing', async () => {
    const { store, deps } = setUp([ended('EXPIRED', '2024-05-20T00:00:00.000Z')]);
    await purgePersonalData(deps);
    const afterFirst = structuredClone([...store.alerts.values()]);
    const second = await purgePersonalData(deps, new Date('2024-07-02T00:00:00.000Z'));
    expect(second).toMatchObject({ examined: 0, purged: 0, deliveriesDeleted: 0 });
    expect([...store.alerts.values()]).toEqual(afterFirst);
  });

  test('an alert changed between the read and the write is left for the next run', async () => {
    const alert = ended('EXPIRED', '2024-05-20T00:00:00.000Z');
    const { store, deps } = setUp([alert]);
    const original = store.purge.bind(store);
    store.purge = async (id, status, length, plan) => {
      const stored = store.alerts.get(id);
      if (stored) stored.history.push({ ...plan.entry, action: 'EXTEND' });
      return original(id, status, length, plan);
    };
    const report = await purgePersonalData(deps);
    expect(report).toMatchObject({ purged: 0, raced: 1 });
    expect(store.alerts.get(alert.id)?.child.name).toBe('Arta Hoxha');
  });

  test('retention is shortened by the time scale (local platform)', async () => {
    const alert = ended('EXPIRED', '2024-06-30T23:59:00.000Z', { createdAt: '2024-06-30T23:00:00.000Z' });
    const { deps } = setUp([alert]);
    const scaled = { ...deps, config: { retentionDays: 30, timeouts: { timeScale: 86_400 } } } as typeof deps;
    expect(isDueForPurge(alert, new Date('2024-06-30T23:59:30.000Z'))).toBe(true);
    expect((await purgePersonalData(scaled)).purged).toBe(1);
  });
});

describe('deliveryKeysOf', () => {
  test('names the alert, every update version and the cancellation', () => {
    const alert = anAlert({
      id: 'A1',
      messages: [
        { kind: 'ALERT', version: 1, sentAt: 'x', capIdentifier: 'c1', content: {} as never },
        { kind: 'UPDATE', version: 2, sentAt: 'x', capIdentifier: 'c2', content: {} as never },
      ],
      updateRequest: {
        version: 3,
        state: 'TIMED_OUT',
        changes: {},
        submittedBy: { sub: 's', username: 'u' },
        submittedAt: 'x',
        deadline: 'x',
      },
    });
    expect(deliveryKeysOf(alert)).toEqual(['A1#ALERT', 'A1#UPDATE-2', 'A1#UPDATE-3', 'A1#CANCELLATION']);
  });
});
