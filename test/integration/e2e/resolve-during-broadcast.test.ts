import { join } from 'node:path';
import { hashCode } from '../../../lambdas/domain/codes';
import type { ApiClient } from '../../../local/api-client';
import { JsonlFile } from '../../../local/jsonl-file';
import { type OutboxSms, SMS_OUTBOX_FILE } from '../../../local/outbox';
import { sampleSubmission } from '../../../local/sample-alert';
import { eventually } from '../support/eventually';
import { type Platform, startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * An officer ends an alert before it is fully out, over HTTP on the local platform: while its broadcast to a
 * few hundred phones runs at 20 SMS/s, and while it still waits for approval.
 */
jest.setTimeout(120_000);

const COUNTY = 'AL-08';
const SEEDED = 300;
const HTTP_SUBSCRIBER = '+355692350001';

describe('local platform: resolution before the alert is fully out', () => {
  let running: TestPlatform | undefined;
  let platform: Platform;
  let api: ApiClient;

  beforeAll(async () => {
    running = await startTestPlatform('resolve-early', { AMBER_SMS_RATE_PER_SECOND: '20' });
    ({ platform, api } = running);
    await api.subscribeAndConfirm(HTTP_SUBSCRIBER, [COUNTY], 'sq');
    // The bulk of the audience straight into the registry: the code flow over HTTP is limited per client.
    const subscribers = platform.deps.subscribers;
    for (let i = 0; i < SEEDED; i++) {
      const phone = `+355691300${String(i).padStart(3, '0')}`;
      const hash = hashCode(phone, '123456');
      const now = new Date().toISOString();
      const pending = { codeHash: hash, expiresAt: '2999-01-01T00:00:00Z', attempts: 0, counties: [COUNTY] };
      await subscribers.putPending(phone, { ...pending, language: i % 2 ? 'en' : 'sq' }, now);
      await subscribers.activate(phone, hash, now);
    }
  });

  afterAll(async () => {
    await running?.close();
  });

  /** The outbox in the order the gateway accepted the messages. */
  const outbox = async (alertId: string) =>
    (await new JsonlFile<OutboxSms>(join(platform.dataDir, SMS_OUTBOX_FILE)).load()).entries.filter(
      (m) => m.alertId === alertId,
    );

  const submitAndApprove = async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission({ counties: [COUNTY] }),
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    return id;
  };

  test('resolved while the broadcast runs: every phone that got the ALERT gets the cancellation, none gets the ALERT after it', async () => {
    const id = await submitAndApprove();
    // A couple of seconds in, at 20/s: ~40 of the 301 phones have it.
    await eventually(
      async () => (await outbox(id)).filter((m) => m.kind === 'ALERT').length,
      (n) => n >= 40,
      30_000,
    );
    const resolved = await api.request('POST', `/alerts/${id}/resolution`, {
      as: 'officer.tirana',
      body: { outcome: 'FOUND', note: 'Found safe' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('RESOLVED');

    const done = await api.waitForAlert(
      id,
      'supervisor.tirana',
      (a) => typeof a.cancellationSentAt === 'string',
      60_000,
    );
    const messages = await outbox(id);
    const alerted = messages.filter((m) => m.kind === 'ALERT').map((m) => m.to);
    const cancelled = messages.filter((m) => m.kind === 'CANCELLATION').map((m) => m.to);
    expect(alerted.length).toBeLessThan(SEEDED + 1);
    expect(new Set(alerted).size).toBe(alerted.length);
    expect([...cancelled].sort()).toEqual([...alerted].sort());
    // In the order the gateway took them: no ALERT after the first cancellation.
    const firstCancellation = messages.findIndex((m) => m.kind === 'CANCELLATION');
    expect(firstCancellation).toBe(alerted.length);
    expect(messages.slice(firstCancellation).every((m) => m.kind === 'CANCELLATION')).toBe(true);

    expect(done.status).toBe('RESOLVED');
    const history = done.history as { action: string; from: string | null }[];
    expect(history.map((h) => h.action)).toEqual(['SUBMIT', 'APPROVE', 'RESOLVE', 'CANCELLATION_SENT']);
    expect(history[2]?.from).toBe('APPROVED');
    expect(done.broadcast).toMatchObject({
      recipients: SEEDED + 1,
      sent: alerted.length,
      pending: SEEDED + 1 - alerted.length,
    });
    expect(done.cancellation).toMatchObject({ recipients: alerted.length, sent: alerted.length });
    expect((await api.request('GET', `/public/alerts/${id}`)).status).toBe(404);
  });

  test('withdrawn while pending approval: no SMS at all, a later approval is 409', async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission({ counties: [COUNTY] }),
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const withdrawn = await api.request('POST', `/alerts/${id}/resolution`, {
      as: 'officer2.tirana',
      body: { outcome: 'FOUND', note: 'Came home before the approval' },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('RESOLVED');

    const approval = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approval.status).toBe(409);
    expect(approval.body.message).toBe('Alert is RESOLVED, no longer pending approval');

    // The woken workflow finishes the alert with an empty cancellation.
    const done = await api.waitForAlert(
      id,
      'officer.tirana',
      (a) => typeof a.cancellationSentAt === 'string',
    );
    expect(done.status).toBe('RESOLVED');
    expect((done.history as { action: string }[]).map((h) => h.action)).toEqual([
      'SUBMIT',
      'RESOLVE',
      'CANCELLATION_SENT',
    ]);
    expect(done.cancellation).toMatchObject({ recipients: 0, sent: 0 });
    expect(await outbox(id)).toEqual([]);
    expect((await api.request('GET', `/public/alerts/${id}`)).status).toBe(404);
    expect((await api.request('GET', `/public/alerts/${id}/cap`)).status).toBe(404);
  });
});
