import { loadConfig } from '../../../lambdas/config/config';
import {
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../../lambdas/domain/errors';
import { buildSchemas } from '../../../lambdas/domain/schemas';
import {
  alertIdFrom,
  clientIp,
  MAX_BODY_BYTES,
  parseJsonBody,
  parseQuery,
  principalFrom,
} from '../../../lambdas/http/request';
import { apiEvent } from '../support/api-gateway';
import { thrownBy } from '../support/errors';

const { approval, listQuery } = buildSchemas(loadConfig({}));

describe('parseJsonBody', () => {
  test('parses a valid JSON object against the schema', () => {
    expect(parseJsonBody(apiEvent({ body: { decision: 'APPROVE' } }), approval)).toEqual({
      decision: 'APPROVE',
    });
  });

  test('invalid JSON is a 400 naming the body', () => {
    const error = thrownBy(() => parseJsonBody(apiEvent({ body: '{"decision": ' }), approval));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).statusCode).toBe(400);
    expect((error as ValidationError).fields).toEqual({ body: ['is not valid JSON'] });
  });

  test.each([
    ['an array', '[{"decision":"APPROVE"}]'],
    ['a string', '"APPROVE"'],
    ['a number', '42'],
    ['null', 'null'],
    ['true', 'true'],
  ])('%s is refused: the body must be a JSON object', (_what, body) => {
    const error = thrownBy(() => parseJsonBody(apiEvent({ body }), approval));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ body: ['must be a JSON object'] });
  });

  test.each([null, '', '   \n'])('a missing or blank body (%p) is required', (body) => {
    const event = { ...apiEvent(), body };
    const error = thrownBy(() => parseJsonBody(event, approval));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ body: ['is required'] });
  });

  test.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
  ])('Content-Type %s is 415', (contentType) => {
    const event = apiEvent({ body: { decision: 'APPROVE' }, headers: { 'content-type': contentType } });
    const error = thrownBy(() => parseJsonBody(event, approval));
    expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
    expect((error as UnsupportedMediaTypeError).statusCode).toBe(415);
  });

  test.each([
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/merge-patch+json',
  ])('Content-Type %s is accepted', (contentType) => {
    const event = apiEvent({ body: { decision: 'APPROVE' }, headers: { 'content-type': contentType } });
    expect(parseJsonBody(event, approval)).toEqual({ decision: 'APPROVE' });
  });

  test('the Content-Type header name is case-insensitive', () => {
    const event = {
      ...apiEvent({ body: { decision: 'APPROVE' } }),
      headers: { 'Content-Type': 'text/plain' },
    };
    expect(() => parseJsonBody(event, approval)).toThrow(UnsupportedMediaTypeError);
  });

  test('a body without Content-Type is read as JSON', () => {
    const event = { ...apiEvent({ body: { decision: 'APPROVE' } }), headers: {} };
    expect(parseJsonBody(event, approval)).toEqual({ decision: 'APPROVE' });
  });

  test('a body over 64 KiB is 413', () => {
    const body = JSON.stringify({ decision: 'REJECT', reason: 'x'.repeat(MAX_BODY_BYTES) });
    const error = thrownBy(() => parseJsonBody(apiEvent({ body }), approval));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).statusCode).toBe(413);
    expect(MAX_BODY_BYTES).toBe(65_536);
  });

  test('the limit counts UTF-8 bytes, not characters', () => {
    const text = 'ë'.repeat(MAX_BODY_BYTES / 2 + 1);
    expect(text.length).toBeLessThan(MAX_BODY_BYTES);
    expect(() => parseJsonBody(apiEvent({ body: `{"reason":"${text}"}` }), approval)).toThrow(
      PayloadTooLargeError,
    );
  });

  test('a body of exactly 64 KiB is read (and then validated)', () => {
    const prefix = '{"decision":"REJECT","reason":"';
    const suffix = '"}';
    const body = prefix + 'x'.repeat(MAX_BODY_BYTES - prefix.length - suffix.length) + suffix;
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    // Within the size limit, so the schema speaks: the reason is over 500 characters.
    expect(() => parseJsonBody(apiEvent({ body }), approval)).toThrow(ValidationError);
  });

  test('decodes a base64-encoded body', () => {
    const body = Buffer.from(JSON.stringify({ decision: 'REJECT', reason: 'Kërkesë e pabazë' })).toString(
      'base64',
    );
    expect(parseJsonBody(apiEvent({ body, isBase64Encoded: true }), approval)).toEqual({
      decision: 'REJECT',
      reason: 'Kërkesë e pabazë',
    });
  });

  test('measures a base64 body after decoding', () => {
    const raw = JSON.stringify({ decision: 'REJECT', reason: 'x'.repeat(MAX_BODY_BYTES) });
    const body = Buffer.from(raw).toString('base64');
    expect(() => parseJsonBody(apiEvent({ body, isBase64Encoded: true }), approval)).toThrow(
      PayloadTooLargeError,
    );
  });

  test('schema refusals carry the field errors', () => {
    const error = thrownBy(() => parseJsonBody(apiEvent({ body: { decision: 'REJECT' } }), approval));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('Body is invalid');
    expect((error as ValidationError).fields).toEqual({ reason: ['is required to reject'] });
  });
});

describe('parseQuery', () => {
  test('reads the query string parameters', () => {
    expect(parseQuery(apiEvent({ query: { status: 'ACTIVE' } }), listQuery)).toEqual({ status: 'ACTIVE' });
  });

  test('no query string is an empty one', () => {
    expect(parseQuery(apiEvent(), listQuery)).toEqual({});
  });

  test('an unknown parameter is a 400 naming it', () => {
    const error = thrownBy(() => parseQuery(apiEvent({ query: { page: '2' } }), listQuery));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('Query is invalid');
    expect((error as ValidationError).fields).toEqual({ page: ['is not an allowed field'] });
  });
});

describe('alertIdFrom', () => {
  const id = '7k3m9x2q5v';

  test('returns an alert id path parameter, lower-cased', () => {
    expect(alertIdFrom(apiEvent({ pathParameters: { id } }))).toBe(id);
    expect(alertIdFrom(apiEvent({ pathParameters: { id: id.toUpperCase() } }))).toBe(id);
  });

  test.each([
    '123',
    'not-a-uuid',
    `${id}x`,
    '../../etc/passwd',
    'case#TR-1',
    '3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e',
    '7k3m9x2q5u',
    '7k3m9x2q5',
  ])('answers NotFoundError for %p', (bad) => {
    expect(() => alertIdFrom(apiEvent({ pathParameters: { id: bad } }))).toThrow(NotFoundError);
  });

  test('answers NotFoundError without an id', () => {
    expect(() => alertIdFrom(apiEvent())).toThrow(NotFoundError);
  });
});

describe('principalFrom', () => {
  const claims = (groups?: string) => ({
    sub: 'u-1',
    'cognito:username': 'supervisor.tirana',
    'custom:directorate': 'AL-11',
    ...(groups === undefined ? {} : { 'cognito:groups': groups }),
  });

  test.each([
    ['officers', ['officers']],
    ['officers,supervisors', ['officers', 'supervisors']],
    ['[officers supervisors]', ['officers', 'supervisors']],
    ['[officers, supervisors]', ['officers', 'supervisors']],
    ['', []],
  ])('reads cognito:groups %p', (groups, expected) => {
    expect(principalFrom(apiEvent({ claims: claims(groups) }))).toEqual({
      sub: 'u-1',
      username: 'supervisor.tirana',
      directorate: 'AL-11',
      groups: expected,
    });
  });

  test('no groups claim is no groups', () => {
    expect(principalFrom(apiEvent({ claims: claims() })).groups).toEqual([]);
  });

  test('groups already delivered as an array are kept', () => {
    const event = apiEvent();
    event.requestContext.authorizer = {
      claims: { ...claims(), 'cognito:groups': ['officers', 'supervisors'] },
    };
    expect(principalFrom(event).groups).toEqual(['officers', 'supervisors']);
  });

  test('no claims at all is UnauthorizedError', () => {
    expect(() => principalFrom(apiEvent())).toThrow(UnauthorizedError);
    expect(new UnauthorizedError().statusCode).toBe(401);
  });

  test.each(['sub', 'cognito:username', 'custom:directorate'])(
    'claims without %s are UnauthorizedError',
    (missing) => {
      const partial: Record<string, string> = claims('officers');
      delete partial[missing];
      expect(() => principalFrom(apiEvent({ claims: partial }))).toThrow(UnauthorizedError);
    },
  );
});

describe('clientIp', () => {
  test('reads the source IP, or says unknown', () => {
    expect(clientIp(apiEvent())).toBe('203.0.113.7');
    const event = apiEvent();
    const { identity: _identity, ...rest } = event.requestContext;
    expect(clientIp({ ...event, requestContext: rest as typeof event.requestContext })).toBe('unknown');
  });
});
