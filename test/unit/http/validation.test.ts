import * as z from 'zod';
import { loadConfig } from '../../../lambdas/config/config';
import { ValidationError } from '../../../lambdas/domain/errors';
import { buildSchemas } from '../../../lambdas/domain/schemas';
import { fieldErrors, parseWith } from '../../../lambdas/http/validation';
import { aSubmissionBody } from '../support/builders';
import { thrownBy } from '../support/errors';

const { submission, approval } = buildSchemas(loadConfig({}));

function errorsFor(schema: z.core.$ZodType, input: unknown) {
  const result = z.safeParse(schema, input);
  if (result.success) throw new Error('expected the input to be refused');
  return fieldErrors(result.error, input);
}

describe('fieldErrors', () => {
  test('names each unknown key, at the top level and nested', () => {
    const body = aSubmissionBody({ priority: 'high' });
    (body.child as Record<string, unknown>).nickname = 'Ari';
    (body.child as Record<string, unknown>).eyes = 'brown';
    expect(errorsFor(submission, body)).toEqual({
      priority: ['is not an allowed field'],
      'child.nickname': ['is not an allowed field'],
      'child.eyes': ['is not an allowed field'],
    });
  });

  test('says "is required" for missing fields, with their full path', () => {
    const { caseNumber: _c, ...body } = aSubmissionBody();
    const { age: _a, ...child } = body.child as Record<string, unknown>;
    expect(errorsFor(submission, { ...body, child })).toEqual({
      caseNumber: ['is required'],
      'child.age': ['is required'],
    });
  });

  test('uses the schema’s message for an invalid value, under the dotted path', () => {
    const body = aSubmissionBody({ child: { ...(aSubmissionBody().child as object), age: 18 } });
    expect(errorsFor(submission, body)).toEqual({ 'child.age': ['must be 17 or younger'] });
  });

  test('array positions become path segments', () => {
    expect(errorsFor(submission, aSubmissionBody({ counties: ['AL-11', 'XX'] }))).toHaveProperty([
      'counties.1',
    ]);
  });

  test('collects several messages for one field', () => {
    const schema = z.object({ code: z.string().min(6, 'too short').regex(/^\d+$/, 'digits only') });
    expect(errorsFor(schema, { code: 'ab' })).toEqual({ code: ['too short', 'digits only'] });
  });

  test('an issue on the whole input is reported under "body"', () => {
    expect(errorsFor(z.object({}), 'text')).toEqual({ body: [expect.stringContaining('expected object')] });
  });

  test('a present field of the wrong type is not reported as missing', () => {
    const body = aSubmissionBody({ child: { ...(aSubmissionBody().child as object), age: 'ten' } });
    expect(errorsFor(submission, body)['child.age']).not.toEqual(['is required']);
  });

  test.each(['constructor', 'toString', '__proto__'])(
    'an unknown key named %p is reported like any other',
    (key) => {
      const input = JSON.parse(`{"decision":"APPROVE",${JSON.stringify(key)}:1}`) as unknown;
      expect(errorsFor(approval, input)).toEqual({ [key]: ['is not an allowed field'] });
    },
  );
});

describe('parseWith', () => {
  test('returns the parsed output', () => {
    expect(parseWith(z.object({ n: z.coerce.number() }), { n: '4' })).toEqual({ n: 4 });
  });

  test('throws a ValidationError naming what was invalid, with the fields', () => {
    const schema = z.strictObject({ n: z.number() });
    expect(() => parseWith(schema, { n: 1, m: 2 }, 'Query')).toThrow(ValidationError);
    expect(() => parseWith(schema, { n: 1, m: 2 }, 'Query')).toThrow('Query is invalid');
    const result = thrownBy(() => parseWith(schema, {}, 'Body'));
    expect(result).toBeInstanceOf(ValidationError);
    expect((result as ValidationError).fields).toEqual({ n: ['is required'] });
  });
});
