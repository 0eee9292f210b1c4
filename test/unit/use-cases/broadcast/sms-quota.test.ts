import '../../support/env';
import { broadcastHarness } from '../../../../bench/broadcast/harness';
import { SMS_QUOTA_MAX_AGE_SECONDS, SsmSmsQuota } from '../../../../lambdas/adapters/aws/ssm-sms-quota';
import { loadConfig } from '../../../../lambdas/config/config';
import type { SmsQuota } from '../../../../lambdas/ports/sms-quota';
import { planBroadcast } from '../../../../lambdas/use-cases/broadcast/plan-broadcast';
import { sendShard } from '../../../../lambdas/use-cases/broadcast/send-shard';
import { FakeSmsSender } from '../../support/fakes';

const COUNTIES = ['AL-11', 'AL-02'];

/** A quota as ops set it, counting the reads. */
class SettableQuota implements SmsQuota {
  reads = 0;
  constructor(public rate: number) {}
  async ratePerSecond() {
    this.reads++;
    return this.rate;
  }
}

describe('the SMS quota is read at run time', () => {
  test('the plan sizes the shards (and the Map concurrency) by the quota read now, not the configured one', async () => {
    const sms = new FakeSmsSender();
    // Configured (AMBER_SMS_RATE_PER_SECOND) at 20/s: one shard.
    const harness = await broadcastHarness({ subscribers: 120, quotaPerSecond: 20, counties: COUNTIES }, sms);
    const quota = new SettableQuota(1500);
    const deps = { ...harness.deps, smsQuota: quota };
    const plan = await planBroadcast(deps, harness.alert.id, 'ALERT');
    expect(plan.shards).toEqual([0, 1, 2].map((shard) => ({ shard, of: 3 })));
    expect(plan.maxConcurrency).toBe(3);
    expect(quota.reads).toBe(1);
  });

  test('each shard paces by its share of the quota read when it runs', async () => {
    /** Simulated seconds one shard takes to send every phone, the quota raised to `rate` after the plan. */
    const sendingSeconds = async (rate: number) => {
      const harness = await broadcastHarness(
        { subscribers: 60, quotaPerSecond: 20, counties: COUNTIES },
        new FakeSmsSender(),
      );
      const quota = new SettableQuota(20);
      const deps = { ...harness.deps, smsQuota: quota };
      const plan = await planBroadcast(deps, harness.alert.id, 'ALERT');
      expect(plan).toMatchObject({ shards: [{ shard: 0, of: 1 }], maxConcurrency: 1 });
      quota.rate = rate;
      let at = 0;
      const pacing = {
        now: () => at,
        sleep: async (ms: number) => {
          at += ms;
        },
      };
      const run = { alertId: harness.alert.id, message: 'ALERT' as const, shard: 0, of: 1 };
      await sendShard(deps, run, { pacing, stillDueEveryMs: 0, passPauseMs: 0 });
      expect(quota.reads).toBe(2);
      return at / 1000;
    };
    // About 30 phones: most of a second at 20/s, next to nothing at the raised quota.
    expect(await sendingSeconds(20)).toBeGreaterThan(0.5);
    expect(await sendingSeconds(100_000)).toBeLessThan(0.05);
  });

  test('a message that is not due plans nothing: an empty Map', async () => {
    const harness = await broadcastHarness(
      { subscribers: 10, quotaPerSecond: 20, counties: COUNTIES },
      new FakeSmsSender(),
    );
    await expect(planBroadcast(harness.deps, harness.alert.id, 'CANCELLATION')).resolves.toEqual({
      shards: [],
      maxConcurrency: 0,
    });
  });
});

describe('SsmSmsQuota', () => {
  const provider = (value: unknown) => {
    const calls: unknown[][] = [];
    return {
      calls,
      get: async (...args: unknown[]) => {
        calls.push(args);
        if (value instanceof Error) throw value;
        return value as string;
      },
    };
  };

  test('reads the parameter, cached for a minute by the provider', async () => {
    const p = provider('1500');
    await expect(
      new SsmSmsQuota(p as never, '/amber/prod/sms-rate-per-second', 20).ratePerSecond(),
    ).resolves.toBe(1500);
    expect(p.calls).toEqual([['/amber/prod/sms-rate-per-second', { maxAge: SMS_QUOTA_MAX_AGE_SECONDS }]]);
    expect(SMS_QUOTA_MAX_AGE_SECONDS).toBe(60);
  });

  test.each(['0', '-5', '12.5', 'fast', '', '100001'])(
    'an invalid value %j falls back to the configured rate',
    async (value) => {
      await expect(new SsmSmsQuota(provider(value) as never, '/p', 20).ratePerSecond()).resolves.toBe(20);
    },
  );

  test('an unreadable parameter (throttled, denied) falls back: a broadcast never stops over its pace', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
    await expect(new SsmSmsQuota(provider(denied) as never, '/p', 40).ratePerSecond()).resolves.toBe(40);
  });

  test('the configuration names the parameter (AMBER_SMS_RATE_PARAMETER) and keeps the rate as fallback', () => {
    expect(loadConfig({}).sms).not.toHaveProperty('ratePerSecondParameter');
    expect(
      loadConfig({
        AMBER_SMS_RATE_PARAMETER: '/amber/dev/sms-rate-per-second',
        AMBER_SMS_RATE_PER_SECOND: '30',
      }).sms,
    ).toMatchObject({ ratePerSecondParameter: '/amber/dev/sms-rate-per-second', ratePerSecond: 30 });
    expect(() => loadConfig({ AMBER_SMS_RATE_PARAMETER: 'no-slash' })).toThrow(/AMBER_SMS_RATE_PARAMETER/);
  });
});
