import '../support/env';
import {
  ConcurrentChangeError,
  GoneError,
  NotFoundError,
  TooManyRequestsError,
  UnprocessableEntityError,
} from '../../../lambdas/domain/errors';
import { purgePersonalData } from '../../../lambdas/use-cases/purge-personal-data';
import { listTips, triageTip } from '../../../lambdas/use-cases/tips/police-tips';
import { receiveSmsReply } from '../../../lambdas/use-cases/tips/receive-sms-reply';
import { submitTip } from '../../../lambdas/use-cases/tips/submit-tip';
import { anActiveAlert, mobile, officer, otherSupervisor } from '../support/builders';
import { testConfig } from '../support/config';
import { fakeDependencies } from '../support/deps';

const CLIENT = { client: '203.0.113.7' };

function setup(env: Record<string, string> = {}) {
  const deps = fakeDependencies({ config: testConfig(env) });
  deps.clock.set('2024-05-01T12:00:00.000Z');
  const alert = anActiveAlert({ expiresAt: '2024-05-02T09:56:00.000Z' });
  deps.alerts.seed(alert);
  return { deps, alert };
}

describe('submitTip', () => {
  test('stores the tip as NEW, durable, and answers with its reference and the police number', async () => {
    const { deps, alert } = setup();
    const receipt = await submitTip(
      deps,
      alert.id,
      { message: 'Seen at the station', language: 'en' },
      CLIENT,
    );
    expect(receipt.reference).toMatch(/^T-[0-9A-Z]{6}$/);
    expect(receipt.message).toContain(receipt.reference);
    expect(receipt.message).toContain('call 129');
    expect(await deps.tips.get(receipt.reference)).toMatchObject({
      alertId: alert.id,
      directorate: 'AL-11',
      channel: 'WEB',
      state: 'NEW',
      seenNow: false,
      mode: 'LIVE',
    });
  });

  test('an unknown alert, an exercise and one never made public answer 404', async () => {
    const { deps } = setup();
    const exercise = anActiveAlert({ mode: 'EXERCISE' });
    const pending = anActiveAlert({ status: 'PENDING_APPROVAL' });
    deps.alerts.seed(exercise, pending);
    for (const id of ['zzzzzzzzzz', exercise.id, pending.id]) {
      await expect(submitTip(deps, id, { message: 'x' }, CLIENT)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(deps.tips.items.size).toBe(0);
  });

  test.each([
    ['resolved', { status: 'RESOLVED' as const }],
    ['expired', { status: 'EXPIRED' as const }],
    ['past its expiry, not yet marked', { expiresAt: '2024-05-01T11:59:00.000Z' }],
  ])('a %s alert answers 410 with the police number in the tip’s language', async (_what, overrides) => {
    const { deps } = setup();
    const ended = anActiveAlert(overrides);
    deps.alerts.seed(ended);
    const refusal = submitTip(deps, ended.id, { message: 'x', language: 'sq' }, CLIENT);
    await expect(refusal).rejects.toBeInstanceOf(GoneError);
    await expect(refusal).rejects.toThrow(/policinë në 129/);
    expect(deps.tips.items.size).toBe(0);
  });

  test('the same Idempotency-Key and body give the same reference and one tip; another body is 422', async () => {
    const { deps, alert } = setup();
    const request = { ...CLIENT, idempotencyKey: 'key-123456' };
    const first = await submitTip(deps, alert.id, { message: 'A' }, request);
    const again = await submitTip(deps, alert.id, { message: 'A' }, request);
    expect(again.reference).toBe(first.reference);
    expect(deps.tips.items.size).toBe(1);
    await expect(submitTip(deps, alert.id, { message: 'B' }, request)).rejects.toBeInstanceOf(
      UnprocessableEntityError,
    );
    expect(deps.tips.items.size).toBe(1);
  });

  test('a reference taken by another tip moves the submission to the next candidate', async () => {
    const { deps, alert } = setup();
    const request = { ...CLIENT, idempotencyKey: 'key-collide' };
    const first = await submitTip(deps, alert.id, { message: 'A' }, request);
    // Another tip (no key) happened to take the first candidate of another key's list: simulate by moving it.
    const stored = deps.tips.items.get(first.reference);
    if (!stored) throw new Error('no tip');
    delete stored.idempotency;
    const second = await submitTip(deps, alert.id, { message: 'A' }, request);
    expect(second.reference).not.toBe(first.reference);
    expect(deps.tips.items.size).toBe(2);
  });

  test('per-client and per-alert limits answer 429 and store nothing', async () => {
    // Both counters count every request: the third, refused for its client, still takes an alert place.
    const { deps, alert } = setup({
      AMBER_TIPS_PER_CLIENT_PER_HOUR: '2',
      AMBER_TIPS_PER_ALERT_PER_MINUTE: '4',
    });
    await submitTip(deps, alert.id, { message: '1' }, CLIENT);
    await submitTip(deps, alert.id, { message: '2' }, CLIENT);
    await expect(submitTip(deps, alert.id, { message: '3' }, CLIENT)).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    await submitTip(deps, alert.id, { message: '4' }, { client: '198.51.100.1' });
    await expect(
      submitTip(deps, alert.id, { message: '5' }, { client: '198.51.100.2' }),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(deps.tips.items.size).toBe(3);
  });

  test('seenNow: one notice per alert per 60 s window, carrying the urgent tips since the last one', async () => {
    const { deps, alert } = setup();
    for (let i = 0; i < 4; i++) await submitTip(deps, alert.id, { message: `${i}`, seenNow: true }, CLIENT);
    await submitTip(deps, alert.id, { message: 'not urgent' }, CLIENT);
    expect(deps.tipNotifier.sent).toEqual([
      { alertId: alert.id, directorate: 'AL-11', mode: 'LIVE', count: 1 },
    ]);
    deps.clock.advance(59_000);
    await submitTip(deps, alert.id, { message: 'still in the window', seenNow: true }, CLIENT);
    expect(deps.tipNotifier.sent).toHaveLength(1);
    deps.clock.advance(1_000);
    await submitTip(deps, alert.id, { message: 'next window', seenNow: true }, CLIENT);
    expect(deps.tipNotifier.sent.map((n) => n.count)).toEqual([1, 5]);
  });

  test('a replayed urgent tip does not notify again', async () => {
    const { deps, alert } = setup();
    const request = { ...CLIENT, idempotencyKey: 'urgent-key-1' };
    await submitTip(deps, alert.id, { message: 'now', seenNow: true }, request);
    deps.clock.advance(120_000);
    await submitTip(deps, alert.id, { message: 'now', seenNow: true }, request);
    expect(deps.tipNotifier.sent).toHaveLength(1);
  });

  test('a failed notice does not fail the tip, which is stored', async () => {
    const { deps, alert } = setup();
    deps.tipNotifier.urgentTips = async () => {
      throw new Error('SNS down');
    };
    const receipt = await submitTip(deps, alert.id, { message: 'now', seenNow: true }, CLIENT);
    expect(await deps.tips.get(receipt.reference)).toBeDefined();
  });
});

describe('receiveSmsReply', () => {
  const phone = mobile(7);
  const reply = (body: string, messageId = `m-${Math.random()}`) => ({ phone, body, messageId });

  test('becomes a tip for the latest alert the phone received, with one acknowledgement per alert', async () => {
    const { deps, alert } = setup();
    deps.latestDelivery.received.set(phone, { alertId: alert.id, language: 'en' });
    expect(await receiveSmsReply(deps, reply('Seen him at the port'))).toBe('TIP');
    deps.clock.advance(1000);
    expect(await receiveSmsReply(deps, reply('Now heading north'))).toBe('TIP');
    const tips = await deps.tips.all(alert.id);
    expect(tips).toHaveLength(2);
    expect(tips[0]).toMatchObject({ channel: 'SMS', contact: { phone }, language: 'en', mode: 'LIVE' });
    expect(deps.sms.sent).toHaveLength(1);
    expect(deps.sms.sent[0]).toMatchObject({ to: phone, kind: 'TIP_ACKNOWLEDGEMENT', alertId: alert.id });
    expect(deps.sms.sent[0]?.body).toContain(tips[1]?.reference);
  });

  test('a redelivered notification (same message id) stores nothing twice', async () => {
    const { deps, alert } = setup();
    deps.latestDelivery.received.set(phone, { alertId: alert.id, language: 'sq' });
    expect(await receiveSmsReply(deps, reply('E pashë', 'msg-1'))).toBe('TIP');
    expect(await receiveSmsReply(deps, reply('E pashë', 'msg-1'))).toBe('REPEATED');
    expect(await deps.tips.all(alert.id)).toHaveLength(1);
  });

  test('an exercise reply goes to that exercise’s inbox, marked EXERCISE; its acknowledgement carries the marker', async () => {
    const { deps } = setup();
    const exercise = anActiveAlert({ mode: 'EXERCISE' });
    deps.alerts.seed(exercise);
    deps.latestDelivery.received.set(phone, { alertId: exercise.id, language: 'en' });
    await receiveSmsReply(deps, reply('drill sighting'));
    expect((await deps.tips.all(exercise.id))[0]?.mode).toBe('EXERCISE');
    expect(deps.sms.sent[0]?.body.startsWith('EXERCISE - NOT A REAL ALERT.')).toBe(true);
  });

  test('an ended alert: no tip, one SMS with the police number', async () => {
    const { deps } = setup();
    const resolved = anActiveAlert({ status: 'RESOLVED' });
    deps.alerts.seed(resolved);
    deps.latestDelivery.received.set(phone, { alertId: resolved.id, language: 'en' });
    expect(await receiveSmsReply(deps, reply('is she ok?'))).toBe('ALERT_ENDED');
    expect(await receiveSmsReply(deps, reply('hello?'))).toBe('ALERT_ENDED');
    expect(deps.tips.items.size).toBe(0);
    expect(deps.sms.sent).toHaveLength(1);
    expect(deps.sms.sent[0]?.body).toContain('129');
  });

  test('a phone that received no alert: nothing stored, nothing sent', async () => {
    const { deps } = setup();
    expect(await receiveSmsReply(deps, reply('hi'))).toBe('NO_ALERT');
    expect(deps.tips.items.size).toBe(0);
    expect(deps.sms.sent).toHaveLength(0);
  });
});

describe('the police inbox and triage', () => {
  async function withTips() {
    const { deps, alert } = setup();
    const a = await submitTip(deps, alert.id, { message: 'first' }, CLIENT);
    deps.clock.advance(1000);
    const b = await submitTip(deps, alert.id, { message: 'second' }, CLIENT);
    return { deps, alert, a, b };
  }

  test('newest first with counts; another directorate gets 404', async () => {
    const { deps, alert, a, b } = await withTips();
    const inbox = await listTips(deps, officer(), alert.id, {});
    expect(inbox.items.map((t) => t.reference)).toEqual([b.reference, a.reference]);
    expect(inbox.counts).toMatchObject({ total: 2, NEW: 2 });
    await expect(listTips(deps, otherSupervisor(), alert.id, {})).rejects.toBeInstanceOf(NotFoundError);
  });

  test('triage records who, when, from, to and why; a stale state loses; another alert’s tip is 404', async () => {
    const { deps, alert, a } = await withTips();
    const triaged = await triageTip(deps, officer(), alert.id, a.reference, {
      state: 'REVIEWING',
      note: 'calling back',
    });
    expect(triaged.state).toBe('REVIEWING');
    expect(triaged.history.at(-1)).toEqual({
      at: deps.clock.iso(),
      actor: { sub: 'officer-tirana', username: 'officer.tirana' },
      action: 'TRIAGE',
      from: 'NEW',
      to: 'REVIEWING',
      note: 'calling back',
    });
    const other = anActiveAlert();
    deps.alerts.seed(other);
    await expect(
      triageTip(deps, officer(), other.id, a.reference, { state: 'DISMISSED' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      triageTip(deps, otherSupervisor(), alert.id, a.reference, { state: 'DISMISSED' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Two officers read it as REVIEWING; the first write wins, the second loses its condition.
    const stale = deps.tips.triage.bind(deps.tips);
    await stale(a.reference, {
      at: 'x',
      actor: { sub: 's', username: 'u' },
      action: 'TRIAGE',
      from: 'REVIEWING',
      to: 'ACTIONABLE',
    });
    await expect(
      stale(a.reference, {
        at: 'y',
        actor: { sub: 's', username: 'u' },
        action: 'TRIAGE',
        from: 'REVIEWING',
        to: 'DISMISSED',
      }),
    ).rejects.toBeInstanceOf(ConcurrentChangeError);
  });
});

describe('retention: tip contacts', () => {
  test('go a configured period after the alert ends, before the alert itself; a second run changes nothing', async () => {
    const { deps } = setup({ AMBER_TIP_CONTACT_RETENTION_DAYS: '7', AMBER_RETENTION_DAYS: '30' });
    const alert = anActiveAlert();
    deps.alerts.seed(alert);
    await submitTip(deps, alert.id, { message: 'x', contact: { phone: mobile(1), name: 'Ana' } }, CLIENT);
    const ended = '2024-05-02T00:00:00.000Z';
    deps.alerts.seed({
      ...alert,
      status: 'EXPIRED',
      history: [
        ...alert.history,
        {
          at: ended,
          actor: { sub: 'system', username: 'workflow' },
          action: 'EXPIRE',
          from: 'ACTIVE',
          to: 'EXPIRED',
        },
      ],
    });
    const expired = await deps.alerts.get(alert.id);
    const retention = {
      // The adapter's query: unpurged alerts of the status created before the cutoff.
      pageUnpurged: async (status: string, before: string) => ({
        items: expired && expired.status === status && expired.createdAt < before ? [expired] : [],
      }),
      purge: async () => false,
    };
    const purgeDeps = {
      ...deps,
      alerts: retention,
      deliveryPurge: { deleteMessage: async () => 0 },
      tipContacts: deps.tips,
    };
    const sixDays = await purgePersonalData(purgeDeps, new Date('2024-05-08T00:00:00.000Z'));
    expect(sixDays.tipContactsPurged).toBe(0);
    const eightDays = await purgePersonalData(purgeDeps, new Date('2024-05-10T00:00:00.000Z'));
    expect(eightDays).toMatchObject({ tipContactsPurged: 1, purged: 0 });
    expect((await deps.tips.all(alert.id))[0]?.contact).toBeUndefined();
    expect((await purgePersonalData(purgeDeps, new Date('2024-05-10T00:00:00.000Z'))).tipContactsPurged).toBe(
      0,
    );
  });
});
