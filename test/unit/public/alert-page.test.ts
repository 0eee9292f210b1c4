import '../support/env';
import { createHandler as alertPageHandler } from '../../../lambdas/handlers/api/alert-page';
import { createHandler as publicAlertsHandler } from '../../../lambdas/handlers/api/public-alerts';
import { createHandler as publicCapHandler } from '../../../lambdas/handlers/api/public-cap';
import { infos } from '../cap/cap-xml';
import { apiEvent, invoke } from '../support/api-gateway';
import { fakeDependencies } from '../support/deps';
import { issuedAlert, resolvedAlert } from './public-fixtures';

const NOW = new Date('2024-05-01T12:00:00.000Z');

function setup(...alerts: Parameters<ReturnType<typeof fakeDependencies>['alerts']['seed']>) {
  const deps = fakeDependencies();
  deps.clock.set(NOW);
  deps.alerts.seed(...alerts);
  return { deps, page: alertPageHandler(deps) };
}

const pageEvent = (id: string, headers: Record<string, string> = {}, query?: Record<string, string>) =>
  apiEvent({
    path: `/a/${id}`,
    resource: '/a/{id}',
    pathParameters: { id },
    headers,
    ...(query ? { query } : {}),
  });

describe('GET /a/{id} with no alert to show', () => {
  const exercise = issuedAlert({ mode: 'EXERCISE' });
  const neverIssued = issuedAlert({ status: 'PENDING_APPROVAL', messages: [] });
  const expired = issuedAlert({ status: 'EXPIRED' });
  const runOut = issuedAlert({ status: 'ACTIVE', expiresAt: '2024-05-01T11:00:00.000Z' });
  const purged = resolvedAlert({ purgedAt: '2024-06-01T00:00:00.000Z' });

  test.each([
    ['unknown', '0123456789', 404],
    ['malformed', 'not-an-id!', 404],
    ['an exercise', exercise.id, 404],
    ['never issued', neverIssued.id, 404],
    ['expired', expired.id, 410],
    ['past its expiry', runOut.id, 410],
    ['purged', purged.id, 410],
  ])('%s (id %s): %d, an HTML page in the visitor language with the police number', async (_, id, status) => {
    const { page } = setup(exercise, neverIssued, expired, runOut, purged);
    const en = await invoke(page, pageEvent(String(id), { 'accept-language': 'en-US,en;q=0.9' }));
    expect(en.statusCode).toBe(status);
    expect(en.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(en.headers?.['content-language']).toBe('en');
    expect(en.body).toContain('<main>');
    expect(en.body).toContain('There is no active AMBER Alert at this address.');
    expect(en.body).toContain('href="tel:129"');
    const sq = await invoke(page, pageEvent(String(id), { 'accept-language': 'en' }, { lang: 'sq' }));
    expect(sq.statusCode).toBe(status);
    expect(sq.body).toContain('Në këtë adresë nuk ka asnjë Alarm AMBER aktiv.');
  });
});

describe('GET /a/{id} of a live alert', () => {
  test('a main landmark, the issuing force, the CAP instruction word for word, times with their zone', async () => {
    const alert = issuedAlert();
    const { deps, page } = setup(alert);
    const html = (await invoke(page, pageEvent(alert.id, {}, { lang: 'en' }))).body;
    expect(html).toMatch(/<main>[\s\S]*<h1>[\s\S]*<\/main>/);
    expect(html).toContain('Issued by Albanian State Police.');
    const cap = (await invoke(publicCapHandler(deps), capEvent(alert.id, 1))).body;
    const english = infos(cap).find((info) => info.text('language') === 'en');
    expect(english?.text('instruction')).toMatch(/Do not intervene/);
    expect(html).toContain(`<p>${english?.text('instruction')}</p>`);
    // Every time says its zone, for a reader abroad and for a machine.
    expect(html).toContain('<time datetime="2024-05-01T09:55:30.000Z">1 May 2024, 11:55 (UTC+02:00)</time>');
    expect(html).toMatch(
      /Active until<\/dt><dd><time datetime="2024-05-02T09:56:00.000Z">2 May 2024, 11:56 \(UTC\+02:00\)/,
    );
    expect(html).not.toMatch(/\d{2}:\d{2}(?! \(UTC[+-]\d{2}:\d{2}\))<\/time>/);
  });

  test('resolved: the outcome and the first name only; no suspect, vehicle, description or photo', async () => {
    const found = resolvedAlert();
    const { page } = setup(found);
    const res = await invoke(page, pageEvent(found.id, {}, { lang: 'en' }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Resolved: the child has been found.');
    expect(res.body).toContain('<h1>AMBER Alert: Arta</h1>');
    for (const hidden of ['Hoxha', 'beard', 'AA123BB', 'grey', 'red jacket', 'photos.example.org']) {
      expect(res.body).not.toContain(hidden);
    }
  });
});

const capEvent = (id: string, version: number) =>
  apiEvent({
    path: `/public/alerts/${id}/cap/${version}`,
    resource: '/public/alerts/{id}/cap/{version}',
    pathParameters: { id, version: String(version) },
  });

test('every alternate link of the Atom feed answers 200', async () => {
  const running = issuedAlert();
  const resolved = resolvedAlert();
  const { deps } = setup(running, resolved);
  const cap = publicCapHandler(deps);
  const feed = await invoke(cap, apiEvent({ path: '/public/feed.atom', resource: '/public/feed.atom' }));
  const links = [...feed.body.matchAll(/<link rel="alternate"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(links).toHaveLength(3);
  for (const link of links) {
    const path = new URL(link).pathname;
    const version = /^\/public\/alerts\/([^/]+)\/cap\/(\d+)$/.exec(path);
    const res = version
      ? await invoke(cap, capEvent(version[1] ?? '', Number(version[2])))
      : path === '/public/alerts'
        ? await invoke(publicAlertsHandler(deps), apiEvent({ path, resource: '/public/alerts' }))
        : { statusCode: 404 };
    expect({ link, status: res.statusCode }).toEqual({ link, status: 200 });
  }
});
