import { PublicThrottle } from '../../../local/public-throttle';

describe('PublicThrottle (API Gateway token bucket, per client)', () => {
  test('a burst passes, the next request is refused with the seconds until a token', () => {
    const throttle = new PublicThrottle({ ratePerSecond: 2, burst: 3 });
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => throttle.take('10.0.0.1', t0).allowed)).toEqual([true, true, true]);
    expect(throttle.take('10.0.0.1', t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  test('tokens come back at the rate, never above the burst', () => {
    const throttle = new PublicThrottle({ ratePerSecond: 2, burst: 3 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) throttle.take('c', t0);
    expect(throttle.take('c', t0 + 499).allowed).toBe(false);
    expect(throttle.take('c', t0 + 1000).allowed).toBe(true);
    const later = t0 + 60_000;
    expect([1, 2, 3, 4].map(() => throttle.take('c', later).allowed)).toEqual([true, true, true, false]);
  });

  test('each client has its own bucket', () => {
    const throttle = new PublicThrottle({ ratePerSecond: 1, burst: 1 });
    expect(throttle.take('a', 0).allowed).toBe(true);
    expect(throttle.take('a', 0).allowed).toBe(false);
    expect(throttle.take('b', 0).allowed).toBe(true);
  });

  test('a rate of 0 turns the limit off', () => {
    const throttle = new PublicThrottle({ ratePerSecond: 0, burst: 1 });
    expect(Array.from({ length: 1000 }, () => throttle.take('a', 0).allowed).every(Boolean)).toBe(true);
  });
});
