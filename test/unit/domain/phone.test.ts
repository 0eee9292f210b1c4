import { maskPhone, normalizeMobile } from '../../../lambdas/domain/phone';

describe('normalizeMobile', () => {
  test('returns E.164 for every Albanian mobile format', () => {
    expect(normalizeMobile('+355 69 123 4567', 'AL')).toEqual({ ok: true, e164: '+355691234567' });
    expect(normalizeMobile('069 123 4567', 'AL')).toEqual({ ok: true, e164: '+355691234567' });
    expect(normalizeMobile('00355 69 123 4567', 'AL')).toEqual({ ok: true, e164: '+355691234567' });
  });

  test('explains each refusal', () => {
    expect(normalizeMobile('+355 4 222 3333', 'AL')).toEqual({ ok: false, reason: 'is not a mobile number' });
    expect(normalizeMobile('+39 312 345 6789', 'AL')).toEqual({ ok: false, reason: 'is not a number of AL' });
    expect(normalizeMobile('069', 'AL')).toEqual({ ok: false, reason: 'is not a valid phone number' });
  });
});

describe('maskPhone', () => {
  test('shows only the last three digits', () => {
    expect(maskPhone('+355691234567')).toBe('**********567');
    expect(maskPhone('+355691234567')).not.toContain('691234');
  });

  test('copes with very short input', () => {
    expect(maskPhone('12')).toBe('12');
  });
});
