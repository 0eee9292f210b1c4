import '../support/env';
import { hashCode } from '../../../lambdas/domain/codes';
import { TooManyRequestsError, ValidationError } from '../../../lambdas/domain/errors';
import { isStopReply } from '../../../lambdas/domain/stop-reply';
import { confirmUnsubscribe, optOutByReply, requestUnsubscribe } from '../../../lambdas/use-cases/opt-out';
import { confirmSubscription, subscribe } from '../../../lambdas/use-cases/subscriptions';
import { mobile } from '../support/builders';
import { fakeDependencies } from '../support/deps';
import { rejectionOf } from '../support/errors';

const phone = mobile(8);

function codeIn(body: string | undefined): string {
  const match = body?.match(/\b(\d{6})\b/);
  if (!match?.[1]) throw new Error('no code in the SMS');
  return match[1];
}

/** The rejection, asserted to be a ValidationError (a 400 with field errors). */
async function validationErrorOf(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

function activeSubscriber(counties = ['AL-11', 'AL-02', 'AL-05'], language = 'en') {
  const deps = fakeDependencies();
  deps.subscribers.seedActive(phone, counties, language);
  return deps;
}

async function unsubscribeCode(deps: ReturnType<typeof fakeDependencies>): Promise<string> {
  await requestUnsubscribe(deps, { phone });
  return codeIn(deps.sms.sent.at(-1)?.body);
}

describe('requestUnsubscribe', () => {
  test('an active subscriber gets an UNSUBSCRIBE_CODE SMS in their language; the code is stored hashed', async () => {
    const deps = activeSubscriber();
    expect(await requestUnsubscribe(deps, { phone })).toEqual({ status: 'PENDING_CONFIRMATION' });

    expect(deps.sms.sent).toHaveLength(1);
    expect(deps.sms.sent[0]).toMatchObject({ to: phone, kind: 'UNSUBSCRIBE_CODE' });
    const code = codeIn(deps.sms.sent[0]?.body);
    const stored = deps.subscribers.stored(phone);
    expect(stored.status).toBe('ACTIVE');
    expect(stored.pending).toMatchObject({
      codeHash: hashCode(phone, code),
      purpose: 'UNSUBSCRIBE',
      attempts: 0,
    });
  });

  test('unsubscription codes count against the same per-phone limit as subscription codes', async () => {
    const deps = activeSubscriber();
    const limit = deps.config.subscriptions.codesPerPhonePerHour;
    for (let i = 0; i < limit; i++) await requestUnsubscribe(deps, { phone }, `client-${i}`);
    await expect(requestUnsubscribe(deps, { phone }, 'another-client')).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    expect(deps.sms.sent).toHaveLength(limit);
  });

  test.each([
    ['unknown', undefined],
    ['pending confirmation', 'PENDING_CONFIRMATION'],
    ['already unsubscribed', 'UNSUBSCRIBED'],
    ['opted out', 'OPTED_OUT'],
  ] as const)('a phone %s gets the same answer and no SMS', async (_label, status) => {
    const deps = fakeDependencies();
    if (status) {
      deps.subscribers.seed({
        phone,
        status,
        language: 'sq',
        counties: [],
        updatedAt: '2024-04-01T00:00:00.000Z',
      });
    }
    expect(await requestUnsubscribe(deps, { phone })).toEqual({ status: 'PENDING_CONFIRMATION' });
    expect(deps.sms.sent).toEqual([]);
    expect(deps.subscribers.calls.putPending).toBe(0);
  });
});

describe('confirmUnsubscribe', () => {
  test('the right code removes the subscription: UNSUBSCRIBED, no county, no recipient', async () => {
    const deps = activeSubscriber();
    const code = await unsubscribeCode(deps);

    expect(await confirmUnsubscribe(deps, { phone, code })).toEqual({ status: 'UNSUBSCRIBED' });

    const stored = deps.subscribers.stored(phone);
    expect(stored.status).toBe('UNSUBSCRIBED');
    expect(stored.counties).toEqual([]);
    expect(stored.pending).toBeUndefined();
    expect((await deps.subscribers.recipientsPage(['AL-11', 'AL-02', 'AL-05'])).recipients).toEqual([]);
    expect(await deps.subscribers.countByCounty(['AL-11'])).toBe(0);
  });

  test('a wrong code is a 400 naming code and counts an attempt; the subscription stays', async () => {
    const deps = activeSubscriber();
    const code = await unsubscribeCode(deps);
    const error = await validationErrorOf(confirmUnsubscribe(deps, { phone, code: wrong(code) }));
    expect(error.fields).toHaveProperty('code');
    expect(deps.subscribers.stored(phone)).toMatchObject({ status: 'ACTIVE', pending: { attempts: 1 } });
  });

  test('an expired code is refused', async () => {
    const deps = activeSubscriber();
    const code = await unsubscribeCode(deps);
    deps.clock.advance(16 * 60_000);
    const error = await validationErrorOf(confirmUnsubscribe(deps, { phone, code }));
    expect(error.fields).toHaveProperty('code');
    expect(deps.subscribers.stored(phone).status).toBe('ACTIVE');
  });

  test('locked after the maximum of wrong attempts, with the answers a phone that is not subscribed gets', async () => {
    const answersTo = async (deps: ReturnType<typeof fakeDependencies>, codes: string[]) => {
      const answers: unknown[] = [];
      for (const code of codes) {
        const error = await validationErrorOf(confirmUnsubscribe(deps, { phone, code }));
        answers.push({ message: error.message, fields: error.fields });
      }
      return answers;
    };
    const subscribed = activeSubscriber();
    const code = await unsubscribeCode(subscribed);
    const attempts = [
      ...Array.from({ length: subscribed.config.subscriptions.maxConfirmAttempts }, () => wrong(code)),
      code,
      code,
    ];
    const fromSubscribed = await answersTo(subscribed, attempts);
    expect(subscribed.subscribers.stored(phone).status).toBe('ACTIVE');

    const stranger = fakeDependencies();
    await requestUnsubscribe(stranger, { phone });
    expect(stranger.sms.sent).toHaveLength(0);
    // Same answers, locked included: whether the phone is subscribed cannot be read from them.
    expect(await answersTo(stranger, attempts)).toEqual(fromSubscribed);
    expect(new Set(fromSubscribed.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  test('a subscription code cannot unsubscribe', async () => {
    const deps = activeSubscriber();
    await subscribe(deps, { phone, counties: ['AL-11'], language: 'en' });
    const code = codeIn(deps.sms.sent.at(-1)?.body);
    await validationErrorOf(confirmUnsubscribe(deps, { phone, code }));
    expect(deps.subscribers.stored(phone).status).toBe('ACTIVE');
  });

  test('an unsubscription code cannot confirm a subscription', async () => {
    const deps = activeSubscriber(['AL-11']);
    const code = await unsubscribeCode(deps);
    await validationErrorOf(confirmSubscription(deps, { phone, code }));
    expect(deps.subscribers.calls.activate).toBe(0);
  });
});

describe('optOutByReply', () => {
  test('a STOP reply removes an active subscription as OPTED_OUT', async () => {
    const deps = activeSubscriber();
    expect(await optOutByReply(deps, phone)).toEqual({ removed: true });
    expect(deps.subscribers.stored(phone)).toMatchObject({ status: 'OPTED_OUT', counties: [] });
    expect((await deps.subscribers.recipientsPage(['AL-11'])).recipients).toEqual([]);
  });

  test('a STOP from a phone of the drill group takes it out of the drill group, subscribed or not', async () => {
    const deps = activeSubscriber();
    deps.subscribers.seedDrill(phone).seedDrill(mobile(9));
    expect(await optOutByReply(deps, phone)).toEqual({ removed: true });
    const drill = (await deps.subscribers.drillRecipientsPage()).recipients.map((r) => r.phone);
    expect(drill).toEqual([mobile(9)]);

    const drillOnly = fakeDependencies();
    drillOnly.subscribers.seedDrill(phone);
    expect(await optOutByReply(drillOnly, phone)).toEqual({ removed: true });
    expect((await drillOnly.subscribers.drillRecipientsPage()).recipients).toEqual([]);
  });

  test('a phone that is not subscribed is left as it is', async () => {
    const deps = fakeDependencies();
    expect(await optOutByReply(deps, phone)).toEqual({ removed: false });
    expect(deps.subscribers.items.size).toBe(0);
  });

  test('subscribing again after an opt-out needs a new code: nothing is active until it is confirmed', async () => {
    const deps = activeSubscriber(['AL-11']);
    await optOutByReply(deps, phone);
    await subscribe(deps, { phone, counties: ['AL-02'], language: 'en' });
    expect(deps.sms.sent.at(-1)).toMatchObject({ to: phone, kind: 'CONFIRMATION_CODE' });
    expect(deps.subscribers.stored(phone).status).toBe('OPTED_OUT');
    expect((await deps.subscribers.recipientsPage(['AL-02'])).recipients).toEqual([]);

    await confirmSubscription(deps, { phone, code: codeIn(deps.sms.sent.at(-1)?.body) });
    expect(deps.subscribers.stored(phone)).toMatchObject({ status: 'ACTIVE', counties: ['AL-02'] });
  });
});

describe('isStopReply', () => {
  test.each([
    'STOP',
    'stop',
    ' Stop. ',
    'STOP ALL',
    'stopall',
    'NDALO',
    'ndalo!',
    'Ndalo',
    'unsubscribe',
    "ç'regjistrohu",
    'opt-out',
  ])('%j stops', (body) => expect(isStopReply(body)).toBe(true));
  test.each(['', 'stop the alerts please', 'STOPP', 'ok', 'ndaloni dhe', 'START'])('%j does not', (body) =>
    expect(isStopReply(body)).toBe(false),
  );
});

describe('profiles that have no purpose any more are forgotten after the configured period', () => {
  const days = (n: number) => n * 86_400_000;

  test('a number asking for a code, until it confirms; a phone that unsubscribes or replies STOP', async () => {
    const deps = fakeDependencies();
    const now = deps.clock.now().getTime();
    await subscribe(deps, { phone, counties: ['AL-11'], language: 'en' });
    expect(deps.subscribers.forgetAt.get(phone)).toBe(
      new Date(now + days(deps.config.subscriberRetention.unconfirmedDays)).toISOString(),
    );
    await confirmSubscription(deps, { phone, code: codeIn(deps.sms.sent.at(-1)?.body) });
    expect(deps.subscribers.forgetAt.has(phone)).toBe(false);

    await optOutByReply(deps, phone);
    expect(deps.subscribers.forgetAt.get(phone)).toBe(
      new Date(now + days(deps.config.subscriberRetention.removedDays)).toISOString(),
    );

    const other = activeSubscriber();
    const code = await unsubscribeCode(other);
    expect(other.subscribers.forgetAt.has(phone)).toBe(false);
    await confirmUnsubscribe(other, { phone, code });
    expect(other.subscribers.forgetAt.get(phone)).toBe(
      new Date(now + days(other.config.subscriberRetention.removedDays)).toISOString(),
    );
  });
});
