import type { ApiClient } from '../../../local/api-client';
import { sampleSubmission } from '../../../local/sample-alert';
import { eventually } from '../support/eventually';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * The safety rules on the running local platform, over HTTP: an exercise reaches the drill group only,
 * nobody approves their own alert, and content changed after approval is never sent.
 */
jest.setTimeout(90_000);

const PHONES = {
  drill: '+355692340101',
  subscriber: '+355692340102',
};

describe('local platform: safety', () => {
  let running: TestPlatform | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    running = await startTestPlatform('safety');
    ({ api } = running);
    await api.subscribeAndConfirm(PHONES.subscriber, ['AL-11'], 'sq');
  });

  afterAll(async () => {
    await running?.close();
  });

  const alertSms = async (phone: string, alertId: string) =>
    (await api.sms(phone)).filter((m) => m.alertId === alertId);

  /** Submits as officer.tirana and waits until the workflow has parked and asked the supervisors. */
  async function submitAndAwaitApprovalRequest(overrides: Record<string, unknown> = {}): Promise<string> {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission({ counties: ['AL-11'], ...overrides }),
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    await eventually(
      async () =>
        (
          await api.request<{ items: { alertId: string }[] }>('GET', '/local/notifications')
        ).body.items.filter((n) => n.alertId === id).length,
      (count) => count >= 1,
    );
    return id;
  }

  test('an exercise reaches the registered drill phone with the marker, and no subscriber', async () => {
    const officerRefused = await api.request('POST', '/drill-recipients', {
      as: 'officer.tirana',
      body: { phone: PHONES.drill, language: 'en' },
    });
    expect(officerRefused.status).toBe(403);
    const registered = await api.request('POST', '/drill-recipients', {
      as: 'supervisor.tirana',
      body: { phone: PHONES.drill, language: 'en' },
    });
    expect(registered.status).toBe(201);

    const id = await submitAndAwaitApprovalRequest({ mode: 'EXERCISE' });
    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    const active = await api.waitForAlert(id, 'supervisor.tirana', (a) => a.status === 'ACTIVE');
    expect(active.broadcast).toMatchObject({ recipients: 1, sent: 1 });

    const drill = await alertSms(PHONES.drill, id);
    expect(drill).toHaveLength(1);
    expect(drill[0]?.body.startsWith('EXERCISE - NOT A REAL ALERT.')).toBe(true);
    expect(await alertSms(PHONES.subscriber, id)).toEqual([]);

    // Nor does it appear anywhere public.
    const publicList = await api.request<{ items: { id: string }[] }>('GET', '/public/alerts');
    expect(publicList.body.items.map((a) => a.id)).not.toContain(id);
    expect((await api.request('GET', `/public/alerts/${id}`)).status).toBe(404);
  });

  test('a flood of code requests for one phone gets 429 with a JSON body, and no more SMS', async () => {
    const phone = '+355692340103';
    const statuses: number[] = [];
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 5; i++) {
      const res = await api.request('POST', '/subscriptions', {
        body: { phone, counties: ['AL-11'], language: 'sq' },
      });
      statuses.push(res.status);
      last = res.body;
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect(typeof last.message).toBe('string');
    expect(await api.sms(phone)).toHaveLength(3);
  });

  test('the submitter cannot approve their own alert, whatever the body', async () => {
    const id = await submitAndAwaitApprovalRequest();
    const self = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'officer.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/second person/);
    const still = await api.request('GET', `/alerts/${id}`, { as: 'officer.tirana' });
    expect(still.body.status).toBe('PENDING_APPROVAL');
    expect((still.body.history as { action: string }[]).map((h) => h.action)).toEqual(['SUBMIT']);
  });

  test('content changed after approval is not sent: the alert goes to FAILED with ContentIntegrityError', async () => {
    const id = await submitAndAwaitApprovalRequest();
    // POST /local/tamper plays someone with write access to the table who rewrites the child's name right
    // after the approval is stored and before the broadcast reads it (local/tampering.ts).
    const armed = await api.request('POST', '/local/tamper', {
      body: { alertId: id, childName: 'Someone Else' },
    });
    expect(armed).toMatchObject({ status: 202, body: { status: 'ARMED' } });

    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    const failed = await api.waitForAlert(id, 'supervisor.tirana', (a) => a.status === 'FAILED');
    expect(failed.failure).toBe('ContentIntegrityError');
    expect((failed.child as { name: string }).name).toBe('Someone Else');
    expect((failed.history as { action: string }[]).map((h) => h.action)).toEqual([
      'SUBMIT',
      'APPROVE',
      'FAIL',
    ]);
    expect(await alertSms(PHONES.subscriber, id)).toEqual([]);
    expect(await alertSms(PHONES.drill, id)).toEqual([]);
  });
});
