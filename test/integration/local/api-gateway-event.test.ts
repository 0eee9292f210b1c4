import { authorizerClaims, buildProxyEvent, type IncomingRequest } from '../../../local/api-gateway-event';
import type { IdTokenClaims } from '../../../local/identities';
import { RouteTable } from '../../../local/routes';

const claims: IdTokenClaims = {
  sub: 'b15bbe0d-4859-41c9-9ad1-39a87cecb3e3',
  'cognito:username': 'officer.tirana',
  'cognito:groups': ['officers', 'supervisors'],
  'custom:directorate': 'AL-11',
  token_use: 'id',
  iss: 'https://cognito-idp.local/amber-local',
  aud: 'amber-local-client',
  iat: 1_700_000_000,
  exp: 1_700_003_600,
  auth_time: 1_700_000_000,
};

const request = (over: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: 'GET',
  path: '/alerts/abc',
  query: '',
  rawHeaders: ['Host', '127.0.0.1:3000', 'Authorization', 'Bearer x', 'Accept', 'a', 'accept', 'b'],
  body: null,
  sourceIp: '127.0.0.1',
  ...over,
});

describe('API Gateway proxy event', () => {
  it('carries path parameters, resource, stage and the verified claims as strings', () => {
    const event = buildProxyEvent(request(), {
      resource: '/alerts/{id}',
      pathParameters: { id: 'abc' },
      claims,
      requestId: 'req-1',
      now: new Date('2023-11-14T22:13:20Z'),
    });
    expect(event).toMatchObject({
      resource: '/alerts/{id}',
      path: '/alerts/abc',
      httpMethod: 'GET',
      pathParameters: { id: 'abc' },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(event.requestContext).toMatchObject({
      stage: 'local',
      requestId: 'req-1',
      resourcePath: '/alerts/{id}',
      httpMethod: 'GET',
      path: '/local/alerts/abc',
      requestTimeEpoch: 1_700_000_000_000,
      requestTime: '14/Nov/2023:22:13:20 +0000',
      identity: { sourceIp: '127.0.0.1' },
    });
    expect(event.requestContext.authorizer?.claims).toEqual({
      sub: claims.sub,
      'cognito:username': 'officer.tirana',
      'cognito:groups': 'officers,supervisors',
      'custom:directorate': 'AL-11',
      token_use: 'id',
      iss: claims.iss,
      aud: claims.aud,
      iat: 'Tue Nov 14 22:13:20 UTC 2023',
      exp: 'Tue Nov 14 23:13:20 UTC 2023',
      auth_time: 'Tue Nov 14 22:13:20 UTC 2023',
    });
  });

  it('has no authorizer on a public route', () => {
    const event = buildProxyEvent(request({ path: '/public/alerts' }), {
      resource: '/public/alerts',
      pathParameters: {},
    });
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.pathParameters).toBeNull();
  });

  it('keeps the last value of repeated query keys and headers, and all of them in the multi-value maps', () => {
    const event = buildProxyEvent(request({ query: 'status=ACTIVE&county=AL-11&county=AL%2D10&q=a+b' }), {
      resource: '/alerts',
      pathParameters: {},
    });
    expect(event.queryStringParameters).toEqual({ status: 'ACTIVE', county: 'AL-10', q: 'a b' });
    expect(event.multiValueQueryStringParameters).toEqual({
      status: ['ACTIVE'],
      county: ['AL-11', 'AL-10'],
      q: ['a b'],
    });
    expect(event.headers).toMatchObject({
      Host: '127.0.0.1:3000',
      Authorization: 'Bearer x',
      Accept: 'a',
      accept: 'b',
    });
    expect(event.multiValueHeaders.Accept).toEqual(['a']);
    expect(event.headers['X-Forwarded-For']).toBe('127.0.0.1');
  });

  it('passes the body as a string', () => {
    const event = buildProxyEvent(request({ method: 'POST', body: '{"a":1}' }), {
      resource: '/alerts',
      pathParameters: {},
    });
    expect(event.body).toBe('{"a":1}');
    expect(buildProxyEvent(request({ body: '' }), { resource: '/x', pathParameters: {} }).body).toBeNull();
  });

  it('flattens claim lists with commas, as the REST API Cognito authorizer does', () => {
    expect(authorizerClaims({ ...claims, 'cognito:groups': ['supervisors'] })['cognito:groups']).toBe(
      'supervisors',
    );
  });
});

describe('route table', () => {
  const table = new RouteTable([
    { method: 'GET' as const, path: '/alerts' },
    { method: 'POST' as const, path: '/alerts' },
    { method: 'GET' as const, path: '/alerts/{id}' },
    { method: 'POST' as const, path: '/alerts/{id}/approval' },
    { method: 'GET' as const, path: '/alerts/search' },
    { method: 'GET' as const, path: '/files/{path+}' },
  ]);

  it('matches templates, decodes parameters and prefers literal segments', () => {
    expect(table.match('GET', '/alerts/abc')).toMatchObject({ kind: 'found', pathParameters: { id: 'abc' } });
    expect(table.match('GET', '/alerts/a%20b')).toMatchObject({ pathParameters: { id: 'a b' } });
    expect(table.match('GET', '/alerts/search')).toMatchObject({
      kind: 'found',
      route: { path: '/alerts/search' },
    });
    expect(table.match('POST', '/alerts/abc/approval')).toMatchObject({
      kind: 'found',
      pathParameters: { id: 'abc' },
    });
    expect(table.match('GET', '/alerts/')).toMatchObject({ kind: 'found', route: { path: '/alerts' } });
    expect(table.match('GET', '/files/a/b/c')).toMatchObject({ pathParameters: { path: 'a/b/c' } });
  });

  it('tells an unknown path (404) from a known path with another method (405)', () => {
    expect(table.match('GET', '/nothing')).toEqual({ kind: 'notFound' });
    expect(table.match('GET', '/alerts/abc/approval/x')).toEqual({ kind: 'notFound' });
    expect(table.match('GET', '/alerts//approval')).toEqual({ kind: 'notFound' });
    expect(table.match('DELETE', '/alerts')).toEqual({ kind: 'methodNotAllowed', allowed: ['GET', 'POST'] });
    expect(table.match('GET', '/alerts/abc/approval')).toEqual({
      kind: 'methodNotAllowed',
      allowed: ['POST'],
    });
  });
});
