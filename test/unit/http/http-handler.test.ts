import '../support/env';
import {
  ConcurrentChangeError,
  ConflictError,
  CorruptItemError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../../lambdas/domain/errors';
import { httpHandler, toErrorResponse } from '../../../lambdas/http/http-handler';
import { json } from '../../../lambdas/http/responses';
import { apiEvent, bodyOf, lambdaContext } from '../support/api-gateway';

describe('toErrorResponse', () => {
  test('ValidationError → 400 with message and fields', () => {
    const response = toErrorResponse(
      new ValidationError('Body is invalid', { 'child.age': ['is required'] }),
    );
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response)).toEqual({
      message: 'Body is invalid',
      fields: { 'child.age': ['is required'] },
    });
  });

  test.each<[string, DomainError, number]>([
    ['UnauthorizedError', new UnauthorizedError(), 401],
    ['ForbiddenError', new ForbiddenError('Only supervisors can approve or reject an alert'), 403],
    ['NotFoundError', new NotFoundError('Alert not found'), 404],
    ['ConflictError', new ConflictError('Alert is ACTIVE, not PENDING_APPROVAL'), 409],
    ['ConcurrentChangeError', new ConcurrentChangeError('Alert is no longer PENDING_APPROVAL'), 409],
    ['PayloadTooLargeError', new PayloadTooLargeError('Body over 65536 bytes'), 413],
    [
      'UnsupportedMediaTypeError',
      new UnsupportedMediaTypeError('Content-Type must be application/json'),
      415,
    ],
    ['TooManyRequestsError', new TooManyRequestsError('Slow down'), 429],
    ['ServiceUnavailableError', new ServiceUnavailableError('Try again'), 503],
  ])('%s → %i with its message and no fields', (_name, error, status) => {
    const response = toErrorResponse(error);
    expect(response.statusCode).toBe(status);
    expect(bodyOf(response)).toEqual({ message: error.message });
  });

  test('details of a domain error are part of the body (the conflicting alert’s id)', () => {
    const response = toErrorResponse(
      new ConflictError('An open alert already has this caseNumber', { alertId: 'a-1' }),
    );
    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toEqual({
      message: 'An open alert already has this caseNumber',
      alertId: 'a-1',
    });
  });

  test.each([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.1:443 table amber-alerts')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'child')")],
    ['a corrupt stored item', new CorruptItemError('alert: child.name,history')],
    ['a string', 'secret stack'],
    ['undefined', undefined],
  ])('%s → 500 with a generic message and nothing of the error', (_what, error) => {
    const response = toErrorResponse(error);
    expect(response.statusCode).toBe(500);
    expect(bodyOf(response)).toEqual({ message: 'Internal server error' });
    expect(response.body).not.toMatch(/ECONNREFUSED|amber-alerts|child|secret/);
  });

  test('answers JSON with the security headers', () => {
    expect(toErrorResponse(new NotFoundError()).headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=63072000; includeSubDomains',
    });
  });
});

describe('json', () => {
  test('lets a route override a header', () => {
    const response = json(200, { items: [] }, { 'cache-control': 'public, max-age=30' });
    expect(response.headers?.['cache-control']).toBe('public, max-age=30');
    expect(response.headers?.['x-content-type-options']).toBe('nosniff');
    expect(response.body).toBe('{"items":[]}');
  });
});

describe('httpHandler', () => {
  test('returns the route’s answer', async () => {
    const handler = httpHandler(async () => json(201, { id: 'x' }));
    const response = await handler(apiEvent(), lambdaContext());
    expect(response.statusCode).toBe(201);
    expect(bodyOf(response)).toEqual({ id: 'x' });
  });

  test('maps a thrown domain error to its status', async () => {
    const handler = httpHandler(async () => {
      throw new ForbiddenError('nope');
    });
    const response = await handler(apiEvent(), lambdaContext());
    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toEqual({ message: 'nope' });
  });

  test('maps any other error to a generic 500 instead of rejecting', async () => {
    const handler = httpHandler(async () => {
      throw new Error('DynamoDB said: table amber-alerts not found');
    });
    const response = await handler(apiEvent(), lambdaContext());
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('amber-alerts');
  });

  test('passes the event to the route', async () => {
    const seen: string[] = [];
    const handler = httpHandler(async (event) => {
      seen.push(event.path);
      return json(200, {});
    });
    await handler(apiEvent({ path: '/alerts' }), lambdaContext());
    expect(seen).toEqual(['/alerts']);
  });
});
