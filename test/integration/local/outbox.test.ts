import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SmsSendError } from '../../../lambdas/ports/sms-sender';
import { loadUsers } from '../../../local/identities';
import { NOTIFICATIONS_FILE, NotificationOutbox, SMS_OUTBOX_FILE, SmsOutbox } from '../../../local/outbox';
import { tempDir } from './helpers';

const ALERT_ID = '3b8f2f0e-5a7c-4a53-9d1e-2f7b6a1c9e10';

describe('SMS outbox', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('writes one JSON line per message and serves them by phone, in E.164 or national format', async () => {
    const outbox = await SmsOutbox.open({
      dataDir: dir.path,
      phoneRegion: 'AL',
      now: () => new Date('2025-01-01T10:00:00Z'),
    });
    await outbox.send({
      to: '+355691110001',
      body: 'Kodi 123456',
      kind: 'CONFIRMATION_CODE',
      encoding: 'GSM-7',
      segments: 1,
    });
    await outbox.send({
      to: '+355691110001',
      body: 'AMBER ALERT …',
      kind: 'ALERT',
      alertId: ALERT_ID,
      encoding: 'UCS-2',
      segments: 2,
    });
    await outbox.send({
      to: '+355681110002',
      body: 'other',
      kind: 'UNSUBSCRIBE_CODE',
      encoding: 'GSM-7',
      segments: 1,
    });

    const forPhone = outbox.messagesTo('069 111 0001');
    expect(forPhone).toEqual([
      {
        to: '+355691110001',
        body: 'Kodi 123456',
        at: '2025-01-01T10:00:00.000Z',
        encoding: 'GSM-7',
        segments: 1,
      },
      {
        to: '+355691110001',
        body: 'AMBER ALERT …',
        at: '2025-01-01T10:00:00.000Z',
        alertId: ALERT_ID,
        kind: 'ALERT',
        encoding: 'UCS-2',
        segments: 2,
      },
    ]);
    expect(outbox.messagesTo('+355691110001')).toEqual(forPhone);
    expect(outbox.messagesTo('+355699999999')).toEqual([]);
    expect(outbox.messagesTo('not a phone')).toEqual([]);

    await outbox.close();
    const lines = (await readFile(join(dir.path, SMS_OUTBOX_FILE), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).to)).toEqual(['+355691110001', '+355691110001', '+355681110002']);
  });

  it('reloads its index from the file when opened again', async () => {
    const first = await SmsOutbox.open({ dataDir: dir.path, phoneRegion: 'AL' });
    await first.send({
      to: '+355691110001',
      body: 'one',
      kind: 'ALERT',
      alertId: ALERT_ID,
      encoding: 'GSM-7',
      segments: 1,
    });
    await first.close();
    const second = await SmsOutbox.open({ dataDir: dir.path, phoneRegion: 'AL' });
    await second.send({
      to: '+355691110001',
      body: 'two',
      kind: 'CANCELLATION',
      alertId: ALERT_ID,
      encoding: 'GSM-7',
      segments: 1,
    });
    expect(second.messagesTo('+355691110001').map((m) => m.body)).toEqual(['one', 'two']);
    await second.close();
  });

  it('keeps order under concurrent sends', async () => {
    const outbox = await SmsOutbox.open({ dataDir: dir.path, phoneRegion: 'AL' });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        outbox.send({
          to: '+355691110001',
          body: `m${i}`,
          kind: 'ALERT',
          alertId: ALERT_ID,
          encoding: 'GSM-7',
          segments: 1,
        }),
      ),
    );
    await outbox.close();
    const reopened = await SmsOutbox.open({ dataDir: dir.path, phoneRegion: 'AL' });
    expect(reopened.messagesTo('+355691110001').map((m) => m.body)).toEqual(
      Array.from({ length: 50 }, (_, i) => `m${i}`),
    );
    await reopened.close();
  });

  it('can be told to refuse a message, as the gateway would', async () => {
    const outbox = await SmsOutbox.open({
      dataDir: dir.path,
      phoneRegion: 'AL',
      failWith: (m) => (m.to.endsWith('0002') ? new SmsSendError('opted out', false) : undefined),
    });
    await expect(
      outbox.send({
        to: '+355681110002',
        body: 'x',
        kind: 'ALERT',
        alertId: ALERT_ID,
        encoding: 'GSM-7',
        segments: 1,
      }),
    ).rejects.toMatchObject({ name: 'SmsSendError', retryable: false });
    expect(outbox.messagesTo('+355681110002')).toEqual([]);
    await outbox.close();
  });
});

describe('notifications outbox', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('asks the supervisors of the directorate and the national ones, with the alert id only', async () => {
    const outbox = await NotificationOutbox.open({ dataDir: dir.path, users: loadUsers() });
    await outbox.approvalRequested({
      alertId: ALERT_ID,
      directorate: 'AL-11',
      counties: ['AL-11'],
      mode: 'LIVE',
    });
    const items = outbox.list();
    expect(items.map((n) => n.to).sort()).toEqual(['supervisor.national', 'supervisor.tirana']);
    for (const n of items) {
      expect(Object.keys(n).sort()).toEqual(['alertId', 'at', 'kind', 'to']);
      expect(n).toMatchObject({ kind: 'APPROVAL_REQUESTED', alertId: ALERT_ID });
    }
    expect(outbox.list({ to: 'supervisor.tirana' })).toHaveLength(1);
    await outbox.close();

    const reopened = await NotificationOutbox.open({ dataDir: dir.path, users: loadUsers() });
    await reopened.record({ to: 'ops', kind: 'BROADCAST_STARTING', alertId: ALERT_ID });
    expect(reopened.list().map((n) => n.kind)).toEqual([
      'APPROVAL_REQUESTED',
      'APPROVAL_REQUESTED',
      'BROADCAST_STARTING',
    ]);
    await reopened.close();
    const lines = (await readFile(join(dir.path, NOTIFICATIONS_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
  });

  it('tells the same supervisors when the alert is withdrawn before approval', async () => {
    const outbox = await NotificationOutbox.open({ dataDir: dir.path, users: loadUsers() });
    const request = { alertId: ALERT_ID, directorate: 'AL-11', counties: ['AL-11'], mode: 'LIVE' as const };
    await outbox.approvalRequested(request);
    await outbox.approvalWithdrawn(request);
    const to = (kind: string) =>
      outbox
        .list()
        .filter((n) => n.kind === kind)
        .map((n) => n.to)
        .sort();
    expect(to('APPROVAL_WITHDRAWN')).toEqual(to('APPROVAL_REQUESTED'));
    expect(to('APPROVAL_WITHDRAWN')).toEqual(['supervisor.national', 'supervisor.tirana']);
    await outbox.close();
  });

  it('skips a torn last line left by a crash', async () => {
    const outbox = await NotificationOutbox.open({ dataDir: dir.path, users: loadUsers() });
    await outbox.record({ to: 'ops', kind: 'BROADCAST_STARTING', alertId: ALERT_ID });
    await outbox.close();
    const { appendFile } = await import('node:fs/promises');
    await appendFile(join(dir.path, NOTIFICATIONS_FILE), '{"to":"op');
    const reopened = await NotificationOutbox.open({ dataDir: dir.path, users: loadUsers() });
    expect(reopened.list()).toHaveLength(1);
    await reopened.close();
  });
});
