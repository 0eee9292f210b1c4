import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../../../local/api-client';
import { startPlatform } from '../../../local/platform';
import { sampleSubmission } from '../../../local/sample-alert';
import { validateCap } from '../../unit/cap/cap-xml';
import { eventually } from '../support/eventually';

/**
 * Updates, extension and the public documents over HTTP alone, on the whole local platform: the real
 * handlers, the rendered state machine (with its update waits), dynalite and the SMS outbox.
 */
jest.setTimeout(120_000);

const PHONES = {
  tiranaSq: '+355692350001',
  tiranaEn: '+355682350002',
  tiranaAndDurres: '+355672350003',
  gjirokaster: '+355692350004', // a county the alert does not target
  lateTirana: '+355692350005', // subscribes after the alert went out: never had it, gets no update
};
const ORIGINAL = [PHONES.tiranaSq, PHONES.tiranaEn, PHONES.tiranaAndDurres];

type Alert = Record<string, unknown> & {
  history: { action: string }[];
  expiresAt: string;
  updateRequest?: { state: string; version: number };
};

/** Text of the first CAP element `name` (the documents here are small and flat enough for this). */
const capField = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
/** CAP writes times to the second: the instant, in whole seconds, of an ISO time either way. */
const seconds = (iso: string | undefined) => Math.floor(Date.parse(iso ?? '') / 1000);

describe('local platform: updates, extension, CAP history, feed and page over HTTP', () => {
  let dataDir: string;
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let api: ApiClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'amber-e2e-updates-'));
    platform = await startPlatform({
      port: 0,
      dataDir,
      quiet: true,
      // An hour lasts a minute: every wait is long enough for the test, and still scaled.
      env: { AMBER_TIME_SCALE: '60', AMBER_SMS_RATE_PER_SECOND: '200' },
    });
    api = new ApiClient(platform.url);
    await api.subscribeAndConfirm(PHONES.tiranaSq, ['AL-11'], 'sq');
    await api.subscribeAndConfirm(PHONES.tiranaEn, ['AL-11'], 'en');
    await api.subscribeAndConfirm(PHONES.tiranaAndDurres, ['AL-11', 'AL-02'], 'sq');
    await api.subscribeAndConfirm(PHONES.gjirokaster, ['AL-05'], 'sq');
  });

  afterAll(async () => {
    await platform?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const kindsFor = async (phone: string, alertId: string) =>
    (await api.sms(phone)).filter((m) => m.alertId === alertId).map((m) => m.kind);
  const getAlert = async (id: string) =>
    (await api.request<Alert>('GET', `/alerts/${id}`, { as: 'supervisor.tirana' })).body;

  test('update with a second person, extension, CAP history, feed and page', async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission({ counties: ['AL-11', 'AL-02'] }),
    });
    const id = submitted.body.id as string;
    await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    await api.waitForAlert(id, 'officer.tirana', (a) => a.status === 'ACTIVE');
    await api.subscribeAndConfirm(PHONES.lateTirana, ['AL-11'], 'en');

    // An officer asks for an update; the officer cannot approve it, another supervisor does.
    const update = await api.request<Alert>('POST', `/alerts/${id}/updates`, {
      as: 'officer2.tirana',
      body: {
        changes: { vehicle: { plate: 'ZZ 999 ZZ' }, child: { description: 'Xhaketë blu, jo e kuqe' } },
        note: 'Witness corrected the plate',
      },
    });
    expect(update.status).toBe(201);
    expect(update.body.updateRequest).toMatchObject({ state: 'AWAITING_APPROVAL', version: 2 });
    const unknownField = await api.request('POST', `/alerts/${id}/updates`, {
      as: 'officer2.tirana',
      body: { changes: { counties: ['AL-05'] } },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.fields).toHaveProperty(['changes.counties']);

    const self = await api.request('POST', `/alerts/${id}/updates/2/approval`, {
      as: 'officer2.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/you asked for this update/);
    const approved = await api.request('POST', `/alerts/${id}/updates/2/approval`, {
      as: 'supervisor.national',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    const again = await api.request('POST', `/alerts/${id}/updates/2/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(again.status).toBe(409);

    // UPDATE 2 goes to exactly the phones that received the alert.
    await api.waitForAlert(id, 'officer.tirana', (a) => (a as Alert).updateRequest?.state === 'SENT');
    for (const phone of ORIGINAL) expect(await kindsFor(phone, id)).toEqual(['ALERT', 'UPDATE']);
    expect(await kindsFor(PHONES.lateTirana, id)).toEqual([]);
    expect(await kindsFor(PHONES.gjirokaster, id)).toEqual([]);
    const updateSms = (await api.sms(PHONES.tiranaEn)).filter((m) => m.alertId === id && m.kind === 'UPDATE');
    expect(updateSms[0]?.body).toMatch(/UPDATE 2/);
    expect(updateSms[0]?.body).toContain('ZZ 999 ZZ');
    const sqUpdate = (await api.sms(PHONES.tiranaSq)).find((m) => m.alertId === id && m.kind === 'UPDATE');
    expect(sqUpdate?.body).toMatch(/PERDITESIMI 2/);

    // Extension: a supervisor only, a new expiry, no SMS.
    const before = await getAlert(id);
    expect(
      (await api.request('POST', `/alerts/${id}/extension`, { as: 'officer.tirana', body: { hours: 6 } }))
        .status,
    ).toBe(403);
    const extended = await api.request<Alert>('POST', `/alerts/${id}/extension`, {
      as: 'supervisor.tirana',
      body: { hours: 6 },
    });
    expect(extended.status).toBe(200);
    // Six hours at a time scale of 60 are six minutes.
    expect(Date.parse(extended.body.expiresAt) - Date.parse(before.expiresAt)).toBe(6 * 60_000);
    for (const phone of ORIGINAL) expect(await kindsFor(phone, id)).toEqual(['ALERT', 'UPDATE']);

    // CAP history: 1 is the Alert, 2 the Update referring to it, 3 the extension referring to both.
    const cap1 = await api.request<string>('GET', `/public/alerts/${id}/cap/1`);
    expect(cap1.status).toBe(200);
    expect(capField(cap1.body, 'msgType')).toBe('Alert');
    expect(cap1.body).not.toContain('<references>');
    const cap2 = await api.request<string>('GET', `/public/alerts/${id}/cap/2`);
    expect(capField(cap2.body, 'msgType')).toBe('Update');
    const ref1 = `${capField(cap1.body, 'sender')},${capField(cap1.body, 'identifier')},${capField(cap1.body, 'sent')}`;
    expect(capField(cap2.body, 'references')).toBe(ref1);
    expect(cap2.body).toContain('ZZ 999 ZZ');
    expect(cap1.body).not.toContain('ZZ 999 ZZ');
    const ref2 = `${capField(cap2.body, 'sender')},${capField(cap2.body, 'identifier')},${capField(cap2.body, 'sent')}`;
    // The extension: the latest message, an Update with the new expiry, the update's content, no SMS.
    const cap3 = await api.request<string>('GET', `/public/alerts/${id}/cap`);
    expect(capField(cap3.body, 'msgType')).toBe('Update');
    expect(capField(cap3.body, 'identifier')).toBe(capField(cap2.body, 'identifier')?.replace(/\.2$/, '.3'));
    expect(capField(cap3.body, 'references')).toBe(`${ref1} ${ref2}`);
    expect(capField(cap3.body, 'expires')).not.toBe(capField(cap2.body, 'expires'));
    expect(seconds(capField(cap3.body, 'expires'))).toBe(seconds(extended.body.expiresAt));
    expect(seconds(capField(cap2.body, 'expires'))).toBe(seconds(before.expiresAt));
    expect(cap3.body).toContain('ZZ 999 ZZ');
    expect((await api.request<string>('GET', `/public/alerts/${id}/cap/3`)).body).toBe(cap3.body);
    const caps = [cap1.body, cap2.body, cap3.body];
    const validation = await validateCap(caps);
    expect(validation.errors).toEqual([]);
    const feed = await fetch(`${platform.url}/public/feed.atom`);
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feedXml = await feed.text();
    expect(feedXml).toContain(`<id>urn:cap:${capField(cap3.body, 'identifier')}</id>`);
    expect(feedXml).toContain(`<expires>${capField(cap3.body, 'expires')}</expires>`);
    expect(feedXml).not.toContain(`<id>urn:cap:${capField(cap2.body, 'identifier')}</id>`);
    const activePage = await (await fetch(`${platform.url}/a/${id}?lang=en`)).text();
    const extendedAt = (extended.body.history.at(-1) as { at?: string } | undefined)?.at;
    expect(seconds(capField(cap3.body, 'sent'))).toBe(seconds(extendedAt));
    expect(activePage).toContain(`<time datetime="${extendedAt}">`);

    // Resolution: the Cancel refers to both earlier messages, and goes to the original phones.
    const resolved = await api.request('POST', `/alerts/${id}/resolution`, {
      as: 'officer.tirana',
      body: { outcome: 'FOUND' },
    });
    expect(resolved.status).toBe(200);
    const done = await api.waitForAlert(
      id,
      'officer.tirana',
      (a) => typeof a.cancellationSentAt === 'string',
    );
    for (const phone of ORIGINAL)
      expect(await kindsFor(phone, id)).toEqual(['ALERT', 'UPDATE', 'CANCELLATION']);
    expect(await kindsFor(PHONES.lateTirana, id)).toEqual([]);
    const cancel = await api.request<string>('GET', `/public/alerts/${id}/cap`);
    expect(capField(cancel.body, 'msgType')).toBe('Cancel');
    const ref3 = `${capField(cap3.body, 'sender')},${capField(cap3.body, 'identifier')},${capField(cap3.body, 'sent')}`;
    expect(capField(cancel.body, 'references')).toBe(`${ref1} ${ref2} ${ref3}`);
    expect(capField((await api.request<string>('GET', `/public/alerts/${id}/cap/4`)).body, 'msgType')).toBe(
      'Cancel',
    );
    expect((await validateCap([cancel.body])).errors).toEqual([]);
    const feedAfter = await eventually(
      async () => (await api.request<string>('GET', '/public/feed.atom')).body,
      (xml) => xml.includes(`<id>urn:cap:${capField(cancel.body, 'identifier')}</id>`),
    );
    expect(feedAfter).toContain('<msgType>Cancel</msgType>');

    // The page the SMS link opens.
    const page = await fetch(`${platform.url}/a/${id}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('Resolved: the child has been found.');
    // Once resolved, the page no longer shows the vehicle (or the suspect).
    expect(html).not.toContain('ZZ 999 ZZ');
    expect(html).not.toMatch(/<script/i);

    expect((done.history as { action: string }[]).map((h) => h.action)).toEqual([
      'SUBMIT',
      'APPROVE',
      'ACTIVATE',
      'UPDATE_SUBMIT',
      'UPDATE_APPROVE',
      'UPDATE_SENT',
      'EXTEND',
      'RESOLVE',
      'CANCELLATION_SENT',
    ]);
  });

  test('an extension alone: the latest CAP is an Update with the new expiry referring to the Alert; the feed shows it', async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission(),
    });
    const id = submitted.body.id as string;
    await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    const active = (await api.waitForAlert(id, 'officer.tirana', (a) => a.status === 'ACTIVE')) as Alert;
    const alertCap = (await api.request<string>('GET', `/public/alerts/${id}/cap`)).body;
    expect(capField(alertCap, 'msgType')).toBe('Alert');

    const extended = await api.request<Alert>('POST', `/alerts/${id}/extension`, {
      as: 'supervisor.national',
      body: { hours: 12 },
    });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.expiresAt) - Date.parse(active.expiresAt)).toBe(12 * 60_000);

    const latest = (await api.request<string>('GET', `/public/alerts/${id}/cap`)).body;
    expect(capField(latest, 'msgType')).toBe('Update');
    expect(capField(latest, 'identifier')).toBe(capField(alertCap, 'identifier')?.replace(/\.1$/, '.2'));
    expect(capField(latest, 'references')).toBe(
      `${capField(alertCap, 'sender')},${capField(alertCap, 'identifier')},${capField(alertCap, 'sent')}`,
    );
    expect(seconds(capField(latest, 'expires'))).toBe(seconds(extended.body.expiresAt));
    expect(seconds(capField(alertCap, 'expires'))).not.toBe(seconds(extended.body.expiresAt));
    expect((await validateCap([alertCap, latest])).errors).toEqual([]);
    expect((await api.request<string>('GET', `/public/alerts/${id}/cap/2`)).body).toBe(latest);

    const feed = (await api.request<string>('GET', '/public/feed.atom')).body;
    expect(feed).toContain(`<id>urn:cap:${capField(latest, 'identifier')}</id>`);
    expect(feed).not.toContain(`<id>urn:cap:${capField(alertCap, 'identifier')}</id>`);
    // No SMS for it: each phone of the alert has the ALERT only.
    for (const phone of [PHONES.tiranaSq, PHONES.tiranaEn])
      expect(await kindsFor(phone, id)).toEqual(['ALERT']);
    expect(extended.body.history.map((h) => h.action).slice(-2)).toEqual(['ACTIVATE', 'EXTEND']);
  });

  test('an exercise is never served publicly', async () => {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission({ mode: 'EXERCISE' }),
    });
    const id = submitted.body.id as string;
    await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    await api.waitForAlert(id, 'officer.tirana', (a) => a.status === 'ACTIVE');
    for (const path of [`/public/alerts/${id}/cap`, `/public/alerts/${id}/cap/1`, `/a/${id}`]) {
      const res = await api.request('GET', path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect((await api.request<string>('GET', '/public/feed.atom')).body).not.toContain(id);
  });
});
