import '../support/env';
import { codeMatches, hashCode } from '../../../lambdas/domain/codes';
import { ConcurrentChangeError, ValidationError } from '../../../lambdas/domain/errors';
import { confirmSubscription, subscribe } from '../../../lambdas/use-cases/subscriptions';
import { mobile } from '../support/builders';
import { fakeDependencies } from '../support/deps';
import { rejectionOf } from '../support/errors';

const phone = mobile(7);

/** The six digits of the last code SMS. */
function codeIn(body: string | undefined): string {
  const match = body?.match(/\b(\d{6})\b/);
  if (!match?.[1]) throw new Error(`no code in ${body}`);
  return match[1];
}

async function subscribed(counties = ['AL-11', 'AL-02'], language = 'en') {
  const deps = fakeDependencies();
  await subscribe(deps, { phone, counties, language });
  const code = codeIn(deps.sms.sent.at(-1)?.body);
  return { deps, code };
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('subscribe', () => {
  test('stores a hashed code that expires, and sends it as a CONFIRMATION_CODE SMS without alertId', async () => {
    const { deps, code } = await subscribed();

    expect(deps.sms.sent).toHaveLength(1);
    const [sms] = deps.sms.sent;
    expect(sms).toMatchObject({ to: phone, kind: 'CONFIRMATION_CODE' });
    expect(sms).not.toHaveProperty('alertId');
    expect(sms?.body).toContain('15 minutes');

    const stored = deps.subscribers.stored(phone);
    expect(stored.status).toBe('PENDING_CONFIRMATION');
    expect(stored.pending).toEqual({
      codeHash: hashCode(phone, code),
      expiresAt: '2024-05-01T10:15:00.000Z',
      attempts: 0,
      counties: ['AL-11', 'AL-02'],
      language: 'en',
    });
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  test('answers PENDING_CONFIRMATION, and an existing subscription stays active until the new code is confirmed', async () => {
    const deps = fakeDependencies();
    deps.subscribers.seedActive(phone, ['AL-05'], 'sq');
    await expect(subscribe(deps, { phone, counties: ['AL-11'], language: 'en' })).resolves.toEqual({
      status: 'PENDING_CONFIRMATION',
    });
    expect(deps.subscribers.stored(phone)).toMatchObject({
      status: 'ACTIVE',
      counties: ['AL-05'],
      language: 'sq',
    });
  });

  test('the code SMS is in the subscriber’s language', async () => {
    const { deps: en } = await subscribed(['AL-11'], 'en');
    const { deps: sq } = await subscribed(['AL-11'], 'sq');
    expect(en.sms.sent[0]?.body).toMatch(/confirmation code/);
    expect(sq.sms.sent[0]?.body).not.toMatch(/confirmation code/);
  });
});

describe('confirmSubscription', () => {
  test('the right code activates the subscription for the requested counties and language', async () => {
    const { deps, code } = await subscribed();
    deps.clock.advance(60_000);
    await expect(confirmSubscription(deps, { phone, code })).resolves.toEqual({ status: 'ACTIVE' });
    const stored = deps.subscribers.stored(phone);
    expect(stored).toMatchObject({
      status: 'ACTIVE',
      counties: ['AL-11', 'AL-02'],
      language: 'en',
      confirmedAt: '2024-05-01T10:01:00.000Z',
    });
    expect(stored.pending).toBeUndefined();
  });

  test('a wrong code is refused on the code field and counts an attempt', async () => {
    const { deps, code } = await subscribed();
    const error = await rejectionOf(confirmSubscription(deps, { phone, code: wrong(code) }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ code: ['is wrong or has expired'] });
    expect(deps.subscribers.stored(phone).pending?.attempts).toBe(1);
    expect(deps.subscribers.stored(phone).status).toBe('PENDING_CONFIRMATION');
  });

  test('after the maximum of wrong attempts, even the right code is locked out', async () => {
    const { deps, code } = await subscribed();
    for (let i = 0; i < deps.config.subscriptions.maxConfirmAttempts; i++) {
      await expect(confirmSubscription(deps, { phone, code: wrong(code) })).rejects.toThrow(
        'The code is wrong or has expired',
      );
    }
    const error = await rejectionOf(confirmSubscription(deps, { phone, code }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({
      code: ['is locked after too many attempts; request a new code'],
    });
    expect(deps.subscribers.stored(phone).status).toBe('PENDING_CONFIRMATION');
    expect(deps.subscribers.calls.activate).toBe(0);
  });

  test('the last allowed attempt may still be the right one', async () => {
    const { deps, code } = await subscribed();
    for (let i = 0; i < deps.config.subscriptions.maxConfirmAttempts - 1; i++) {
      await expect(confirmSubscription(deps, { phone, code: wrong(code) })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    await expect(confirmSubscription(deps, { phone, code })).resolves.toEqual({ status: 'ACTIVE' });
  });

  test('a new code unlocks a locked subscription', async () => {
    const { deps, code } = await subscribed();
    for (let i = 0; i < deps.config.subscriptions.maxConfirmAttempts; i++) {
      await confirmSubscription(deps, { phone, code: wrong(code) }).catch(() => undefined);
    }
    await subscribe(deps, { phone, counties: ['AL-11'], language: 'en' });
    const fresh = codeIn(deps.sms.sent.at(-1)?.body);
    await expect(confirmSubscription(deps, { phone, code: fresh })).resolves.toEqual({ status: 'ACTIVE' });
  });

  test.each([
    ['at', 15 * 60_000],
    ['after', 15 * 60_000 + 1],
  ])('the right code %s its expiry is refused, without counting an attempt', async (_when, elapsed) => {
    const { deps, code } = await subscribed();
    deps.clock.advance(elapsed);
    await expect(confirmSubscription(deps, { phone, code })).rejects.toBeInstanceOf(ValidationError);
    expect(deps.subscribers.stored(phone).status).toBe('PENDING_CONFIRMATION');
    expect(deps.subscribers.calls.claimAttempt).toBe(0);
  });

  test('a phone that never asked for a code is refused like a wrong code', async () => {
    const deps = fakeDependencies();
    const error = await rejectionOf(confirmSubscription(deps, { phone, code: '123456' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ code: ['is wrong or has expired'] });
  });

  test('an old code is useless once a new one was requested', async () => {
    const { deps, code: old } = await subscribed();
    await subscribe(deps, { phone, counties: ['AL-11'], language: 'en' });
    const fresh = codeIn(deps.sms.sent.at(-1)?.body);
    // Two random codes may coincide (one in a million); the stored hash is what matters.
    expect(codeMatches(phone, fresh, deps.subscribers.stored(phone).pending?.codeHash ?? '')).toBe(true);
    if (old !== fresh)
      await expect(confirmSubscription(deps, { phone, code: old })).rejects.toBeInstanceOf(ValidationError);
  });

  test('a code requested between the check and the activation wins: the new counties are not activated unproved', async () => {
    const { deps, code } = await subscribed(['AL-11']);
    const claim = deps.subscribers.claimAttempt.bind(deps.subscribers);
    deps.subscribers.claimAttempt = async (p, max) => {
      const ok = await claim(p, max);
      await subscribe(deps, { phone, counties: ['AL-05'], language: 'en' });
      return ok;
    };
    await expect(confirmSubscription(deps, { phone, code })).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect(deps.subscribers.stored(phone)).toMatchObject({
      status: 'PENDING_CONFIRMATION',
      pending: { counties: ['AL-05'] },
    });
  });

  test('parallel guesses cannot test more codes than the attempt limit allows', async () => {
    const { deps, code } = await subscribed();
    const guesses = Array.from({ length: 20 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const results = await Promise.allSettled(
      guesses.map((guess) => confirmSubscription(deps, { phone, code: guess })),
    );
    const compared = results.filter(
      (r) =>
        r.status === 'rejected' &&
        (r.reason as ValidationError).fields.code?.[0] === 'is wrong or has expired',
    );
    expect(compared.length).toBeLessThanOrEqual(deps.config.subscriptions.maxConfirmAttempts);
  });
});
