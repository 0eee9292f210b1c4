import { ApiClient } from '../../../local/api-client';
import { type Platform, startPlatform } from '../../../local/platform';
import { sampleSubmission } from '../../../local/sample-alert';
import { tempDir, waitFor } from './helpers';

/**
 * The platform with the real handlers: what survives a restart (data, tokens, outboxes) and that open
 * alerts are waiting again afterwards.
 */
jest.setTimeout(60_000);

const PHONE = '+355691110001';

describe('local platform restart', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let platform: Platform | undefined;

  beforeAll(async () => {
    dir = await tempDir('amber-platform-');
  });
  afterAll(async () => {
    await platform?.close();
    await dir.remove();
  });

  it('resumes a pending alert after a restart, with data, tokens and outboxes intact', async () => {
    platform = await startPlatform({ port: 0, dataDir: dir.path, quiet: true });
    expect(platform.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    let api = new ApiClient(platform.url);
    const officerToken = await api.token('officer.tirana');

    await api.subscribeAndConfirm(PHONE, ['AL-11'], 'sq');
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission(),
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const first = platform;
    await waitFor(() => first.workflow.currentState(id) === 'AwaitApproval', 10_000, 'the approval wait');
    await waitFor(
      () => first.notifications.list().length === 2 || undefined,
      10_000,
      'approval notifications',
    );

    await platform.close();
    expect(platform.workflow.runningAlertIds()).toEqual([]);

    platform = await startPlatform({ port: 0, dataDir: dir.path, quiet: true });
    const second = platform;
    api = new ApiClient(platform.url);
    expect(second.workflow.runningAlertIds()).toEqual([id]);
    await waitFor(
      () => second.workflow.currentState(id) === 'AwaitApproval',
      10_000,
      'the approval wait again',
    );

    // The officer's token from before the restart is still good.
    const mine = await api.request('GET', `/alerts/${id}`, { headers: { authorization: officerToken } });
    expect(mine.status).toBe(200);
    expect(mine.body.status).toBe('PENDING_APPROVAL');

    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    await api.waitForAlert(id, 'supervisor.tirana', (a) => a.status === 'ACTIVE');
    await waitFor(
      () => second.workflow.currentState(id) === 'AwaitResolution',
      10_000,
      'the resolution wait',
    );

    // The confirmation code from before the restart and the alert after it, oldest first.
    const received = await api.sms(PHONE);
    expect(received.map((m) => m.kind ?? 'CODE')).toEqual(['CODE', 'ALERT']);
    expect(received[1]?.alertId).toBe(id);
    // Supervisors were asked once, not again after the restart.
    expect(
      second.notifications
        .list()
        .filter((n) => n.kind === 'APPROVAL_REQUESTED')
        .map((n) => n.to)
        .sort(),
    ).toEqual(['supervisor.national', 'supervisor.tirana']);
    // The live broadcast paged ops once, before its first SMS.
    expect(second.notifications.list({ to: 'ops' }).map((n) => n.kind)).toEqual(['BROADCAST_STARTING']);
  });

  it('resumes an active alert after a restart: still resolvable, nothing broadcast twice', async () => {
    // Continues from the previous test: one ACTIVE alert in the data dir.
    const before = platform;
    if (!before) throw new Error('the previous test leaves a running platform');
    const [active] = await new ApiClient(before.url)
      .request<{ items: { id: string; status: string }[] }>('GET', '/alerts?status=ACTIVE', {
        as: 'officer.tirana',
      })
      .then((r) => r.body.items);
    if (!active) throw new Error('no active alert to resume');
    await before.close();

    platform = await startPlatform({ port: 0, dataDir: dir.path, quiet: true });
    const third = platform;
    const api = new ApiClient(third.url);
    await waitFor(
      () => third.workflow.currentState(active.id) === 'AwaitResolution',
      10_000,
      'the resolution wait again',
    );

    const resolved = await api.request('POST', `/alerts/${active.id}/resolution`, {
      as: 'officer.tirana',
      body: { outcome: 'FOUND' },
    });
    expect(resolved.status).toBe(200);
    await api.waitForAlert(active.id, 'officer.tirana', (a) => typeof a.cancellationSentAt === 'string');
    const received = (await api.sms(PHONE)).filter((m) => m.alertId === active.id).map((m) => m.kind);
    expect(received).toEqual(['ALERT', 'CANCELLATION']);
  });
});
