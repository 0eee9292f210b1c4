import '../support/env';
import { createHandler as publicAlertsHandler } from '../../../lambdas/handlers/api/public-alerts';
import { createHandler } from '../../../lambdas/handlers/api/subscription-pages';
import { apiEvent, invoke } from '../support/api-gateway';
import { anActiveAlert, anAlert, mobile } from '../support/builders';
import { fakeDependencies } from '../support/deps';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function setup() {
  const deps = fakeDependencies();
  deps.clock.set(new Date());
  const handler = createHandler(deps);
  const post = (
    resource: string,
    form: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    return invoke(
      handler,
      apiEvent({
        method: 'POST',
        path: resource,
        resource,
        body: body.toString(),
        headers: { ...FORM, ...headers },
      }),
    );
  };
  const get = (resource: string, query?: Record<string, string>) =>
    invoke(handler, apiEvent({ method: 'GET', path: resource, resource, ...(query ? { query } : {}) }));
  return { deps, post, get };
}

const codeIn = (body: string) => /\b(\d{6})\b/.exec(body)?.[1] ?? '';

describe('the public subscription pages', () => {
  test('subscribe: form, code page carrying the phone, confirmation redirect, done page', async () => {
    const { deps, post, get } = setup();
    const form = await get('/subscribe');
    expect(form.statusCode).toBe(200);
    expect(form.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(form.body).toContain('<html lang="sq">');
    expect(form.body.match(/<main>/g)).toHaveLength(1);
    expect(form.body).toContain('Tiranë');
    // The link to the other language is named in that language.
    expect(form.body).toContain('<a href="/subscribe?lang=en" hreflang="en" lang="en">English</a>');

    const phone = mobile(7);
    const codePage = await post('/subscribe', { lang: 'sq', phone, counties: ['AL-11'], language: 'en' });
    expect(codePage.statusCode).toBe(200);
    expect(codePage.body).toContain('action="/subscribe/confirm"');
    expect(codePage.body).toContain(`name="phone" value="${phone}"`);

    const code = codeIn(deps.sms.sentTo(phone).at(-1)?.body ?? '');
    const confirmed = await post('/subscribe/confirm', { lang: 'sq', phone, code });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers?.location).toBe('/subscribe?done=1&lang=sq');
    expect(await deps.subscribers.countByCounty(['AL-11'])).toBe(1);
    expect((await get('/subscribe', { done: '1', lang: 'en' })).body).toContain('You are subscribed');
  });

  test('invalid input: the same form, 400, each problem in words next to its field, values kept', async () => {
    const { deps, post } = setup();
    const page = await post('/subscribe', { lang: 'en', phone: '12', language: 'en' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('<p class="error" id="phone-error">Enter an Albanian mobile number');
    expect(page.body).toContain('<p class="error" id="counties-error">Choose at least one county.');
    expect(page.body).toContain('value="12"');
    expect(deps.sms.sent).toHaveLength(0);
  });

  test('a wrong code keeps the person on the code page with the reason', async () => {
    const { post } = setup();
    const phone = mobile(8);
    await post('/subscribe', { lang: 'sq', phone, counties: ['AL-11'], language: 'sq' });
    const page = await post('/subscribe/confirm', { lang: 'sq', phone, code: '000000' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('id="code-error"');
    expect(page.body).toContain('action="/subscribe/confirm"');
  });

  test('an unknown form field is refused, not ignored', async () => {
    const { post } = setup();
    const page = await post('/subscribe', {
      phone: mobile(9),
      counties: 'AL-11',
      language: 'sq',
      admin: '1',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('class="summary"');
  });

  test('unsubscribe: the code goes to the active subscriber, the confirmation removes them', async () => {
    const { deps, post } = setup();
    const phone = mobile(10);
    deps.subscribers.seedActive(phone, ['AL-11']);
    const codePage = await post('/unsubscribe', { lang: 'en', phone });
    expect(codePage.statusCode).toBe(200);
    const code = codeIn(deps.sms.sentTo(phone).at(-1)?.body ?? '');
    const done = await post('/unsubscribe/confirm', { lang: 'en', phone, code });
    expect(done.statusCode).toBe(303);
    expect(done.headers?.location).toBe('/unsubscribe?done=1&lang=en');
    expect(await deps.subscribers.countByCounty(['AL-11'])).toBe(0);
  });

  test('a body that is not a form is refused with 415', async () => {
    const { deps } = setup();
    const event = apiEvent({
      method: 'POST',
      path: '/subscribe',
      resource: '/subscribe',
      body: { phone: mobile(11), counties: ['AL-11'], language: 'sq' },
    });
    expect((await invoke(createHandler(deps), event)).statusCode).toBe(415);
    expect(deps.sms.sent).toHaveLength(0);
  });

  test('a strict CSP: no script, the one stylesheet by its hash, forms only to the site', async () => {
    const { get } = setup();
    const csp = (await get('/subscribe')).headers?.['content-security-policy'] ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(csp).toMatch(/form-action 'self'/);
  });
});

describe('GET / — the public home page', () => {
  test('lists the active live alerts only, linking to their pages, with how to subscribe', async () => {
    const deps = fakeDependencies();
    const active = anActiveAlert({
      child: { name: 'Era <b>Dervishi</b>', age: 6, description: 'Fustan blu' },
    });
    const pending = anAlert({ child: { name: 'Not Yet', age: 5, description: 'x' } });
    const exercise = anActiveAlert({
      mode: 'EXERCISE',
      child: { name: 'Drill Child', age: 8, description: 'x' },
    });
    deps.alerts.seed(active, pending, exercise);
    const page = await invoke(
      publicAlertsHandler(deps),
      apiEvent({ method: 'GET', path: '/', resource: '/' }),
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/a/${active.id}?lang=sq"`);
    expect(page.body).toContain('Era &lt;b&gt;Dervishi&lt;/b&gt;');
    expect(page.body).not.toContain('Not Yet');
    expect(page.body).not.toContain('Drill Child');
    expect(page.body).toContain('href="/subscribe?lang=sq"');
  });
});
