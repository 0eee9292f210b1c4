import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../../../local/api-client';
import { startPlatform } from '../../../local/platform';
import { sampleSubmission } from '../../../local/sample-alert';

/**
 * Every log line of a full lifecycle on the local platform (handlers' Powertools logs and the platform's own,
 * at debug level) is captured, and none may contain the test's personal strings: names, phone numbers in any
 * form, descriptions, places, plates or confirmation codes.
 */
jest.setTimeout(120_000);

const PERSONAL = {
  childName: 'Zamira Privatova',
  childDescription: 'Xhaketë jeshile PRIVDESC-7731',
  suspectName: 'Gentian Sekretaj',
  suspectDescription: 'Mjekër e gjatë PRIVSUSP-4410',
  place: 'Rruga PRIVPLACE-5521',
  plate: 'ZZ 987 QX',
  updatedDescription: 'Pantallona PRIVUPD-8832',
  resolutionNote: 'Gjetur PRIVNOTE-1190',
  tipMessage: 'Pashë djalin PRIVTIP-3321',
  tipPlace: 'Sheshi PRIVTIPPLACE-6612',
  tipName: 'Elira Privatkontakt',
  smsTip: 'E pashë PRIVSMS-4471',
  triageNote: 'Patrulla PRIVTRIAGE-2290',
};
/** Subscribers, the drill phone, and a tip's contact. */
const PHONES = ['+355692340301', '+355682340302', '+355672340303', '+355692340304'];

/** Every form a phone can take in text: E.164, without the plus, national with 0. */
const phoneForms = (e164: string) => [e164, e164.slice(1), `0${e164.slice(4)}`];

describe('log privacy over a full lifecycle', () => {
  const lines: string[] = [];
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  let dataDir: string;
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let api: ApiClient;
  const codes: string[] = [];

  beforeAll(async () => {
    // Capture, do not print: both streams carry JSON lines (Powertools on stdout, the platform on stderr).
    const capture = (chunk: unknown) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    dataDir = mkdtempSync(join(tmpdir(), 'amber-logs-'));
    platform = await startPlatform({
      port: 0,
      dataDir,
      quiet: false,
      env: {
        POWERTOOLS_LOG_LEVEL: 'DEBUG',
        AMBER_LOG_LEVEL: 'debug',
        AMBER_TIME_SCALE: '3600',
        AMBER_APPROVAL_TIMEOUT_MINUTES: '1440',
        AMBER_SMS_RATE_PER_SECOND: '200',
      },
    });
    api = new ApiClient(platform.url);
  });

  afterAll(async () => {
    await platform?.close();
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('subscribe, submit, approve, update, extend, resolve: no personal string in any log line', async () => {
    const [first = '', second = '', drill = ''] = PHONES;
    for (const phone of [first, second]) {
      const before = (await api.sms(phone)).length;
      await api.request('POST', '/subscriptions', { body: { phone, counties: ['AL-11'], language: 'sq' } });
      const code = (await api.sms(phone)).slice(before)[0]?.body.match(/\b(\d{6})\b/)?.[1] ?? '';
      codes.push(code);
      // A wrong attempt first: the refused code must not be logged either.
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      codes.push(wrong);
      expect(
        (await api.request('POST', '/subscriptions/confirm', { body: { phone, code: wrong } })).status,
      ).toBe(400);
      expect((await api.request('POST', '/subscriptions/confirm', { body: { phone, code } })).status).toBe(
        200,
      );
    }
    expect(
      (
        await api.request('POST', '/drill-recipients', {
          as: 'supervisor.tirana',
          body: { phone: drill, language: 'en' },
        })
      ).status,
    ).toBe(201);

    const body = sampleSubmission({
      counties: ['AL-11'],
      child: { name: PERSONAL.childName, age: 9, description: PERSONAL.childDescription },
      suspect: { name: PERSONAL.suspectName, description: PERSONAL.suspectDescription },
      vehicle: { plate: PERSONAL.plate, color: 'e zezë' },
      lastSeen: { ...(sampleSubmission().lastSeen as object), place: PERSONAL.place },
    });
    const submitted = await api.request('POST', '/alerts', { as: 'officer.tirana', body });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    // A refused duplicate (409) and a refused invalid body (400) log too.
    expect((await api.request('POST', '/alerts', { as: 'officer.tirana', body })).status).toBe(409);
    expect(
      (
        await api.request('POST', '/alerts', {
          as: 'officer.tirana',
          body: { ...body, child: { name: PERSONAL.childName } },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.request('POST', `/alerts/${id}/approval`, {
          as: 'supervisor.tirana',
          body: { decision: 'APPROVE' },
        })
      ).status,
    ).toBe(200);
    await api.waitForAlert(id, 'officer.tirana', (a) => a.status === 'ACTIVE');
    expect((await api.sms(first)).some((m) => m.alertId === id && m.body.includes('Zamira'))).toBe(true);

    const update = await api.request('POST', `/alerts/${id}/updates`, {
      as: 'officer2.tirana',
      body: { changes: { child: { description: PERSONAL.updatedDescription } } },
    });
    expect(update.status).toBe(201);
    const version = (update.body.updateRequest as { version: number }).version;
    expect(
      (
        await api.request('POST', `/alerts/${id}/updates/${version}/approval`, {
          as: 'supervisor.tirana',
          body: { decision: 'APPROVE' },
        })
      ).status,
    ).toBe(200);
    await api.waitForAlert(
      id,
      'officer.tirana',
      // An extension waits for the update holding the next version to go out.
      (a) => (a.updateRequest as { state?: string } | undefined)?.state === 'SENT' && a.status === 'ACTIVE',
    );
    expect(
      (await api.request('POST', `/alerts/${id}/extension`, { as: 'supervisor.tirana', body: { hours: 4 } }))
        .status,
    ).toBe(200);
    // Tips: a web tip with a contact (urgent, so the directorate is told), its replay and a reused key,
    // an SMS reply, the inbox, the CSV and a triage with a note.
    const tip = {
      message: PERSONAL.tipMessage,
      place: PERSONAL.tipPlace,
      seenNow: true,
      contact: { name: PERSONAL.tipName, phone: PHONES[3] },
    };
    const key = { 'Idempotency-Key': 'log-privacy-key-1' };
    const sent = await api.request('POST', `/public/alerts/${id}/tips`, { body: tip, headers: key });
    expect(sent.status).toBe(201);
    expect((await api.request('POST', `/public/alerts/${id}/tips`, { body: tip, headers: key })).status).toBe(
      201,
    );
    expect(
      (
        await api.request('POST', `/public/alerts/${id}/tips`, {
          body: { ...tip, message: `${PERSONAL.tipMessage}!` },
          headers: key,
        })
      ).status,
    ).toBe(422);
    expect(
      (await api.request('POST', '/local/inbound-sms', { body: { from: first, body: PERSONAL.smsTip } }))
        .status,
    ).toBe(202);
    expect((await api.request('GET', `/alerts/${id}/tips`, { as: 'officer.tirana' })).status).toBe(200);
    expect(
      (
        await api.request('GET', `/alerts/${id}/tips`, {
          as: 'officer.tirana',
          headers: { accept: 'text/csv' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.request('POST', `/alerts/${id}/tips/${sent.body.reference as string}/triage`, {
          as: 'officer.tirana',
          body: { state: 'ACTIONABLE', note: PERSONAL.triageNote },
        })
      ).status,
    ).toBe(200);

    await api.request('GET', `/public/alerts/${id}`);
    await api.request('GET', `/a/${id}`);
    await api.request('GET', `/public/alerts/${id}/cap`);
    await api.request('GET', '/public/feed.atom');
    expect(
      (
        await api.request('POST', `/alerts/${id}/resolution`, {
          as: 'officer.tirana',
          body: { outcome: 'FOUND', note: PERSONAL.resolutionNote },
        })
      ).status,
    ).toBe(200);
    await api.waitForAlert(id, 'officer.tirana', (a) => typeof a.cancellationSentAt === 'string');

    const log = lines.join('');
    // The capture works: handler (Powertools) and platform lines are both there.
    expect(log).toContain('"service":');
    expect(log).toContain('Subscription code sent');
    expect(log).toContain('Broadcast finished');
    expect(log).toContain('"component":"http"');
    expect(log).toContain('Tip received');
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    const secrets = [
      ...Object.values(PERSONAL),
      ...PHONES.flatMap(phoneForms),
      // Codes are 6 digits: look for them as whole numbers, not inside timestamps or ids.
    ];
    const found = secrets.filter((s) => log.includes(s));
    const codesFound = codes.filter((c) => new RegExp(`(?<![\\d.:-])${c}(?![\\d.:-])`).test(log));
    expect({ found, codesFound }).toEqual({ found: [], codesFound: [] });
  });
});
