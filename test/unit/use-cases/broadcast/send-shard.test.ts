import '../../support/env';
import { broadcastHarness } from '../../../../bench/broadcast/harness';
import { finishBroadcast } from '../../../../lambdas/use-cases/broadcast/finish-broadcast';
import { planBroadcast } from '../../../../lambdas/use-cases/broadcast/plan-broadcast';
import { sendShard } from '../../../../lambdas/use-cases/broadcast/send-shard';
import { ContentIntegrityError } from '../../../../lambdas/use-cases/content-integrity';
import { FakeSmsSender } from '../../support/fakes';

const COUNTIES = ['AL-11', 'AL-02'];

/** A live alert to ~60 phones with a quota of 1,500/s: three shards. */
async function threeShards() {
  const sms = new FakeSmsSender();
  const harness = await broadcastHarness({ subscribers: 120, quotaPerSecond: 1500, counties: COUNTIES }, sms);
  const plan = await planBroadcast(harness.deps, harness.alert.id, 'ALERT');
  return { ...harness, sms, plan, expected: harness.registry.expected(COUNTIES).size };
}

describe('sendShard', () => {
  test('the plan returns shard numbers only; each shard sends its own range, once', async () => {
    const { deps, alert, sms, plan, expected } = await threeShards();
    expect(plan.shards).toEqual([0, 1, 2].map((shard) => ({ shard, of: 3 })));
    expect(sms.sent).toEqual([]);
    const counts: number[] = [];
    for (const descriptor of plan.shards) {
      const before = sms.sent.length;
      await expect(sendShard(deps, { alertId: alert.id, message: 'ALERT', ...descriptor })).resolves.toEqual({
        done: true,
      });
      counts.push(sms.sent.length - before);
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(expected);
    // Equal ranges: no shard is more than one phone larger than another.
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(new Set(sms.sent.map((m) => m.to)).size).toBe(expected);
  });

  test('the alert shows the sum of every shard’s totals while the fan-out runs', async () => {
    const { deps, alert, sms, expected } = await threeShards();
    await sendShard(deps, { alertId: alert.id, message: 'ALERT', shard: 0, of: 3 });
    const first = sms.sent.length;
    expect(deps.alerts.stored(alert.id).broadcast).toMatchObject({
      recipients: expected,
      sent: first,
      pending: expected - first,
    });
    await sendShard(deps, { alertId: alert.id, message: 'ALERT', shard: 2, of: 3 });
    expect(deps.alerts.stored(alert.id).broadcast).toMatchObject({ sent: sms.sent.length });
    await sendShard(deps, { alertId: alert.id, message: 'ALERT', shard: 1, of: 3 });
    expect(deps.alerts.stored(alert.id).broadcast).toMatchObject({ sent: expected, pending: 0 });
    expect(deps.alerts.stored(alert.id).status).toBe('APPROVED');
    await finishBroadcast(deps, alert.id, 'ALERT');
    expect(deps.alerts.stored(alert.id)).toMatchObject({ status: 'ACTIVE', broadcast: { sent: expected } });
  });

  test('content changed after the plan: the shard refuses before its first SMS', async () => {
    const { deps, alert, sms } = await threeShards();
    await deps.alerts.update(alert.id, { counties: ['AL-11', 'AL-02', 'AL-05'] });
    await expect(
      sendShard(deps, { alertId: alert.id, message: 'ALERT', shard: 0, of: 3 }),
    ).rejects.toBeInstanceOf(ContentIntegrityError);
    expect(sms.attempts).toEqual([]);
  });

  test('a shard without a recorded range refuses rather than sending to other shards’ phones', async () => {
    const { deps, alert, sms } = await threeShards();
    await expect(sendShard(deps, { alertId: alert.id, message: 'ALERT', shard: 3, of: 4 })).rejects.toThrow(
      'has no recorded range',
    );
    expect(sms.attempts).toEqual([]);
  });
});
