import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { type BoundRoute, type LocalHttpServer, startHttpServer } from '../../../local/http-server';
import { LocalIdentityProvider, loadUsers } from '../../../local/identities';
import { NotificationOutbox, SmsOutbox } from '../../../local/outbox';
import { tempDir } from './helpers';

describe('local API Gateway', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let identity: LocalIdentityProvider;
  let sms: SmsOutbox;
  let notifications: NotificationOutbox;
  let server: LocalHttpServer;
  const seen: { event: APIGatewayProxyEvent; context: Context }[] = [];

  const reply =
    (result: APIGatewayProxyResult | (() => Promise<unknown>)) =>
    async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
      seen.push({ event, context });
      return typeof result === 'function' ? ((await result()) as APIGatewayProxyResult) : result;
    };

  const routes: BoundRoute[] = [
    {
      method: 'GET',
      path: '/alerts/{id}',
      auth: true,
      functionName: 'amber-get-alert',
      handler: reply({ statusCode: 200, body: '{"ok":true}' }),
    },
    {
      method: 'POST',
      path: '/alerts',
      auth: true,
      functionName: 'amber-submit-alert',
      handler: reply({ statusCode: 201, body: '{}' }),
    },
    {
      method: 'GET',
      path: '/public/feed',
      auth: false,
      functionName: 'amber-feed',
      handler: reply({ statusCode: 200, headers: { 'Content-Type': 'application/xml' }, body: '<alert/>' }),
    },
    {
      method: 'GET',
      path: '/public/crash',
      auth: false,
      functionName: 'amber-crash',
      handler: reply(async () => {
        throw new Error('child name would be here');
      }),
    },
    {
      method: 'GET',
      path: '/public/malformed',
      auth: false,
      functionName: 'amber-bad',
      handler: reply(async () => ({ body: 'x' })),
    },
  ];

  beforeAll(async () => {
    dir = await tempDir();
    identity = await LocalIdentityProvider.open({ dataDir: dir.path });
    sms = await SmsOutbox.open({ dataDir: dir.path, phoneRegion: 'AL' });
    notifications = await NotificationOutbox.open({ dataDir: dir.path, users: loadUsers() });
    server = await startHttpServer({ port: 0, routes, identity, sms, notifications });
  });

  afterAll(async () => {
    await server.close();
    await sms.close();
    await notifications.close();
    await dir.remove();
  });

  beforeEach(() => {
    seen.length = 0;
  });

  const call = async (
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${server.url}${path}`, { method, ...init });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), text, json: () => JSON.parse(text) };
  };

  it('answers 401 without calling the handler when the token is missing, forged or expired', async () => {
    const expired = await identity.issue('officer.tirana', { now: new Date(Date.now() - 3 * 3600_000) });
    const valid = await identity.issue('officer.tirana');
    for (const authorization of [
      undefined,
      'Bearer',
      'Bearer nonsense',
      expired,
      `${valid.slice(0, -4)}AAAA`,
    ]) {
      const res = await call('GET', '/alerts/abc', authorization ? { headers: { authorization } } : {});
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ message: 'Unauthorized' });
    }
    expect(seen).toHaveLength(0);
  });

  it('hands the handler a proxy event with claims, path and query parameters, with or without Bearer', async () => {
    const token = await identity.issue('supervisor.national');
    for (const authorization of [token, `Bearer ${token}`]) {
      const res = await call('GET', '/alerts/abc?status=ACTIVE&status=RESOLVED', {
        headers: { authorization },
      });
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/json');
      expect(res.json()).toEqual({ ok: true });
    }
    const { event, context } = seen[0] as (typeof seen)[number];
    expect(event).toMatchObject({
      httpMethod: 'GET',
      resource: '/alerts/{id}',
      path: '/alerts/abc',
      pathParameters: { id: 'abc' },
      queryStringParameters: { status: 'RESOLVED' },
      multiValueQueryStringParameters: { status: ['ACTIVE', 'RESOLVED'] },
      body: null,
      isBase64Encoded: false,
    });
    expect(event.requestContext.authorizer?.claims).toMatchObject({
      'cognito:username': 'supervisor.national',
      'cognito:groups': 'supervisors',
      'custom:directorate': 'NATIONAL',
      token_use: 'id',
    });
    expect(event.requestContext.identity.sourceIp).toMatch(/127\.0\.0\.1/);
    expect(context.functionName).toBe('amber-get-alert');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('passes the request body and keeps the headers a handler sets', async () => {
    const token = await identity.issue('officer.tirana');
    const res = await call('POST', '/alerts', {
      body: '{"x":1}',
      headers: { authorization: token, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(201);
    expect(seen[0]?.event.body).toBe('{"x":1}');
    const feed = await call('GET', '/public/feed');
    expect(feed.type).toBe('application/xml');
    expect(feed.text).toBe('<alert/>');
    expect(seen[1]?.event.requestContext.authorizer).toBeUndefined();
  });

  it('answers 404 and 405 in JSON', async () => {
    const missing = await call('GET', '/nowhere');
    expect([missing.status, missing.type, missing.json()]).toEqual([
      404,
      'application/json',
      { message: 'Not Found' },
    ]);
    const wrongMethod = await call('DELETE', '/alerts/abc');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json()).toEqual({ message: 'Method Not Allowed' });
  });

  it('refuses bodies over 64 KiB with 413 before any handler runs', async () => {
    const token = await identity.issue('officer.tirana');
    const res = await call('POST', '/alerts', {
      body: 'a'.repeat(64 * 1024 + 1),
      headers: { authorization: token },
    });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ message: 'Request body too large' });
    expect(seen).toHaveLength(0);
    const atLimit = await call('POST', '/alerts', {
      body: 'a'.repeat(64 * 1024),
      headers: { authorization: token },
    });
    expect(atLimit.status).toBe(201);
  });

  it('turns a crash into a JSON 500 and a malformed result into a JSON 502', async () => {
    const crash = await call('GET', '/public/crash');
    expect([crash.status, crash.json()]).toEqual([500, { message: 'Internal server error' }]);
    const malformed = await call('GET', '/public/malformed');
    expect([malformed.status, malformed.json()]).toEqual([502, { message: 'Internal server error' }]);
  });

  it('issues local tokens for seeded users only', async () => {
    const ok = await call('POST', '/local/token', { body: '{"username":"officer.shkoder"}' });
    expect(ok.status).toBe(200);
    const claims = await identity.verify(ok.json().token);
    expect(claims['custom:directorate']).toBe('AL-10');
    expect((await call('POST', '/local/token', { body: '{"username":"nobody"}' })).status).toBe(404);
    expect((await call('POST', '/local/token', { body: '{' })).status).toBe(400);
    expect((await call('POST', '/local/token', { body: '{}' })).status).toBe(400);
    expect((await call('GET', '/local/token')).status).toBe(405);
  });

  it.each([
    ['/local/token', '{"username":"officer.tirana"}'],
    ['/local/inbound-sms', '{"from":"+355692340001","body":"STOP"}'],
    ['/local/tamper', '{"alertId":"abcdefghjk","childName":"X"}'],
  ])('%s answers 400 in JSON to a body that is not JSON or lacks its fields', async (path, valid) => {
    for (const body of ['{', 'null', '[]', '42', '{}', valid.replace(/"[^"]+"}$/, '7}')]) {
      const res = await call('POST', path, { body });
      expect([body, res.status, typeof res.json().message]).toEqual([body, 400, 'string']);
    }
    expect((await call('POST', '/local/purge', { body: '{' })).status).toBe(400);
  });

  it('serves the outboxes and health', async () => {
    await sms.send({
      to: '+355691110001',
      body: 'Kodi 123456',
      kind: 'CONFIRMATION_CODE',
      encoding: 'GSM-7',
      segments: 1,
    });
    await notifications.record({ to: 'supervisor.tirana', kind: 'APPROVAL_REQUESTED', alertId: 'a-1' });
    expect((await call('GET', '/local/sms?to=0691110001')).json().items).toHaveLength(1);
    expect(
      (await call('GET', `/local/sms?to=${encodeURIComponent('+355691110001')}`)).json().items,
    ).toHaveLength(1);
    expect((await call('GET', '/local/sms?to=%2B355699999999')).json()).toEqual({ items: [] });
    expect((await call('GET', '/local/sms')).status).toBe(400);
    expect((await call('GET', '/local/notifications')).json().items).toEqual([
      expect.objectContaining({ to: 'supervisor.tirana', kind: 'APPROVAL_REQUESTED', alertId: 'a-1' }),
    ]);
    expect((await call('GET', '/health')).json()).toEqual({ status: 'ok' });
  });
});

describe('local API Gateway before its routes are bound', () => {
  it('answers 503 until setRoutes()', async () => {
    const dir = await tempDir();
    const identity = await LocalIdentityProvider.open({ dataDir: dir.path });
    const server = await startHttpServer({
      port: 0,
      identity,
      sms: { messagesTo: () => [] },
      notifications: { list: () => [] },
    });
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(503);
      server.setRoutes([]);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
      await dir.remove();
    }
  });
});
