import type { ApiClient } from '../../../local/api-client';
import { sampleSubmission } from '../../../local/sample-alert';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * Opt-out over HTTP on the local platform: unsubscribing with a code, a STOP reply (POST /local/inbound-sms
 * feeds the same handler SNS invokes) and subscribing again, then one alert and its cancellation.
 */
jest.setTimeout(90_000);

const PHONES = {
  threeCounties: '+355692340101', // subscribed to the three targeted counties: one SMS per message
  control: '+355682340102', // stays subscribed
  unsubscribed: '+355672340103', // unsubscribes with the code
  stopped: '+355692340104', // replies STOP
  resubscribing: '+355692340105', // replies NDALO, subscribes again, confirms only after the alert
  neverSubscribed: '+355692340106',
};
const TARGETED = ['AL-11', 'AL-10', 'AL-02'];

describe('local platform: opt-out', () => {
  let running: TestPlatform | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    running = await startTestPlatform('optout');
    ({ api } = running);
    await api.subscribeAndConfirm(PHONES.threeCounties, TARGETED, 'sq');
    await api.subscribeAndConfirm(PHONES.control, ['AL-11'], 'en');
    await api.subscribeAndConfirm(PHONES.unsubscribed, ['AL-11', 'AL-10'], 'sq');
    await api.subscribeAndConfirm(PHONES.stopped, ['AL-11', 'AL-10'], 'sq');
    await api.subscribeAndConfirm(PHONES.resubscribing, ['AL-02'], 'sq');
  });

  afterAll(async () => {
    await running?.close();
  });

  // The outbox records kinds for alert messages only: a code SMS is one without alertId.
  const codeMessages = async (phone: string) => (await api.sms(phone)).filter((m) => !m.alertId);
  const lastCode = async (phone: string) =>
    (await codeMessages(phone)).at(-1)?.body.match(/\b(\d{6})\b/)?.[1];
  const alertSms = async (phone: string, alertId: string) =>
    (await api.sms(phone)).filter((m) => m.alertId === alertId);

  test('unsubscribing: the same 202 for anyone, a code only to a subscriber, a wrong code is a 400 naming code', async () => {
    const unknown = await api.request('POST', '/subscriptions/unsubscribe', {
      body: { phone: PHONES.neverSubscribed },
    });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual({ status: 'PENDING_CONFIRMATION' });
    expect(await api.sms(PHONES.neverSubscribed)).toEqual([]);

    const before = (await codeMessages(PHONES.unsubscribed)).length;
    const asked = await api.request('POST', '/subscriptions/unsubscribe', {
      body: { phone: PHONES.unsubscribed },
    });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual(unknown.body);
    expect(await codeMessages(PHONES.unsubscribed)).toHaveLength(before + 1);
    const code = await lastCode(PHONES.unsubscribed);
    expect(code).toMatch(/^\d{6}$/);

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await api.request('POST', '/subscriptions/unsubscribe/confirm', {
      body: { phone: PHONES.unsubscribed, code: wrong },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toHaveProperty('code');

    const done = await api.request('POST', '/subscriptions/unsubscribe/confirm', {
      body: { phone: PHONES.unsubscribed, code },
    });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ status: 'UNSUBSCRIBED' });
  });

  test('STOP and NDALO replies opt out; subscribing again sends a new code and nothing is active before it', async () => {
    expect(
      (await api.request('POST', '/local/inbound-sms', { body: { from: PHONES.stopped, body: ' stop ' } }))
        .status,
    ).toBe(202);
    expect(
      (
        await api.request('POST', '/local/inbound-sms', {
          body: { from: PHONES.resubscribing, body: 'Ndalo' },
        })
      ).status,
    ).toBe(202);
    const codesBefore = await codeMessages(PHONES.resubscribing);

    const again = await api.request('POST', '/subscriptions', {
      body: { phone: PHONES.resubscribing, counties: ['AL-02'], language: 'sq' },
    });
    expect(again.status).toBe(202);
    const codesAfter = await codeMessages(PHONES.resubscribing);
    expect(codesAfter).toHaveLength(codesBefore.length + 1);
  });

  test('one alert: one SMS to a phone of three targeted counties, none to those who left; the cancellation reaches exactly the phones that got the alert', async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission({ counties: TARGETED }),
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    const active = await api.waitForAlert(id, 'officer.tirana', (a) => a.status === 'ACTIVE');
    expect(active.broadcast).toMatchObject({ recipients: 2, sent: 2, failed: 0 });

    expect((await alertSms(PHONES.threeCounties, id)).map((m) => m.kind)).toEqual(['ALERT']);
    expect((await alertSms(PHONES.control, id)).map((m) => m.kind)).toEqual(['ALERT']);
    for (const phone of [PHONES.unsubscribed, PHONES.stopped, PHONES.resubscribing]) {
      expect(await alertSms(phone, id)).toEqual([]);
    }

    // The new code confirms the new subscription (after the alert had gone out).
    const code = await lastCode(PHONES.resubscribing);
    const confirmed = await api.request('POST', '/subscriptions/confirm', {
      body: { phone: PHONES.resubscribing, code },
    });
    expect(confirmed.status).toBe(200);

    const resolved = await api.request('POST', `/alerts/${id}/resolution`, {
      as: 'officer2.tirana',
      body: { outcome: 'FOUND', note: 'Found safe' },
    });
    expect(resolved.status).toBe(200);
    await api.waitForAlert(id, 'supervisor.tirana', (a) => typeof a.cancellationSentAt === 'string');

    const receivedKind = async (kind: string) => {
      const phones: string[] = [];
      for (const phone of Object.values(PHONES)) {
        if ((await alertSms(phone, id)).some((m) => m.kind === kind)) phones.push(phone);
      }
      return phones.sort();
    };
    const alerted = await receivedKind('ALERT');
    expect(alerted).toEqual([PHONES.control, PHONES.threeCounties].sort());
    expect(await receivedKind('CANCELLATION')).toEqual(alerted);
    for (const phone of alerted) {
      expect((await alertSms(phone, id)).map((m) => m.kind)).toEqual(['ALERT', 'CANCELLATION']);
    }
  });
});
