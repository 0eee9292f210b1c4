import * as z from 'zod';
import { loadConfig } from '../../../lambdas/config/config';
import { buildPhoneSchemas } from '../../../lambdas/domain/phone-schemas';
import { buildSchemas } from '../../../lambdas/domain/schemas';
import { aSubmissionBody } from '../support/builders';

const schemas = buildSchemas(loadConfig({}));
const phoneSchemas = buildPhoneSchemas(loadConfig({}));

/** The issues of a refused input, as `path → messages`, so that tests name the field they expect. */
function issuesOf(schema: z.core.$ZodType, input: unknown): Record<string, string[]> {
  const result = z.safeParse(schema, input);
  if (result.success) throw new Error(`Expected a refusal, got ${JSON.stringify(result.data)}`);
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const keys =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      const key = path.map(String).join('.');
      out[key] = [...(out[key] ?? []), issue.message];
    }
  }
  return out;
}

const body = aSubmissionBody;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('submission schema', () => {
  test('accepts a complete submission and fills in the defaults', () => {
    const parsed = schemas.submission.parse(body());
    expect(parsed.mode).toBe('LIVE');
    expect(parsed.durationHours).toBe(24);
    expect(parsed.child).toEqual(body().child);
    expect(parsed.counties).toEqual(['AL-11', 'AL-02']);
  });

  test('accepts a minimal submission without suspect, vehicle or photo', () => {
    const { suspect: _s, vehicle: _v, ...minimal } = body();
    const parsed = schemas.submission.parse({
      ...minimal,
      child: { name: 'Arta', age: 0, description: 'Baby in a yellow blanket' },
    });
    expect(parsed.suspect).toBeUndefined();
    expect(parsed.vehicle).toBeUndefined();
    expect(parsed.child.photoUrl).toBeUndefined();
  });

  test('keeps an explicit mode and duration', () => {
    const parsed = schemas.submission.parse(body({ mode: 'EXERCISE', durationHours: 72 }));
    expect(parsed.mode).toBe('EXERCISE');
    expect(parsed.durationHours).toBe(72);
  });

  test('trims free text', () => {
    const parsed = schemas.submission.parse(body({ caseNumber: '  TR-7  ' }));
    expect(parsed.caseNumber).toBe('TR-7');
  });

  test.each([
    ['the top level', body({ directorate: 'NATIONAL' }), 'directorate'],
    ['child', body({ child: { ...(body().child as object), nickname: 'Ari' } }), 'child.nickname'],
    ['lastSeen', body({ lastSeen: { ...(body().lastSeen as object), lat: 41.3 } }), 'lastSeen.lat'],
    [
      'criteria',
      body({ criteria: { abductionBelieved: true, imminentDanger: true, famous: true } }),
      'criteria.famous',
    ],
    ['suspect', body({ suspect: { description: 'tall', age: 40 } }), 'suspect.age'],
    ['vehicle', body({ vehicle: { plate: 'AA1', wheels: 4 } }), 'vehicle.wheels'],
  ])('refuses an unknown field in %s', (_where, input, path) => {
    expect(issuesOf(schemas.submission, input)).toHaveProperty([path]);
  });

  test.each([
    [18, 'must be 17 or younger'],
    [-1, undefined],
    [3.5, 'must be a whole number'],
  ])('refuses child.age %p', (age, message) => {
    const issues = issuesOf(schemas.submission, body({ child: { ...(body().child as object), age } }));
    expect(Object.keys(issues)).toEqual(['child.age']);
    if (message) expect(issues['child.age']).toContain(message);
  });

  test('accepts ages 0 and 17', () => {
    for (const age of [0, 17]) {
      expect(
        schemas.submission.safeParse(body({ child: { ...(body().child as object), age } })).success,
      ).toBe(true);
    }
  });

  test.each(['abductionBelieved', 'imminentDanger'])(
    'a false %s is an issue on that criterion',
    (criterion) => {
      const criteria = { abductionBelieved: true, imminentDanger: true, [criterion]: false };
      expect(issuesOf(schemas.submission, body({ criteria }))).toEqual({
        [`criteria.${criterion}`]: ['is required to issue an AMBER Alert'],
      });
    },
  );

  test('both criteria false give two issues', () => {
    const issues = issuesOf(
      schemas.submission,
      body({ criteria: { abductionBelieved: false, imminentDanger: false } }),
    );
    expect(Object.keys(issues).sort()).toEqual(['criteria.abductionBelieved', 'criteria.imminentDanger']);
  });

  test('a criterion that the country does not require may be false', () => {
    const only = buildSchemas(loadConfig({ AMBER_REQUIRED_CRITERIA: 'abductionBelieved' }));
    const parsed = only.submission.parse(
      body({ criteria: { abductionBelieved: true, imminentDanger: false } }),
    );
    expect(parsed.criteria.imminentDanger).toBe(false);
  });

  test('refuses duplicate counties', () => {
    expect(issuesOf(schemas.submission, body({ counties: ['AL-11', 'AL-02', 'AL-11'] }))).toEqual({
      counties: ['must not contain duplicates'],
    });
  });

  test('refuses an unknown county and names its position', () => {
    const issues = issuesOf(schemas.submission, body({ counties: ['AL-11', 'AL-13'] }));
    expect(Object.keys(issues)).toEqual(['counties.1']);
    expect(issues['counties.1']?.[0]).toMatch(/^must be one of AL-01, .*AL-12$/);
  });

  test('refuses an empty county list', () => {
    expect(issuesOf(schemas.submission, body({ counties: [] }))).toEqual({
      counties: ['at least one county'],
    });
  });

  test('refuses an unknown lastSeen.county', () => {
    const issues = issuesOf(
      schemas.submission,
      body({ lastSeen: { ...(body().lastSeen as object), county: 'XK-01' } }),
    );
    expect(Object.keys(issues)).toEqual(['lastSeen.county']);
  });

  test('refuses lastSeen.at in the future', () => {
    const at = new Date(Date.now() + 10 * 60_000).toISOString();
    expect(issuesOf(schemas.submission, body({ lastSeen: { ...(body().lastSeen as object), at } }))).toEqual({
      'lastSeen.at': ['must not be in the future'],
    });
  });

  test('tolerates a minute of clock skew on lastSeen.at', () => {
    const at = new Date(Date.now() + 30_000).toISOString();
    expect(
      schemas.submission.safeParse(body({ lastSeen: { ...(body().lastSeen as object), at } })).success,
    ).toBe(true);
  });

  test.each(['2024-05-01T09:30:00', '2024-05-01', 'yesterday at noon'])(
    'refuses lastSeen.at %p (no offset)',
    (at) => {
      const issues = issuesOf(schemas.submission, body({ lastSeen: { ...(body().lastSeen as object), at } }));
      expect(Object.keys(issues)).toEqual(['lastSeen.at']);
    },
  );

  test.each([minutesAgo(5), '2024-05-01T09:30:00+02:00', '2024-05-01T07:30:00.123Z'])(
    'accepts lastSeen.at %p with an offset',
    (at) => {
      expect(
        schemas.submission.safeParse(body({ lastSeen: { ...(body().lastSeen as object), at } })).success,
      ).toBe(true);
    },
  );

  test.each(['http://photos.example.org/arta.jpg', 'ftp://photos.example.org/arta.jpg', 'not a url'])(
    'refuses photoUrl %p',
    (photoUrl) => {
      const issues = issuesOf(schemas.submission, body({ child: { ...(body().child as object), photoUrl } }));
      expect(issues).toEqual({ 'child.photoUrl': ['must be an https URL'] });
    },
  );

  test.each([
    ['caseNumber', body({ caseNumber: '   ' })],
    ['child.name', body({ child: { ...(body().child as object), name: '' } })],
    ['child.description', body({ child: { ...(body().child as object), description: 'x'.repeat(1001) } })],
  ])('refuses empty or over-long text in %s', (path, input) => {
    expect(Object.keys(issuesOf(schemas.submission, input))).toEqual([path]);
  });

  test.each([0, 169, 1.5])('refuses durationHours %p', (durationHours) => {
    expect(Object.keys(issuesOf(schemas.submission, body({ durationHours })))).toEqual(['durationHours']);
  });

  test('refuses an unknown mode', () => {
    expect(Object.keys(issuesOf(schemas.submission, body({ mode: 'TEST' })))).toEqual(['mode']);
  });
});

describe('approval schema', () => {
  test('approves without a reason', () => {
    expect(schemas.approval.parse({ decision: 'APPROVE' })).toEqual({ decision: 'APPROVE' });
  });

  test('rejects with a reason', () => {
    expect(schemas.approval.parse({ decision: 'REJECT', reason: 'Criteria not met' })).toEqual({
      decision: 'REJECT',
      reason: 'Criteria not met',
    });
  });

  test('refuses REJECT without a reason, on the reason field', () => {
    expect(issuesOf(schemas.approval, { decision: 'REJECT' })).toEqual({ reason: ['is required to reject'] });
  });

  test('refuses REJECT with a blank reason', () => {
    expect(Object.keys(issuesOf(schemas.approval, { decision: 'REJECT', reason: '   ' }))).toEqual([
      'reason',
    ]);
  });

  test('refuses an unknown decision and unknown fields', () => {
    expect(Object.keys(issuesOf(schemas.approval, { decision: 'MAYBE' }))).toEqual(['decision']);
    expect(Object.keys(issuesOf(schemas.approval, { decision: 'APPROVE', by: 'me' }))).toEqual(['by']);
  });
});

describe('resolution schema', () => {
  test('accepts FOUND and CANCELLED with an optional note', () => {
    expect(schemas.resolution.parse({ outcome: 'FOUND' })).toEqual({ outcome: 'FOUND' });
    expect(schemas.resolution.parse({ outcome: 'CANCELLED', note: 'Hoax' })).toEqual({
      outcome: 'CANCELLED',
      note: 'Hoax',
    });
  });

  test('refuses other outcomes', () => {
    expect(Object.keys(issuesOf(schemas.resolution, { outcome: 'LOST' }))).toEqual(['outcome']);
  });
});

describe('subscription and confirmation schemas (phone numbers)', () => {
  const subscribe = (phone: string) => ({ phone, counties: ['AL-11'], language: 'sq' });

  test.each([
    ['+355 69 123 4567', '+355691234567'],
    ['069 123 4567', '+355691234567'],
    ['0691234567', '+355691234567'],
    ['+355691234567', '+355691234567'],
  ])('accepts the mobile number %p as %p', (input, e164) => {
    expect(phoneSchemas.subscription.parse(subscribe(input)).phone).toBe(e164);
  });

  test('refuses a landline as not mobile', () => {
    expect(issuesOf(phoneSchemas.subscription, subscribe('+355 4 222 3333'))).toEqual({
      phone: ['is not a mobile number'],
    });
  });

  test.each(['+39 312 345 6789', '+49 151 23456789', '+44 7911 123456'])(
    'refuses the foreign mobile %p',
    (phone) => {
      expect(issuesOf(phoneSchemas.subscription, subscribe(phone))).toEqual({
        phone: ['is not a number of AL'],
      });
    },
  );

  test.each(['12345', 'not a phone', ''])('refuses the invalid number %p', (phone) => {
    expect(issuesOf(phoneSchemas.subscription, subscribe(phone))).toEqual({
      phone: ['is not a valid phone number'],
    });
  });

  test('refuses an unknown language and unknown counties', () => {
    expect(
      Object.keys(issuesOf(phoneSchemas.subscription, { ...subscribe('069 123 4567'), language: 'de' })),
    ).toEqual(['language']);
    expect(
      Object.keys(
        issuesOf(phoneSchemas.subscription, { ...subscribe('069 123 4567'), counties: ['AL-11', 'AL-11'] }),
      ),
    ).toEqual(['counties']);
  });

  test('confirmation normalizes the phone and wants exactly 6 digits', () => {
    expect(phoneSchemas.confirmation.parse({ phone: '069 123 4567', code: '012345' })).toEqual({
      phone: '+355691234567',
      code: '012345',
    });
    for (const code of ['12345', '1234567', '12345a']) {
      expect(issuesOf(phoneSchemas.confirmation, { phone: '069 123 4567', code })).toEqual({
        code: ['must be 6 digits'],
      });
    }
  });
});

describe('list query schema', () => {
  test('accepts a known status or none', () => {
    expect(schemas.listQuery.parse({})).toEqual({});
    expect(schemas.listQuery.parse({ status: 'ACTIVE' })).toEqual({ status: 'ACTIVE' });
  });

  test('refuses an unknown status and unknown parameters', () => {
    expect(Object.keys(issuesOf(schemas.listQuery, { status: 'active' }))).toEqual(['status']);
    expect(Object.keys(issuesOf(schemas.listQuery, { limit: '10' }))).toEqual(['limit']);
  });
});
