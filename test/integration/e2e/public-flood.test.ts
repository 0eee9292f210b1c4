import type { ApiClient } from '../../../local/api-client';
import { type Platform, startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * Issue 6, item 8: every public route answers a flood with 429 (JSON body, Retry-After), never a 5xx, and
 * serves again once the client slows down. The limit is per client and only on the public routes, as the
 * stage throttling and the WAF rate rule do in AWS.
 */
jest.setTimeout(120_000);

const FLOOD = 30;

describe('local platform: a flood of a public route gets 429, then service resumes', () => {
  let running: TestPlatform | undefined;
  let platform: Platform;
  let api: ApiClient;
  let phone = 692_350_000;
  const nextPhone = () => `+355${++phone}`;

  beforeAll(async () => {
    running = await startTestPlatform('flood', {
      AMBER_PUBLIC_RATE_PER_SECOND: '4',
      AMBER_PUBLIC_BURST: '8',
      // The code limits answer 429 themselves; keep them out of the way to see the gateway's.
      AMBER_CODES_PER_PHONE_PER_HOUR: '1000',
      AMBER_CODES_PER_CLIENT_PER_HOUR: '1000',
    });
    ({ platform, api } = running);
  });

  afterAll(async () => {
    await running?.close();
  });

  const requests: Record<string, () => { method: string; path: string; body?: unknown }> = {
    'GET /public/alerts': () => ({ method: 'GET', path: '/public/alerts' }),
    'GET /public/alerts/{id}': () => ({ method: 'GET', path: '/public/alerts/UNKNOWN1' }),
    'POST /subscriptions': () => ({
      method: 'POST',
      path: '/subscriptions',
      body: { phone: nextPhone(), counties: ['AL-11'], language: 'sq' },
    }),
    'POST /subscriptions/confirm': () => ({
      method: 'POST',
      path: '/subscriptions/confirm',
      body: { phone: nextPhone(), code: '000000' },
    }),
    'POST /subscriptions/unsubscribe': () => ({
      method: 'POST',
      path: '/subscriptions/unsubscribe',
      body: { phone: nextPhone() },
    }),
    'POST /subscriptions/unsubscribe/confirm': () => ({
      method: 'POST',
      path: '/subscriptions/unsubscribe/confirm',
      body: { phone: nextPhone(), code: '000000' },
    }),
    'GET /public/alerts/{id}/cap': () => ({ method: 'GET', path: '/public/alerts/UNKNOWN1/cap' }),
    'GET /public/alerts/{id}/cap/{version}': () => ({ method: 'GET', path: '/public/alerts/UNKNOWN1/cap/1' }),
    'GET /public/feed.atom': () => ({ method: 'GET', path: '/public/feed.atom' }),
    'GET /a/{id}': () => ({ method: 'GET', path: '/a/UNKNOWN1' }),
    'POST /public/alerts/{id}/tips': () => ({
      method: 'POST',
      path: '/public/alerts/unknown001/tips',
      body: { message: 'seen near the station' },
    }),
    'GET /': () => ({ method: 'GET', path: '/' }),
    'GET /subscribe': () => ({ method: 'GET', path: '/subscribe' }),
    'POST /subscribe': () => ({ method: 'POST', path: '/subscribe' }),
    'POST /subscribe/confirm': () => ({ method: 'POST', path: '/subscribe/confirm' }),
    'GET /unsubscribe': () => ({ method: 'GET', path: '/unsubscribe' }),
    'POST /unsubscribe': () => ({ method: 'POST', path: '/unsubscribe' }),
    'POST /unsubscribe/confirm': () => ({ method: 'POST', path: '/unsubscribe/confirm' }),
  };

  const send = async ({ method, path, body }: { method: string; path: string; body?: unknown }) => {
    const response = await fetch(`${platform.url}${path}`, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      contentType: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  test('the list of flooded routes is every public route of the API', async () => {
    const { API_ROUTES } = await import('../../../lib/api-routes');
    const publicRoutes = API_ROUTES.filter((r) => !r.auth).map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(requests).sort()).toEqual(publicRoutes.sort());
  });

  test.each(Object.keys(requests))(
    '%s: 429 with a JSON body and Retry-After, no 5xx; then it serves again',
    async (route) => {
      const build = requests[route];
      if (!build) throw new Error(route);
      const responses = await Promise.all(Array.from({ length: FLOOD }, () => send(build())));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      const refused = responses.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(FLOOD - 8 - 4);
      for (const r of refused) {
        expect(r.contentType).toBe('application/json');
        expect(JSON.parse(r.text)).toEqual({ message: 'Too Many Requests' });
        expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      }
      const served = responses.filter((r) => r.status !== 429);
      expect(served.length).toBeGreaterThan(0);

      await new Promise((resolve) => setTimeout(resolve, Number(refused[0]?.retryAfter ?? 1) * 1000 + 100));
      const after = await send(build());
      expect(after.status).not.toBe(429);
      expect(after.status).toBeLessThan(500);
      // Let the bucket fill again for the next route.
      await new Promise((resolve) => setTimeout(resolve, 2000));
    },
  );

  test('police routes are not throttled by the public limit', async () => {
    await Promise.all(
      Array.from({ length: FLOOD }, () =>
        send(requests['GET /public/alerts']?.() ?? { method: 'GET', path: '/' }),
      ),
    );
    const police = await Promise.all(
      Array.from({ length: 12 }, () => api.request('GET', '/alerts', { as: 'officer.tirana' })),
    );
    expect(police.map((r) => r.status)).toEqual(Array(12).fill(200));
  });
});
