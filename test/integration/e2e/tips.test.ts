import type { ApiClient } from '../../../local/api-client';
import { sampleSubmission } from '../../../local/sample-alert';
import { eventually } from '../support/eventually';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * Tips over HTTP on the local platform: a web tip and an SMS reply reach the officer's inbox, idempotency,
 * the directorate rule, ended alerts, coalesced urgent notices, triage history, the CSV export and the
 * exercise inbox. AMBER_TIME_SCALE=30 makes the 60-second urgent window two seconds.
 */
jest.setTimeout(120_000);

const TIME_SCALE = 30;
const WINDOW_MS = (60 * 1000) / TIME_SCALE;
const PHONES = { resident: '+355692340201', drill: '+355682340202' };
const REFERENCE = /^T-[0-9A-Z]{6}$/;

interface TipItem {
  id: string;
  reference: string;
  channel: string;
  mode: string;
  message: string;
  state: string;
  contact?: { phone?: string; name?: string };
  history: { action: string; actor: { username: string }; from: string | null; to: string; note?: string }[];
}
interface Inbox {
  items: TipItem[];
  counts: Record<string, number>;
  next?: string;
}
interface Notification {
  to: string;
  kind: string;
  alertId?: string;
  count?: number;
}

describe('local platform: tips from the public', () => {
  let running: TestPlatform | undefined;
  let api: ApiClient;
  let alertId: string;
  let exerciseId: string;

  async function activeAlert(overrides: Record<string, unknown> = {}): Promise<string> {
    const submitted = await api.request('POST', '/alerts', {
      as: 'officer.tirana',
      body: sampleSubmission(overrides),
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    await eventually(
      async () => (await notifications()).filter((n) => n.alertId === id).length,
      (count) => count >= 1,
    );
    const approved = await api.request('POST', `/alerts/${id}/approval`, {
      as: 'supervisor.tirana',
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    await api.waitForAlert(id, 'supervisor.tirana', (a) => a.status === 'ACTIVE');
    return id;
  }

  const notifications = async () =>
    (await api.request<{ items: Notification[] }>('GET', '/local/notifications')).body.items;
  const urgentNotices = async (id: string) =>
    (await notifications()).filter(
      (n) => n.kind === 'URGENT_TIPS' && n.alertId === id && n.to === 'supervisor.tirana',
    );
  const inbox = (id: string, as = 'officer.tirana', query = '') =>
    api.request<Inbox>('GET', `/alerts/${id}/tips${query}`, { as });
  const tip = (id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api.request<{ reference: string; message: string }>('POST', `/public/alerts/${id}/tips`, {
      body,
      headers,
    });
  const reply = (from: string, body: string) =>
    api.request('POST', '/local/inbound-sms', { body: { from, body } });

  beforeAll(async () => {
    running = await startTestPlatform('tips', { AMBER_TIME_SCALE: String(TIME_SCALE) });
    ({ api } = running);
    await api.subscribeAndConfirm(PHONES.resident, ['AL-11'], 'sq');
    expect(
      (
        await api.request('POST', '/drill-recipients', {
          as: 'supervisor.tirana',
          body: { phone: PHONES.drill, language: 'en' },
        })
      ).status,
    ).toBe(201);
    alertId = await activeAlert();
    exerciseId = await activeAlert({ mode: 'EXERCISE' });
  });

  afterAll(async () => {
    await running?.close();
  });

  test('a web tip and an SMS reply reach the officer’s inbox with references; one acknowledgement per phone', async () => {
    const web = await tip(alertId, {
      message: 'Pashë një djalë me xhaketë të kuqe në një Golf gri',
      place: 'Rruga e Durrësit',
      location: { lat: 41.3317, lon: 19.8172 },
      contact: { name: 'Elira', phone: '069 234 0999' },
      language: 'en',
    });
    expect(web.status).toBe(201);
    expect(web.body.reference).toMatch(REFERENCE);
    expect(web.body.message).toContain(web.body.reference);
    expect(web.body.message).toContain('129');

    expect((await reply(PHONES.resident, 'E pashë te stacioni i autobusëve, 5 minuta më parë')).status).toBe(
      202,
    );
    const acknowledgements = async () =>
      (await api.sms(PHONES.resident)).filter((m) => m.kind === 'TIP_ACKNOWLEDGEMENT');
    const [ack] = await eventually(acknowledgements, (list) => list.length === 1);
    const smsReference = ack?.body.match(/T-[0-9A-Z]{6}/)?.[0];
    expect(smsReference).toMatch(REFERENCE);

    // A second reply is a second tip, but the phone is not texted again for this alert.
    expect((await reply(PHONES.resident, 'Tani po shkojnë drejt Kamzës')).status).toBe(202);
    // A code typed back is not a tip.
    expect((await reply(PHONES.resident, '123456')).status).toBe(202);

    const { status, body } = await inbox(alertId);
    expect(status).toBe(200);
    const sms = body.items.filter((t) => t.channel === 'SMS');
    expect(sms).toHaveLength(2);
    expect(sms.map((t) => t.reference)).toContain(smsReference);
    expect(sms[0]).toMatchObject({ contact: { phone: PHONES.resident }, mode: 'LIVE', state: 'NEW' });
    // Newest first.
    expect(sms[0]?.message).toBe('Tani po shkojnë drejt Kamzës');
    expect(body.items.find((t) => t.reference === web.body.reference)).toMatchObject({
      channel: 'WEB',
      contact: { name: 'Elira', phone: '+355692340999' },
      location: { lat: 41.3317, lon: 19.8172 },
    });
    expect(await acknowledgements()).toHaveLength(1);
  });

  test('the same Idempotency-Key twice stores one tip and gives the same reference; another body is 422', async () => {
    const before = (await inbox(alertId)).body.counts.total ?? 0;
    const body = { message: 'Makina gri u ndal te karburanti', seenNow: false };
    const key = { 'Idempotency-Key': 'b7f1c7e4-5a1e-4bb2-9d1e-0e5c2b7a9c11' };
    const [first, second] = await Promise.all([tip(alertId, body, key), tip(alertId, body, key)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.reference).toBe(first.body.reference);
    expect((await inbox(alertId)).body.counts.total).toBe(before + 1);

    const reused = await tip(alertId, { ...body, message: 'Something else' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.message).toMatch(/Idempotency-Key/);
    expect((await inbox(alertId)).body.counts.total).toBe(before + 1);
  });

  test('another directorate gets 404 on the inbox and on triage; the national directorate reads it', async () => {
    expect((await inbox(alertId, 'officer.shkoder')).status).toBe(404);
    const anyTip = (await inbox(alertId)).body.items[0] as TipItem;
    const triage = await api.request('POST', `/alerts/${alertId}/tips/${anyTip.id}/triage`, {
      as: 'supervisor.shkoder',
      body: { state: 'DISMISSED' },
    });
    expect(triage.status).toBe(404);
    expect((await inbox(alertId, 'supervisor.national')).status).toBe(200);
    expect((await api.request('GET', `/alerts/${alertId}/tips`)).status).toBe(401);
  });

  test('a triage change appears in the tip’s history; GET /alerts/{id} counts total and new tips', async () => {
    const target = (await inbox(alertId)).body.items.find((t) => t.channel === 'WEB') as TipItem;
    const triaged = await api.request<TipItem>('POST', `/alerts/${alertId}/tips/${target.id}/triage`, {
      as: 'officer.tirana',
      body: { state: 'ACTIONABLE', note: 'Patrol 12 sent to Rruga e Durrësit' },
    });
    expect(triaged.status).toBe(200);
    const after = (await inbox(alertId)).body.items.find((t) => t.id === target.id) as TipItem;
    expect(after.state).toBe('ACTIONABLE');
    expect(after.history.at(-1)).toMatchObject({
      action: 'TRIAGE',
      actor: { username: 'officer.tirana' },
      from: 'NEW',
      to: 'ACTIONABLE',
      note: 'Patrol 12 sent to Rruga e Durrësit',
    });
    const actionable = await inbox(alertId, 'officer.tirana', '?state=ACTIONABLE');
    expect(actionable.body.items.map((t) => t.id)).toEqual([target.id]);

    const alert = await api.request('GET', `/alerts/${alertId}`, { as: 'officer.tirana' });
    const counts = actionable.body.counts;
    expect(alert.body.tips).toEqual({ total: counts.total, new: counts.NEW });
    expect(counts.total).toBe((counts.NEW ?? 0) + 1);
  });

  test('seenNow notifies the directorate once per 60-second window, carrying the count', async () => {
    const urgent = { message: 'Po e shoh tani te sheshi Skënderbej', seenNow: true };
    // Wait for a fresh window: earlier urgent tips of this alert (none so far) would not matter anyway.
    const burst = await Promise.all(Array.from({ length: 5 }, () => tip(alertId, urgent)));
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const [first] = await eventually(
      () => urgentNotices(alertId),
      (list) => list.length >= 1,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await urgentNotices(alertId)).toHaveLength(1);

    await new Promise((r) => setTimeout(r, WINDOW_MS + 200));
    expect((await tip(alertId, urgent)).status).toBe(201);
    const notices = await eventually(
      () => urgentNotices(alertId),
      (list) => list.length >= 2,
    );
    expect(notices).toHaveLength(2);
    // Every urgent tip is counted in exactly one notice: the five of the burst and the sixth.
    expect((first?.count ?? 0) + (notices[1]?.count ?? 0)).toBe(6);
    expect(notices.every((n) => n.to === 'supervisor.tirana')).toBe(true);
  });

  test('the CSV export opens with the right columns and neutralises formulas', async () => {
    expect((await tip(alertId, { message: '=HYPERLINK("http://evil.example","click")' })).status).toBe(201);
    const response = await fetch(`${api.baseUrl}/alerts/${alertId}/tips`, {
      headers: { accept: 'text/csv', authorization: `Bearer ${await api.token('officer.tirana')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = (await response.text()).trimEnd().split('\r\n');
    expect(header).toBe(
      '"reference","receivedAt","channel","mode","state","seenNow","seenAt","place","lat","lon","message","contactName","contactPhone","lastTriagedBy","lastTriagedAt","lastTriageNote"',
    );
    expect(rows.length).toBe((await inbox(alertId)).body.counts.total);
    expect(rows.some((r) => r.includes('"\'=HYPERLINK(""http://evil.example"",""click"")"'))).toBe(true);
    expect(rows.some((r) => r.includes('"=HYPERLINK'))).toBe(false);
  });

  test('an exercise takes no web tip; a drill phone’s reply lands in the exercise’s inbox, marked EXERCISE', async () => {
    expect((await tip(exerciseId, { message: 'test' })).status).toBe(404);
    expect((await reply(PHONES.drill, 'Drill: seen near the stadium')).status).toBe(202);
    const exercise = await eventually(
      async () => (await inbox(exerciseId)).body.items,
      (items) => items.length === 1,
    );
    expect(exercise[0]).toMatchObject({ mode: 'EXERCISE', channel: 'SMS', contact: { phone: PHONES.drill } });
    const ack = (await api.sms(PHONES.drill)).filter((m) => m.kind === 'TIP_ACKNOWLEDGEMENT');
    expect(ack).toHaveLength(1);
    expect(ack[0]?.body.startsWith('EXERCISE - NOT A REAL ALERT.')).toBe(true);
    expect((await inbox(alertId)).body.items.some((t) => t.mode === 'EXERCISE')).toBe(false);
  });

  test('bad input is a 4xx naming the field; an oversized body 413; an unknown alert 404', async () => {
    const outside = await tip(alertId, { message: 'x', location: { lat: 48.85, lon: 2.35 } });
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ fields: { 'location.lat': expect.any(Array) } });
    const extra = await tip(alertId, { message: 'x', photo: 'y' });
    expect(extra.status).toBe(400);
    expect((await tip(alertId, { message: 'x'.repeat(9000) })).status).toBe(413);
    expect((await tip('0000000000', { message: 'x' })).status).toBe(404);
  });

  test('a resolved alert answers 410 with the police number', async () => {
    const resolved = await api.request('POST', `/alerts/${alertId}/resolution`, {
      as: 'officer.tirana',
      body: { outcome: 'FOUND' },
    });
    expect(resolved.status).toBe(200);
    const gone = await tip(alertId, { message: 'E pashë', language: 'en' });
    expect(gone.status).toBe(410);
    expect(gone.body.message).toContain('129');
  });

  test('the retention purge removes the tips’ contacts once the period after the end has passed', async () => {
    const withContact = async () =>
      (await inbox(alertId, 'supervisor.national')).body.items.filter((t) => t.contact !== undefined).length;
    expect(await withContact()).toBeGreaterThan(0);
    const purge = (at: Date) =>
      api.request<{ tipContactsPurged: number }>('POST', '/local/purge', { body: { at: at.toISOString() } });
    // 30 days at time scale 30 are one day: the day after tomorrow is past it.
    const report = await purge(new Date(Date.now() + 2 * 86_400_000));
    expect(report.status).toBe(200);
    expect(report.body.tipContactsPurged).toBeGreaterThan(0);
    expect(await withContact()).toBe(0);
    expect((await purge(new Date(Date.now() + 2 * 86_400_000))).body.tipContactsPurged).toBe(0);
  });
});
