import { RateLimiter } from '../../../../lambdas/use-cases/broadcast/rate-limiter';

/**
 * A limiter on a fake clock: sleeping moves the clock, nothing waits for real. Like setTimeout, a sleep
 * lasts at least 1 ms (a float-residue sleep of 1e-11 ms would otherwise never move the clock).
 */
function fakeLimiter(perSecond: number) {
  const clock = { t: 0 };
  const sleeps: number[] = [];
  const limiter = new RateLimiter(
    perSecond,
    () => clock.t,
    async (ms) => {
      sleeps.push(ms);
      if (sleeps.length > 1_000_000) throw new Error('the limiter keeps sleeping');
      clock.t += Math.max(1, ms);
    },
  );
  /** Takes `n` tokens at once (as parallel workers do) and returns when each was granted. */
  const takeAll = async (n: number) => {
    const times: number[] = [];
    await Promise.all(Array.from({ length: n }, () => limiter.take().then(() => times.push(clock.t))));
    return times;
  };
  return { clock, sleeps, limiter, takeAll };
}

/** The most grants within any window [t, t + 1000). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && (sorted[j] ?? 0) < (sorted[i] ?? 0) + 1000) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe('RateLimiter', () => {
  test.each([1, 2, 5, 10, 20, 250])(
    'under constant demand, never more than %i takes in any second',
    async (perSecond) => {
      const { takeAll } = fakeLimiter(perSecond);
      const times = await takeAll(perSecond * 5);
      expect(busiestSecond(times)).toBeLessThanOrEqual(perSecond);
      // …and the quota is used: 5 s worth of sends take about 5 s, not more.
      expect(Math.max(...times)).toBeLessThanOrEqual(5000);
    },
  );

  test('grants one at once, then paces at 1/N seconds', async () => {
    const { takeAll } = fakeLimiter(10);
    expect(await takeAll(4)).toEqual([0, 100, 200, 300]);
  });

  test('serves callers in arrival order', async () => {
    const { limiter } = fakeLimiter(5);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => limiter.take().then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('after a pause, no catch-up burst: grants are paced again from the first', async () => {
    const { clock, takeAll } = fakeLimiter(10);
    clock.t = 60_000;
    const times = await takeAll(3);
    expect(times).toEqual([60_000, 60_100, 60_200]);
  });

  test('at high rates, grants come in small paced groups and stay within the quota', async () => {
    const { sleeps, takeAll } = fakeLimiter(10_000);
    const times = await takeAll(30_000);
    expect(busiestSecond(times)).toBeLessThanOrEqual(10_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(3000);
    // 100 groups of 100 per second, not 10,000 timers.
    expect(sleeps.length).toBeLessThanOrEqual(301);
  });

  test('never more than N takes in any second, even right after a pause', async () => {
    const { clock, takeAll } = fakeLimiter(10);
    clock.t = 5_000;
    const times = await takeAll(50);
    expect(busiestSecond(times)).toBeLessThanOrEqual(10);
  });

  test('never more than N takes in any second when timers fire late', async () => {
    const { takeAll } = fakeLimiter(3);
    expect(busiestSecond(await takeAll(15))).toBeLessThanOrEqual(3);
  });
});
