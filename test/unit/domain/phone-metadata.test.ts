import { isSupportedCountry } from 'libphonenumber-js/core';
import { normalizeMobile } from '../../../lambdas/domain/phone';
import { PHONE_METADATA } from '../../../lambdas/domain/phone-metadata';
import { configuredPhoneRegions, sliceMetadata } from '../../../scripts/phone-metadata';

describe('the committed phone metadata (npm run phone:metadata)', () => {
  test('is exactly the installed libphonenumber-js metadata of the configured phone regions', () => {
    const regions = configuredPhoneRegions();
    expect(regions).toContain('AL');
    expect(PHONE_METADATA).toEqual(sliceMetadata(regions));
    for (const region of regions) expect(isSupportedCountry(region as 'AL', PHONE_METADATA)).toBe(true);
  });

  test('holds no other country', () => {
    expect(Object.keys(PHONE_METADATA.countries).sort()).toEqual(configuredPhoneRegions());
  });
});

describe('Albanian mobiles, validated as exactly as with the full metadata', () => {
  test.each(['+355692340001', '+355682340002', '+355672340003', '0692340001', '00355682340002'])(
    '%s is a valid mobile',
    (phone) => {
      expect(normalizeMobile(phone, 'AL')).toMatchObject({ ok: true });
    },
  );

  test.each(['+355681110000', '+355671110000', '+355661234567', '+3556923400011', '+35569234000'])(
    '%s is not a valid number',
    (phone) => {
      expect(normalizeMobile(phone, 'AL')).toEqual({ ok: false, reason: 'is not a valid phone number' });
    },
  );

  test.each(['+35542223333', '+355 4 222 3333', '+35552312345', '+3558001234'])(
    '%s is not a mobile',
    (phone) => {
      expect(normalizeMobile(phone, 'AL')).toEqual({ ok: false, reason: 'is not a mobile number' });
    },
  );

  test('a number of another country is refused as such, not as malformed', () => {
    expect(normalizeMobile('+39 312 345 6789', 'AL')).toEqual({ ok: false, reason: 'is not a number of AL' });
    expect(normalizeMobile('0039 312 345 6789', 'AL')).toEqual({
      ok: false,
      reason: 'is not a number of AL',
    });
    expect(normalizeMobile('+800 1234 5678', 'AL')).toEqual({ ok: false, reason: 'is not a number of AL' });
  });

  test('a region without metadata is a configuration error, not a refused number', () => {
    expect(() => normalizeMobile('+39 312 345 6789', 'IT')).toThrow(/npm run phone:metadata/);
  });
});
