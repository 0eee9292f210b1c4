import { safeParse } from 'zod/mini';
import { loadConfig } from '../../../lambdas/config/config';
import {
  bodyDigest,
  idempotencyFingerprint,
  isTipReference,
  REFERENCE_ATTEMPTS,
  referenceCandidates,
} from '../../../lambdas/domain/tips/reference';
import { classifySmsReply } from '../../../lambdas/domain/tips/sms-reply';
import type { Tip } from '../../../lambdas/domain/tips/tip';
import { buildTipSchemas } from '../../../lambdas/domain/tips/tip-contract-schemas';
import { neutralizeCell, TIP_CSV_COLUMNS, tipsToCsv } from '../../../lambdas/domain/tips/tips-csv';

const schemas = buildTipSchemas(loadConfig({}));

describe('tip references', () => {
  test('human-friendly, unambiguous: T- and six Crockford base32 characters', () => {
    for (const reference of referenceCandidates()) {
      expect(reference).toMatch(/^T-[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(isTipReference(reference)).toBe(true);
    }
    expect(isTipReference('T-ILOU00')).toBe(false);
  });

  test('with a key, the candidates are the same list every time (a repeat meets the first tip)', () => {
    const fingerprint = idempotencyFingerprint('abcdefghjk', 'key-1');
    expect(referenceCandidates(fingerprint)).toEqual(referenceCandidates(fingerprint));
    expect(referenceCandidates(fingerprint)).toHaveLength(REFERENCE_ATTEMPTS);
    expect(new Set(referenceCandidates(fingerprint)).size).toBe(REFERENCE_ATTEMPTS);
    expect(referenceCandidates(idempotencyFingerprint('abcdefghjk', 'key-2'))).not.toEqual(
      referenceCandidates(fingerprint),
    );
  });

  test('the same key for two alerts is two submissions; without a key every list differs', () => {
    expect(idempotencyFingerprint('aaaaaaaaaa', 'k')).not.toBe(idempotencyFingerprint('bbbbbbbbbb', 'k'));
    expect(referenceCandidates()).not.toEqual(referenceCandidates());
  });

  test('the body digest ignores key order but not values', () => {
    expect(bodyDigest({ message: 'a', seenNow: true })).toBe(bodyDigest({ seenNow: true, message: 'a' }));
    expect(bodyDigest({ message: 'a' })).not.toBe(bodyDigest({ message: 'b' }));
  });
});

describe('tip schema', () => {
  const parse = (body: unknown) => safeParse(schemas.tipSubmission, body);

  test('a full tip parses; the phone is normalized to E.164', () => {
    const result = parse({
      message: '  Pashë djalin  ',
      seenAt: '2024-05-01T10:00:00+02:00',
      place: 'Durrës',
      location: { lat: 41.32, lon: 19.45 },
      seenNow: true,
      contact: { phone: '069 234 0001', name: 'Elira' },
      language: 'en',
    });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ message: 'Pashë djalin', contact: { phone: '+355692340001' } });
  });

  test.each([
    ['an empty message', { message: '  ' }],
    ['a message over 2000 characters', { message: 'x'.repeat(2001) }],
    ['an unknown field', { message: 'x', photo: 'y' }],
    ['a location outside the country', { message: 'x', location: { lat: 45.0, lon: 19.5 } }],
    ['a seenAt in the future', { message: 'x', seenAt: new Date(Date.now() + 3_600_000).toISOString() }],
    ['a seenAt without offset', { message: 'x', seenAt: '2024-05-01T10:00:00' }],
    ['a fixed-line contact', { message: 'x', contact: { phone: '+35542222222' } }],
    ['a language not configured', { message: 'x', language: 'de' }],
    ['a place over 200 characters', { message: 'x', place: 'p'.repeat(201) }],
  ])('refuses %s', (_what, body) => {
    expect(parse(body).success).toBe(false);
  });

  test('triage takes a triage state only (not NEW) and a short note', () => {
    expect(safeParse(schemas.triage, { state: 'DUPLICATE', note: 'Same as T-AAAAAA' }).success).toBe(true);
    expect(safeParse(schemas.triage, { state: 'NEW' }).success).toBe(false);
    expect(safeParse(schemas.triage, { state: 'DISMISSED', by: 'x' }).success).toBe(false);
  });

  test('the list query: a known state, a page size from 1 to 200', () => {
    expect(safeParse(schemas.tipListQuery, { state: 'NEW', limit: '20' }).data).toEqual({
      state: 'NEW',
      limit: 20,
    });
    expect(safeParse(schemas.tipListQuery, { limit: '0' }).success).toBe(false);
    expect(safeParse(schemas.tipListQuery, { limit: '201' }).success).toBe(false);
    expect(safeParse(schemas.tipListQuery, { state: 'OPEN' }).success).toBe(false);
  });
});

describe('SMS replies', () => {
  test.each([
    ['STOP', 'STOP'],
    ['ndalo', 'STOP'],
    ['123456', 'CODE'],
    [' 12 34 56 ', 'CODE'],
    ['   ', 'EMPTY'],
    ['E pashë te stacioni', 'TIP'],
    ['Stop the car at km 12', 'TIP'],
  ])('%j is %s', (body, kind) => {
    expect(classifySmsReply(body)).toBe(kind);
  });
});

describe('CSV export', () => {
  const tip = (overrides: Partial<Tip> = {}): Tip => ({
    id: 'T-AAAAAA',
    reference: 'T-AAAAAA',
    alertId: 'abcdefghjk',
    directorate: 'AL-11',
    mode: 'LIVE',
    receivedAt: '2024-05-01T10:00:00.000Z',
    channel: 'WEB',
    message: 'seen',
    seenNow: false,
    language: 'sq',
    state: 'NEW',
    history: [],
    ...overrides,
  });

  test.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])(
    'a cell starting like a formula (%j) is prefixed',
    (value) => {
      expect(neutralizeCell(value)).toBe(`'${value}`);
    },
  );

  test('plain text is left alone', () => {
    expect(neutralizeCell('A boy, 7')).toBe('A boy, 7');
  });

  test('the header lists the columns; quotes are doubled; formulas neutralised; rows end in CRLF', () => {
    const csv = tipsToCsv([
      tip({ message: '=HYPERLINK("http://x","y")', contact: { phone: '+355692340001', name: '@bob' } }),
    ]);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(TIP_CSV_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(row).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(row).toContain('"\'@bob"');
    expect(row).toContain('"\'+355692340001"');
    expect(end).toBe('');
  });

  test('the last triage is exported with who and why', () => {
    const csv = tipsToCsv([
      tip({
        state: 'ACTIONABLE',
        history: [
          {
            at: 't1',
            actor: { sub: 'a', username: 'officer.a' },
            action: 'TRIAGE',
            from: 'NEW',
            to: 'REVIEWING',
          },
          {
            at: 't2',
            actor: { sub: 'b', username: 'officer.b' },
            action: 'TRIAGE',
            from: 'REVIEWING',
            to: 'ACTIONABLE',
            note: 'go',
          },
        ],
      }),
    ]);
    expect(csv.split('\r\n')[1]?.endsWith('"officer.b","t2","go"')).toBe(true);
  });
});
