import type { ApiClient } from '../../../local/api-client';
import { sampleSubmission } from '../../../local/sample-alert';
import { eventually } from '../support/eventually';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * The whole lifecycle over HTTP alone, as a new user would drive it with curl: the real handlers, the
 * rendered state machine, dynalite and the SMS outbox, started on a free port.
 */
jest.setTimeout(90_000);

const PHONES = {
  tiranaSq: '+355692340001',
  tiranaAndShkoderEn: '+355682340002', // subscribed to two targeted counties: still one SMS per message
  threeCounties: '+355672340003', // subscribed to three targeted counties
  gjirokaster: '+355692340004', // a county the alert does not target
  unconfirmed: '+355692340005',
};

describe('local platform: alert lifecycle over HTTP', () => {
  let running: TestPlatform | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    running = await startTestPlatform('e2e');
    ({ api } = running);
    await api.subscribeAndConfirm(PHONES.tiranaSq, ['AL-11'], 'sq');
    await api.subscribeAndConfirm(PHONES.tiranaAndShkoderEn, ['AL-11', 'AL-10'], 'en');
    await api.subscribeAndConfirm(PHONES.threeCounties, ['AL-10', 'AL-11', 'AL-02'], 'sq');
    await api.subscribeAndConfirm(PHONES.gjirokaster, ['AL-05'], 'sq');
    const pending = await api.request('POST', '/subscriptions', {
      body: { phone: PHONES.unconfirmed, counties: ['AL-11'], language: 'sq' },
    });
    expect(pending.status).toBe(202);
  });

  afterAll(async () => {
    await running?.close();
  });

  const alertSms = async (phone: string, alertId: string) =>
    (await api.sms(phone)).filter((m) => m.alertId === alertId);

  test('health answers', async () => {
    expect((await api.request('GET', '/health')).status).toBe(200);
  });

  test('submit, refused self-approval, approval, one SMS per phone, resolution and cancellation', async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission({ counties: ['AL-11', 'AL-10', 'AL-02'] }),
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('PENDING_APPROVAL');
    const id = submitted.body.id as string;

    // The supervisors of AL-11 and the national ones are asked, with the id only.
    const notified = await eventually(
      async () => {
        const res = await api.request<{ items: { to: string; alertId: string }[] }>(
          'GET',
          '/local/notifications',
        );
        return res.body.items
          .filter((n) => n.alertId === id)
          .map((n) => n.to)
          .sort();
      },
      (to) => to.length >= 2,
    );
    expect(notified).toEqual(['supervisor.national', 'supervisor.tirana']);

    const self = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'officer.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(self.status).toBe(403);
    const otherDirectorate = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.shkoder',
      body: { decision: 'APPROVE' },
    });
    expect(otherDirectorate.status).toBe(404);
    expect((await api.request('GET', `/public/alerts/${id}`)).status).toBe(404);

    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    const again = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.national',
      body: { decision: 'APPROVE' },
    });
    expect(again.status).toBe(409);

    const active = await api.waitForAlert(id, 'officer.tirana', (a) => a.status === 'ACTIVE');
    expect(active.broadcast).toMatchObject({ recipients: 3, sent: 3, failed: 0 });

    for (const phone of [PHONES.tiranaSq, PHONES.tiranaAndShkoderEn, PHONES.threeCounties]) {
      const received = await alertSms(phone, id);
      expect(received.map((m) => m.kind)).toEqual(['ALERT']);
      expect(received[0]?.body).toContain('AMBER');
      expect(received[0]?.encoding).toBe('GSM-7');
    }
    expect(await alertSms(PHONES.gjirokaster, id)).toEqual([]);
    expect(await alertSms(PHONES.unconfirmed, id)).toEqual([]);
    expect((await alertSms(PHONES.tiranaAndShkoderEn, id))[0]?.body).toMatch(/Call 129|129/);

    const publicList = await api.request<{ items: { id: string; caseNumber?: string }[] }>(
      'GET',
      '/public/alerts',
    );
    const listed = publicList.body.items.find((a) => a.id === id);
    expect(listed).toBeDefined();
    expect(listed?.caseNumber).toBeUndefined();

    const resolved = await api.request('POST', `/alerts/${id}/resolution`, {
      as: 'officer2.tirana',
      body: { outcome: 'FOUND', note: 'Found safe' },
    });
    expect(resolved.status).toBe(200);
    const done = await api.waitForAlert(
      id,
      'supervisor.tirana',
      (a) => typeof a.cancellationSentAt === 'string',
    );
    expect(done.status).toBe('RESOLVED');
    for (const phone of [PHONES.tiranaSq, PHONES.tiranaAndShkoderEn, PHONES.threeCounties]) {
      expect((await alertSms(phone, id)).map((m) => m.kind)).toEqual(['ALERT', 'CANCELLATION']);
    }
    expect(await alertSms(PHONES.gjirokaster, id)).toEqual([]);
    const actions = (done.history as { action: string }[]).map((h) => h.action);
    expect(actions).toEqual(['SUBMIT', 'APPROVE', 'ACTIVATE', 'RESOLVE', 'CANCELLATION_SENT']);
    expect((await api.request('GET', `/public/alerts/${id}`)).status).toBe(404);
  });

  test('an approved alert expires on time under AMBER_TIME_SCALE, with no SMS', async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.shkoder',
      body: sampleSubmission({
        counties: ['AL-10'],
        durationHours: 1,
        lastSeen: { ...(sampleSubmission().lastSeen as object), county: 'AL-10' },
      }),
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    expect(
      (
        await api.request('POST', `/alerts/${id}/approval`, {
          as: 'supervisor.national',
          body: { decision: 'APPROVE' },
        })
      ).status,
    ).toBe(200);
    await api.waitForAlert(id, 'supervisor.shkoder', (a) => a.status === 'ACTIVE');
    // One hour at a time scale of 3600 is one second.
    const expired = await api.waitForAlert(id, 'supervisor.shkoder', (a) => a.status === 'EXPIRED', 10_000);
    expect(expired.resolvedAt).toBeUndefined();
    expect((await alertSms(PHONES.tiranaAndShkoderEn, id)).map((m) => m.kind)).toEqual(['ALERT']);
    expect((await alertSms(PHONES.threeCounties, id)).map((m) => m.kind)).toEqual(['ALERT']);
    expect(await alertSms(PHONES.tiranaSq, id)).toEqual([]);
  });

  test('a rejected alert sends nothing', async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission(),
    });
    const id = submitted.body.id as string;
    const noReason = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'REJECT' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toHaveProperty('reason');
    const rejected = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'REJECT', reason: 'Criteria not met after review' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('REJECTED');
    expect(await alertSms(PHONES.tiranaSq, id)).toEqual([]);
  });
});
