import '../support/env';
import { TooManyRequestsError } from '../../../lambdas/domain/errors';
import { subscribe } from '../../../lambdas/use-cases/subscriptions';
import { mobile } from '../support/builders';
import { fakeDependencies } from '../support/deps';

const request = (i: number) => ({ phone: mobile(i), counties: ['AL-11'], language: 'sq' });

describe('code requests are limited per phone and per client', () => {
  test('a phone gets codesPerPhonePerHour codes an hour, then 429 without an SMS; the next hour it may again', async () => {
    const deps = fakeDependencies();
    const perPhone = deps.config.subscriptions.codesPerPhonePerHour;
    for (let i = 0; i < perPhone; i++) await subscribe(deps, request(1), `client-${i}`);
    await expect(subscribe(deps, request(1), 'another-client')).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(deps.sms.sentTo(mobile(1))).toHaveLength(perPhone);
    deps.clock.advance(3600_000);
    await expect(subscribe(deps, request(1), 'another-client')).resolves.toEqual({
      status: 'PENDING_CONFIRMATION',
    });
  });

  test('a client gets codesPerClientPerHour codes whatever numbers it names; other clients are not affected', async () => {
    const deps = fakeDependencies();
    const perClient = deps.config.subscriptions.codesPerClientPerHour;
    for (let i = 0; i < perClient; i++) await subscribe(deps, request(100 + i), '203.0.113.9');
    await expect(subscribe(deps, request(999), '203.0.113.9')).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(deps.sms.sentTo(mobile(999))).toEqual([]);
    // The refused request did not use up the phone's own quota.
    expect([...deps.rateLimiter.hits.keys()].some((k) => k.includes(mobile(999)))).toBe(false);
    await expect(subscribe(deps, request(999), '198.51.100.1')).resolves.toEqual({
      status: 'PENDING_CONFIRMATION',
    });
  });
});
