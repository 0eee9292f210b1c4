import '../../support/env';
import { broadcastHarness } from '../../../../bench/broadcast/harness';
import { shardOf } from '../../../../lambdas/domain/delivery-shards';
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
  test('the plan returns shard numbers only; each shard sends its own phones, once', async () => {
    const { deps, alert, sms, plan, expected } = await threeShards();
    expect(plan.shards).toEqual([0, 1, 2].map((shard) => ({ shard, of: 3 })));
    expect(sms.sent).toEqual([]);
    for (const descriptor of plan.shards) {
      const before = sms.sent.length;
      await expect(sendShard(deps, { alertId: alert.id, message: 'ALERT', ...descriptor })).resolves.toEqual({
        done: true,
      });
      const own = sms.sent.slice(before).map((m) => m.to);
      expect(own.length).toBeGreaterThan(0);
      for (const phone of own) expect(shardOf(phone, 3)).toBe(descriptor.shard);
    }
    expect(sms.sent).toHaveLength(expected);
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

  test('a shard of another count (a manual re-drive) sends only its slice, and no phone twice', async () => {
    const { deps, alert, sms, expected } = await threeShards();
    await sendShard(deps, { alertId: alert.id, message: 'ALERT', shard: 3, of: 4 });
    for (const m of sms.sent) expect(shardOf(m.to, 4)).toBe(3);
    for (const shard of [0, 1, 2])
      await sendShard(deps, { alertId: alert.id, message: 'ALERT', shard, of: 3 });
    expect(sms.sent).toHaveLength(expected);
    expect(new Set(sms.sent.map((m) => m.to)).size).toBe(expected);
  });
});
