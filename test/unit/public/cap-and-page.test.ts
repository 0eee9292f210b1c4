import '../support/env';
import type { Alert } from '../../../lambdas/domain/alert';
import { createHandler as alertPageHandler } from '../../../lambdas/handlers/api/alert-page';
import { createHandler as capHandler } from '../../../lambdas/handlers/api/public-cap';
import { field, validateCap } from '../cap/cap-xml';
import { apiEvent, bodyOf, invoke } from '../support/api-gateway';
import { testConfig } from '../support/config';
import { fakeDependencies } from '../support/deps';
import { fakeApproval } from '../support/fakes';
import { issued, issuedAlert, resolvedAlert } from './public-fixtures';

function setup(...alerts: Alert[]) {
  const deps = fakeDependencies();
  deps.alerts.seed(...alerts);
  return { deps, cap: capHandler(deps), page: alertPageHandler(deps) };
}

const capEvent = (id: string, version?: string) =>
  apiEvent({
    path: `/public/alerts/${id}/cap${version ? `/${version}` : ''}`,
    resource: `/public/alerts/{id}/cap${version ? '/{version}' : ''}`,
    pathParameters: version ? { id, version } : { id },
  });
const pageEvent = (id: string, headers: Record<string, string> = {}, query?: Record<string, string>) =>
  apiEvent({
    path: `/a/${id}`,
    resource: '/a/{id}',
    pathParameters: { id },
    headers,
    ...(query ? { query } : {}),
  });

describe('GET /public/alerts/{id}/cap', () => {
  test('the latest message and each version, as application/cap+xml, valid CAP 1.2', async () => {
    const alert = resolvedAlert();
    const { cap } = setup(alert);
    const latest = await invoke(cap, capEvent(alert.id));
    expect(latest.statusCode).toBe(200);
    expect(latest.headers?.['content-type']).toBe('application/cap+xml; charset=utf-8');
    expect(field(latest.body, 'msgType')).toBe('Cancel');
    expect(field(latest.body, 'references')).toBe(
      `amber.example.org,amber.example.org.${alert.id}.1,2024-05-01T11:55:30+02:00`,
    );
    const first = await invoke(cap, capEvent(alert.id, '1'));
    expect(field(first.body, 'msgType')).toBe('Alert');
    expect(field(first.body, 'references')).toBeUndefined();
    expect((await validateCap([latest.body, first.body])).errors).toEqual([]);
  });

  test('404 as JSON: unknown alert or version, an exercise, an alert never issued (the page: alert-page.test.ts)', async () => {
    const exercise = issuedAlert({ mode: 'EXERCISE' });
    const pending = issuedAlert({ status: 'PENDING_APPROVAL', messages: [] });
    const live = issuedAlert();
    const { cap } = setup(exercise, pending, live);
    for (const event of [
      capEvent('0123456789'),
      capEvent(exercise.id),
      capEvent(exercise.id, '1'),
      capEvent(pending.id),
      capEvent(live.id, '2'),
      capEvent(live.id, 'one'),
    ]) {
      const res = await invoke(cap, event);
      expect({ path: event.path, status: res.statusCode }).toEqual({ path: event.path, status: 404 });
      expect(res.headers?.['content-type']).toBe('application/json; charset=utf-8');
      expect(bodyOf(res).message).toEqual(expect.any(String));
    }
  });
});

describe('GET /a/{id}', () => {
  test('an active alert: public fields, photo, call to action, last update; no script; every field escaped', async () => {
    const alert = issuedAlert({
      child: {
        name: 'Arta <script>alert(1)</script>',
        age: 9,
        description: 'Red "jacket" & <b>jeans</b>',
        photoUrl: 'https://photos.example.org/arta.jpg?a=1&b="2"',
      },
    });
    const { page } = setup(alert);
    const res = await invoke(page, pageEvent(alert.id, { 'accept-language': 'en-GB,en;q=0.8' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers?.['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Arta &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Red &quot;jacket&quot; &amp; &lt;b&gt;jeans&lt;/b&gt;');
    expect(html).toContain('src="https://photos.example.org/arta.jpg?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain('Active: this child is missing');
    expect(html).toContain('href="tel:129"');
    // The last update, in local time (UTC+2).
    expect(html).toMatch(
      /Last update<\/dt><dd><time datetime="2024-05-01T09:55:30.000Z">1 May 2024, 11:55 \(UTC\+02:00\)/,
    );
    expect(html).not.toContain(alert.caseNumber);
  });

  test('resolved: says the child has been found; expired is gone (410); Albanian by default', async () => {
    const found = resolvedAlert();
    const expired = issuedAlert({ status: 'EXPIRED' });
    const { page } = setup(found, expired);
    const en = await invoke(page, pageEvent(found.id, {}, { lang: 'en', fbclid: 'x' }));
    expect(en.body).toContain('Resolved: the child has been found.');
    expect(en.body).toMatch(/Last update<\/dt><dd><time datetime="2024-05-01T10:00:05.000Z">/);
    const sq = await invoke(page, pageEvent(found.id));
    expect(sq.headers?.['content-language']).toBe('sq');
    expect(sq.body).toContain('Zgjidhur: fëmija u gjet.');
    const gone = await invoke(page, pageEvent(expired.id, { 'accept-language': 'en' }));
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('There is no active AMBER Alert at this address.');
  });

  test('shows the fields as updated, not as first issued', async () => {
    const alert = issuedAlert();
    const updated: Alert = { ...alert, child: { ...alert.child, description: 'Blue jacket now' } };
    // As an approved update leaves it: the update's own approval signs the changed fields.
    updated.updateRequest = {
      version: 2,
      state: 'SENT',
      changes: { child: updated.child },
      submittedBy: alert.submittedBy,
      submittedAt: '2024-05-01T10:20:00.000Z',
      deadline: '2024-05-01T10:50:00.000Z',
      approvedContent: fakeApproval(updated, testConfig(), { kind: 'UPDATE', version: 2 }),
    };
    updated.messages = [...(alert.messages ?? []), issued(updated, 'UPDATE', 2, '2024-05-01T10:30:00.000Z')];
    const { page } = setup(updated);
    const html = (await invoke(page, pageEvent(alert.id, { 'accept-language': 'en' }))).body;
    expect(html).toContain('Blue jacket now');
    expect(html).toMatch(/datetime="2024-05-01T10:30:00.000Z"/);
  });
});
