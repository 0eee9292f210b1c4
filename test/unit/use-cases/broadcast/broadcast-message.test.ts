import '../../support/env';
import type { Alert } from '../../../../lambdas/domain/alert';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { composeAlertSms, smsSettingsFrom } from '../../../../lambdas/domain/sms';
import { broadcastMessage } from '../../../../lambdas/use-cases/broadcast/broadcast-message';
import { ContentIntegrityError, signApprovedContent } from '../../../../lambdas/use-cases/content-integrity';
import { anActiveAlert, anAlert, mobile } from '../../support/builders';
import { fakeDependencies } from '../../support/deps';
import {
  FakeContentSigner,
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

const drillA = mobile(50);
const drillB = mobile(51);

/**
 * Small pages everywhere, so that every paging loop turns more than once. The alert is approved as a
 * supervisor would: its content signed by the (fake) content signer.
 */
async function setup(overrides: Partial<Alert> = {}) {
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
  deps.subscribers.seedDrill(drillA).seedDrill(drillB, 'en');
  alert.approvedContent = await signApprovedContent(deps, alert);
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
    const { deps, alert } = await setup();
    await broadcastMessage(deps, alert.id, 'ALERT');

    expect(deps.sms.sent.map((m) => m.to).sort()).toEqual(targeted);
    for (const m of deps.sms.sent) expect(m).toMatchObject({ kind: 'ALERT', alertId: alert.id });
  });

  test('phones only in non-targeted counties, and unconfirmed ones, get nothing', async () => {
    const { deps, alert } = await setup();
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.sentTo(vloreOnly)).toEqual([]);
    expect(deps.sms.sentTo(unconfirmed)).toEqual([]);
  });

  test('each subscriber reads it in their language', async () => {
    const { deps, alert } = await setup();
    await broadcastMessage(deps, alert.id, 'ALERT');
    const settings = smsSettingsFrom(deps.config);
    const expected = (language: string) =>
      composeAlertSms({ kind: 'ALERT', mode: 'LIVE', language, alert }, settings).body;
    expect(deps.sms.sentTo(durresEnglish)[0]?.body).toBe(expected('en'));
    expect(deps.sms.sentTo(tiranaOnly)[0]?.body).toBe(expected('sq'));
    expect(expected('en')).not.toBe(expected('sq'));
  });

  test('activates the alert with its expiry and the delivery totals', async () => {
    const { deps, alert } = await setup();
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
    const { deps, alert } = await setup();
    await broadcastMessage(deps, alert.id, 'ALERT');
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.sent).toHaveLength(4);
  });

  test('a re-run after a crash before activation sends nothing more, and counts what was sent', async () => {
    const { deps, alert, alertKey } = await setup();
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

  test('an EXERCISE goes to the drill group only: no public subscriber is even read', async () => {
    const { deps, alert, alertKey } = await setup({ mode: 'EXERCISE' });
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.recipients()).toEqual([drillA, drillB].sort());
    expect(deps.subscribers.calls.recipientsPage).toBe(0);
    expect(deps.deliveries.records(alertKey).map((d) => d.audience)).toEqual(['DRILL', 'DRILL']);
    expect(deps.sms.sentTo(drillB)[0]?.body).toBe(
      composeAlertSms(
        { kind: 'ALERT', mode: 'EXERCISE', language: 'en', alert },
        smsSettingsFrom(deps.config),
      ).body,
    );
    expect(deps.alerts.stored(alert.id)).toMatchObject({
      status: 'ACTIVE',
      broadcast: { recipients: 2, sent: 2 },
    });
  });

  test('a LIVE alert never reaches the drill group (unless subscribed), and plans PUBLIC deliveries', async () => {
    const { deps, alert, alertKey } = await setup();
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.sentTo(drillA)).toEqual([]);
    expect(deps.subscribers.calls.drillRecipientsPage).toBe(0);
    expect(new Set(deps.deliveries.records(alertKey).map((d) => d.audience))).toEqual(new Set(['PUBLIC']));
  });

  test('a record planned for another audience is refused, never sent', async () => {
    const { deps, alert, alertKey } = await setup();
    deps.deliveries.seed(alertKey, {
      phone: drillA,
      language: 'sq',
      audience: 'DRILL',
      status: 'PENDING',
      attempts: 0,
    });
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.sentTo(drillA)).toEqual([]);
    expect(deps.deliveries.records(alertKey).find((d) => d.phone === drillA)).toMatchObject({
      status: 'FAILED',
      error: 'AUDIENCE_MISMATCH',
    });
    expect(deps.alerts.stored(alert.id).broadcast).toMatchObject({ recipients: 5, sent: 4, failed: 1 });
  });

  test('ops are paged once, with the planned count, before the first SMS of a live broadcast', async () => {
    const { deps, alert } = await setup();
    const events: string[] = [];
    const page = deps.notifier.broadcastStarting.bind(deps.notifier);
    deps.notifier.broadcastStarting = async (event) => {
      events.push('page');
      await page(event);
    };
    const send = deps.sms.send.bind(deps.sms);
    deps.sms.send = async (message) => {
      events.push('sms');
      return send(message);
    };
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(events[0]).toBe('page');
    expect(events.filter((e) => e === 'page')).toHaveLength(1);
    expect(deps.notifier.pages).toEqual([{ alertId: alert.id, counties: ['AL-11', 'AL-02'], recipients: 4 }]);
  });

  test('ops are not paged again by a re-run, nor for an exercise', async () => {
    const live = await setup();
    live.deps.alerts.items.set(live.alert.id, {
      ...live.deps.alerts.stored(live.alert.id),
      broadcast: { recipients: 0, sent: 0, failed: 0, startedAt: '2024-05-01T09:59:00.000Z' },
    });
    await broadcastMessage(live.deps, live.alert.id, 'ALERT');
    expect(live.deps.notifier.pages).toEqual([]);

    const drill = await setup({ mode: 'EXERCISE' });
    await broadcastMessage(drill.deps, drill.alert.id, 'ALERT');
    expect(drill.deps.notifier.pages).toEqual([]);
  });

  describe('nothing leaves unless it is exactly what was approved', () => {
    test.each<[string, (a: Alert) => Alert]>([
      ['the child’s name changed', (a) => ({ ...a, child: { ...a.child, name: 'Someone Else' } })],
      ['the place last seen changed', (a) => ({ ...a, lastSeen: { ...a.lastSeen, place: 'Elsewhere' } })],
      ['a county was added', (a) => ({ ...a, counties: [...a.counties, 'AL-12'] })],
      ['the exercise became live', (a) => ({ ...a, mode: 'EXERCISE' })],
      ['there is no approval signature', ({ approvedContent: _c, ...a }) => a],
    ])('%s: ContentIntegrityError, nothing planned or sent, still APPROVED', async (_what, change) => {
      const { deps, alert, alertKey } = await setup();
      deps.alerts.items.set(alert.id, change(deps.alerts.stored(alert.id)));
      await expect(broadcastMessage(deps, alert.id, 'ALERT')).rejects.toBeInstanceOf(ContentIntegrityError);
      expect(deps.sms.attempts).toEqual([]);
      expect(deps.deliveries.records(alertKey)).toEqual([]);
      expect(deps.notifier.pages).toEqual([]);
      expect(deps.alerts.stored(alert.id).status).toBe('APPROVED');
    });

    test('a signature by another key is refused', async () => {
      const { deps, alert } = await setup();
      const forged = await signApprovedContent(
        { config: deps.config, signer: new FakeContentSigner('other') },
        alert,
      );
      deps.alerts.items.set(alert.id, { ...deps.alerts.stored(alert.id), approvedContent: forged });
      await expect(broadcastMessage(deps, alert.id, 'ALERT')).rejects.toThrow(
        'The content changed after approval',
      );
      expect(deps.sms.attempts).toEqual([]);
    });
  });

  test('a throttled send is retried until it goes, and counted once', async () => {
    const { deps, alert, alertKey } = await setup();
    deps.sms.failNext(durresEnglish, throttled(), throttled());
    await broadcastMessage(deps, alert.id, 'ALERT');

    expect(deps.sms.attempts.filter((m) => m.to === durresEnglish)).toHaveLength(3);
    expect(deps.sms.sentTo(durresEnglish)).toHaveLength(1);
    expect(deps.deliveries.phonesWith(alertKey, 'SENT')).toEqual(targeted);
    expect(deps.alerts.stored(alert.id).broadcast).toMatchObject({ recipients: 4, sent: 4, failed: 0 });
  });

  test('a permanent failure is not retried and is recorded as failed', async () => {
    const { deps, alert, alertKey } = await setup();
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
    const { deps, alert, alertKey } = await setup();
    deps.sms.failNext(tiranaOnly, ...Array.from({ length: 10 }, throttled));
    await broadcastMessage(deps, alert.id, 'ALERT');
    expect(deps.sms.attempts.filter((m) => m.to === tiranaOnly)).toHaveLength(5);
    expect(deps.deliveries.phonesWith(alertKey, 'FAILED')).toEqual([tiranaOnly]);
  });

  test.each(['PENDING_APPROVAL', 'ACTIVE', 'REJECTED', 'RESOLVED'] as const)(
    'is not due for an alert in %s',
    async (status) => {
      const { deps, alert } = await setup({ status });
      await broadcastMessage(deps, alert.id, 'ALERT');
      expect(deps.sms.attempts).toEqual([]);
      expect(deps.alerts.stored(alert.id).status).toBe(status);
    },
  );

  test('an unknown alert is NotFoundError', async () => {
    const { deps } = await setup();
    await expect(
      broadcastMessage(deps, 'f0000000-0000-4000-8000-000000000000', 'ALERT'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('broadcastMessage CANCELLATION', () => {
  async function resolved() {
    const ctx = await setup({ ...anActiveAlert(), status: 'RESOLVED', outcome: 'FOUND', resolvedAt: NOW });
    const d = (phone: string, status: 'PENDING' | 'SENDING' | 'SENT' | 'FAILED', language = 'sq') => ({
      phone,
      language,
      audience: 'PUBLIC' as const,
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
    const { deps, alert } = await resolved();
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.recipients()).toEqual([tiranaOnly, durresEnglish, vloreOnly].sort());
    for (const m of deps.sms.sent) expect(m).toMatchObject({ kind: 'CANCELLATION', alertId: alert.id });
    expect(deps.sms.sentTo(durresEnglish)[0]?.body).not.toBe(deps.sms.sentTo(tiranaOnly)[0]?.body);
  });

  test('does not look at the subscriber registry: a phone that subscribed since gets no cancellation', async () => {
    const { deps, alert } = await resolved();
    deps.subscribers.seedActive(mobile(99), ['AL-11']);
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.sentTo(mobile(99))).toEqual([]);
  });

  test('also goes to a phone whose alert was in flight (SENDING) when the alert ended', async () => {
    const { deps, alert, alertKey } = await resolved();
    deps.deliveries.seed(alertKey, {
      phone: durresAndVlore,
      language: 'sq',
      audience: 'PUBLIC',
      status: 'SENDING',
      attempts: 1,
      leaseUntil: NOW,
    });
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.sentTo(durresAndVlore)).toHaveLength(1);
  });

  test('records the receipt and its totals, and a second run sends nothing more', async () => {
    const { deps, alert } = await resolved();
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
    const { deps, alert } = await resolved();
    deps.alerts.items.set(alert.id, { ...deps.alerts.stored(alert.id), status: 'ACTIVE' });
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.sms.attempts).toEqual([]);
  });

  test('of an alert that went out tells no supervisor: there was nothing left to approve', async () => {
    const { deps, alert } = await resolved();
    deps.alerts.items.set(alert.id, {
      ...deps.alerts.stored(alert.id),
      approvalRequestedAt: NOW,
      messages: [
        {
          kind: 'ALERT',
          version: 1,
          sentAt: NOW,
          capIdentifier: 'x.1',
          content: { ...alert, counties: alert.counties },
        },
      ],
    });
    await broadcastMessage(deps, alert.id, 'CANCELLATION');
    expect(deps.notifier.withdrawals).toEqual([]);
  });
});

describe('broadcastMessage CANCELLATION of an alert withdrawn while it awaited approval', () => {
  /** Resolved before anyone approved it: no approval, no signed content, nothing issued. */
  async function withdrawn(approvalRequestedAt: string | undefined) {
    const ctx = await setup({ status: 'RESOLVED', outcome: 'FOUND', resolvedAt: NOW });
    const {
      approvedAt: _at,
      approvedBy: _by,
      approvedContent: _content,
      ...pending
    } = ctx.deps.alerts.stored(ctx.alert.id);
    ctx.deps.alerts.items.set(ctx.alert.id, {
      ...pending,
      ...(approvalRequestedAt ? { approvalRequestedAt } : {}),
    });
    return ctx;
  }

  test('tells the supervisors who were asked, once, and texts nobody', async () => {
    const ctx = await withdrawn(NOW);
    await broadcastMessage(ctx.deps, ctx.alert.id, 'CANCELLATION');
    await broadcastMessage(ctx.deps, ctx.alert.id, 'CANCELLATION');
    expect(ctx.deps.notifier.withdrawals).toEqual([
      {
        alertId: ctx.alert.id,
        directorate: ctx.alert.directorate,
        counties: ctx.alert.counties,
        mode: 'LIVE',
      },
    ]);
    expect(ctx.deps.sms.attempts).toEqual([]);
  });

  test('tells nobody when no supervisor had been asked yet', async () => {
    const ctx = await withdrawn(undefined);
    await broadcastMessage(ctx.deps, ctx.alert.id, 'CANCELLATION');
    expect(ctx.deps.notifier.withdrawals).toEqual([]);
  });
});
