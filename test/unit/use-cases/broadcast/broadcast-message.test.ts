import '../../support/env';
import type { Alert } from '../../../../lambdas/domain/alert';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { composeAlertSms, smsSettingsFrom } from '../../../../lambdas/domain/sms';
import { broadcastMessage } from '../../../../lambdas/use-cases/broadcast/broadcast-message';
import { anActiveAlert, anAlert, mobile } from '../../support/builders';
import { fakeDependencies } from '../../support/deps';
import {
  InMemoryDeliveryRepository,
  InMemorySubscriberRepository,
  invalidNumber,
  throttled,
} from '../../support/fakes';

const NOW = '2024-05-01T10:00:00.000Z';
const SYSTEM = { sub: 'system', username: 'workflow' };

// Subscribers of an alert for Tiranë (AL-11) and Durrës (AL-02).
const tiranaOnly = mobile(1);
const tiranaAndDurres = mobile(2);
const durresEnglish = mobile(3);
const durresAndVlore = mobile(4);
const vloreOnly = mobile(5); // AL-12: not targeted
const unconfirmed = mobile(6);
const targeted = [tiranaOnly, tiranaAndDurres, durresEnglish, durresAndVlore].sort();

/** Small pages everywhere, so that every paging loop turns more than once. */
function setup(overrides: Partial<Alert> = {}) {
  const deps = fakeDependencies({
    subscribers: new InMemorySubscriberRepository(2),
    deliveries: new InMemoryDeliveryRepository(2),
  });
  deps.subscribers
    .seedActive(tiranaOnly, ['AL-11'])
    .seedActive(tiranaAndDurres, ['AL-11', 'AL-02'])
    .seedActive(durresEnglish, ['AL-02'], 'en')
    .seedActive(durresAndVlore, ['AL-02', 'AL-12'])
    .seedActive(vloreOnly, ['AL-12'])
    .seed({
      phone: unconfirmed,
      status: 'PENDING_CONFIRMATION',
      language: 'sq',
      counties: [],
      pending: { codeHash: 'h', expiresAt: NOW, attempts: 0, counties: ['AL-11'], language: 'sq' },
      updatedAt: NOW,
    });
  const alert = anAlert({
    status: 'APPROVED',
    approvedAt: '2024-05-01T09:58:00.000Z',
    approvedBy: { sub: 'supervisor-tirana', username: 'supervisor.tirana' },
    ...overrides,
  });
  deps.alerts.seed(alert);
  return { deps, alert, alertKey: `${alert.id}#ALERT`, cancelKey: `${alert.id}#CANCELLATION` };
}

let random: jest.SpyInstance<number, []>;
beforeEach(() => {
  // Retries back off by Math.random() × a delay: zero keeps the tests fast without changing the logic.
  random = jest.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => random.mockRestore());

describe('broadcastMessage ALERT', () => {
  test('each phone of the targeted counties gets the alert exactly once, even when subscribed to several', async () => {
    const { deps, alert } = setup();
    await broadcastMessage(deps, alert.id, 'ALERT');

    expect(deps.sms.sent.map((m) => m.to).sort()).toEqual(targeted);
    for (const m of deps.sms.sent) expect(m).toMatchObject({ kind: 'ALERT', alertId: alert.id });
  });

  test('phones only in non-targeted counties, and unconfirmed ones, get nothing', async () => {
    const { deps, alert } = setup();
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.sentTo(vloreOnly)).toEqual([]);
    expect(deps.sms.sentTo(unconfirmed)).toEqual([]);
  });

  test('each subscriber reads it in their language', async () => {
    const { deps, alert } = setup();
    await broadcastMessage(deps, alert.id, 'ALERT');
    const settings = smsSettingsFrom(deps.config);
    const expected = (language: string) =>
      composeAlertSms({ kind: 'ALERT', mode: 'LIVE', language, alert }, settings).body;
    expect(deps.sms.sentTo(durresEnglish)[0]?.body).toBe(expected('en'));
    expect(deps.sms.sentTo(tiranaOnly)[0]?.body).toBe(expected('sq'));
    expect(expected('en')).not.toBe(expected('sq'));
  });

  test('activates the alert with its expiry and the delivery totals', async () => {
    const { deps, alert } = setup();
    await broadcastMessage(deps, alert.id, 'ALERT');
    const stored = deps.alerts.stored(alert.id);
    expect(stored).toMatchObject({
      status: 'ACTIVE',
      activatedAt: NOW,
      expiresAt: '2024-05-02T10:00:00.000Z',
      broadcast: { recipients: 4, sent: 4, failed: 0, startedAt: NOW, finishedAt: NOW },
    });
    expect(stored.history.at(-1)).toEqual({
      at: NOW,
      actor: SYSTEM,
      action: 'ACTIVATE',
      from: 'APPROVED',
      to: 'ACTIVE',
      reason: 'sent 4 of 4',
    });
  });

  test('a second run sends nothing more', async () => {
    const { deps, alert } = setup();
    await broadcastMessage(deps, alert.id, 'ALERT');
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.sent).toHaveLength(4);
  });

  test('a re-run after a crash before activation sends nothing more, and counts what was sent', async () => {
    const { deps, alert, alertKey } = setup();
    const realTransition = deps.alerts.transition.bind(deps.alerts);
    deps.alerts.transition = async () => {
      throw new Error('Lambda timed out');
    };
    await expect(broadcastMessage(deps, alert.id, 'ALERT')).rejects.toThrow('Lambda timed out');
    expect(deps.alerts.stored(alert.id).status).toBe('APPROVED');
    expect(deps.deliveries.phonesWith(alertKey, 'SENT')).toEqual(targeted);

    deps.alerts.transition = realTransition;
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.sent).toHaveLength(4);
    expect(deps.alerts.stored(alert.id)).toMatchObject({
      status: 'ACTIVE',
      broadcast: { recipients: 4, sent: 4 },
    });
  });

  test('an EXERCISE plans no public subscriber and sends nothing, yet activates', async () => {
    const { deps, alert, alertKey } = setup({ mode: 'EXERCISE' });
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.sent).toEqual([]);
    expect(deps.deliveries.records(alertKey)).toEqual([]);
    expect(deps.alerts.stored(alert.id)).toMatchObject({
      status: 'ACTIVE',
      broadcast: { recipients: 0, sent: 0 },
    });
  });

  test('a throttled send is retried until it goes, and counted once', async () => {
    const { deps, alert, alertKey } = setup();
    deps.sms.failNext(durresEnglish, throttled(), throttled());
    await broadcastMessage(deps, alert.id, 'ALERT');

    expect(deps.sms.attempts.filter((m) => m.to === durresEnglish)).toHaveLength(3);
    expect(deps.sms.sentTo(durresEnglish)).toHaveLength(1);
    expect(deps.deliveries.phonesWith(alertKey, 'SENT')).toEqual(targeted);
    expect(deps.alerts.stored(alert.id).broadcast).toMatchObject({ recipients: 4, sent: 4, failed: 0 });
  });

  test('a permanent failure is not retried and is recorded as failed', async () => {
    const { deps, alert, alertKey } = setup();
    deps.sms.failNext(tiranaOnly, invalidNumber());
    await broadcastMessage(deps, alert.id, 'ALERT');

    expect(deps.sms.attempts.filter((m) => m.to === tiranaOnly)).toHaveLength(1);
    expect(deps.deliveries.records(alertKey).find((d) => d.phone === tiranaOnly)).toMatchObject({
      status: 'FAILED',
      error: 'InvalidParameterException',
    });
    expect(deps.alerts.stored(alert.id)).toMatchObject({
      status: 'ACTIVE',
      broadcast: { recipients: 4, sent: 3, failed: 1 },
    });
    expect(deps.alerts.stored(alert.id).history.at(-1)?.reason).toBe('sent 3 of 4');
  });

  test('a phone throttled on every attempt ends up failed after the attempt limit', async () => {
    const { deps, alert, alertKey } = setup();
    deps.sms.failNext(tiranaOnly, ...Array.from({ length: 10 }, throttled));
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.attempts.filter((m) => m.to === tiranaOnly)).toHaveLength(5);
    expect(deps.deliveries.phonesWith(alertKey, 'FAILED')).toEqual([tiranaOnly]);
  });

  test.each(['PENDING_APPROVAL', 'ACTIVE', 'REJECTED', 'RESOLVED'] as const)(
    'is not due for an alert in %s',
    async (status) => {
      const { deps, alert } = setup({ status });
      await broadcastMessage(deps, alert.id, 'ALERT');
      expect(deps.sms.attempts).toEqual([]);
      expect(deps.alerts.stored(alert.id).status).toBe(status);
    },
  );

  test('an unknown alert is NotFoundError', async () => {
    const { deps } = setup();
    await expect(
      broadcastMessage(deps, 'f0000000-0000-4000-8000-000000000000', 'ALERT'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('broadcastMessage CANCELLATION', () => {
  function resolved() {
    const ctx = setup({ ...anActiveAlert(), status: 'RESOLVED', outcome: 'FOUND', resolvedAt: NOW });
    const d = (phone: string, status: 'PENDING' | 'SENDING' | 'SENT' | 'FAILED', language = 'sq') => ({
      phone,
      language,
      status,
      attempts: status === 'PENDING' ? 0 : 1,
    });
    ctx.deps.deliveries.seed(
      ctx.alertKey,
      d(tiranaOnly, 'SENT'),
      d(tiranaAndDurres, 'FAILED'),
      d(durresEnglish, 'SENT', 'en'),
      d(durresAndVlore, 'PENDING'),
      d(vloreOnly, 'SENT'),
    );
    return ctx;
  }

  test('goes exactly to the phones whose ALERT delivery was SENT', async () => {
    const { deps, alert } = resolved();
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.recipients()).toEqual([tiranaOnly, durresEnglish, vloreOnly].sort());
    for (const m of deps.sms.sent) expect(m).toMatchObject({ kind: 'CANCELLATION', alertId: alert.id });
    expect(deps.sms.sentTo(durresEnglish)[0]?.body).not.toBe(deps.sms.sentTo(tiranaOnly)[0]?.body);
  });

  test('does not look at the subscriber registry: a phone that subscribed since gets no cancellation', async () => {
    const { deps, alert } = resolved();
    deps.subscribers.seedActive(mobile(99), ['AL-11']);
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.sentTo(mobile(99))).toEqual([]);
  });

  test('also goes to a phone whose alert was in flight (SENDING) when the alert ended', async () => {
    const { deps, alert, alertKey } = resolved();
    deps.deliveries.seed(alertKey, {
      phone: durresAndVlore,
      language: 'sq',
      status: 'SENDING',
      attempts: 1,
      leaseUntil: NOW,
    });
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.sentTo(durresAndVlore)).toHaveLength(1);
  });

  test('records the receipt and its totals, and a second run sends nothing more', async () => {
    const { deps, alert } = resolved();
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    const stored = deps.alerts.stored(alert.id);
    expect(stored).toMatchObject({
      status: 'RESOLVED',
      cancellationSentAt: NOW,
      cancellation: { recipients: 3, sent: 3, failed: 0, startedAt: NOW, finishedAt: NOW },
    });
    expect(stored.history.at(-1)).toMatchObject({
      action: 'CANCELLATION_SENT',
      from: 'RESOLVED',
      to: 'RESOLVED',
    });

    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.sent).toHaveLength(3);
  });

  test('is not due while the alert is still active', async () => {
    const { deps, alert } = resolved();
    deps.alerts.items.set(alert.id, { ...deps.alerts.stored(alert.id), status: 'ACTIVE' });
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.attempts).toEqual([]);
  });
});
