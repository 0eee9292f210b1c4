import * as z from 'zod/mini';
import { countryProfiles, loadConfig } from '../../../lambdas/config/config';
import { CountryProfileSchema } from '../../../lambdas/config/country-profile';

/** loadConfig trusts the profiles (they are code) so that a cold start does not re-check them: this does. */
describe('country profiles', () => {
  test.each(Object.entries(countryProfiles))('%s passes CountryProfileSchema', (_code, profile) => {
    expect(z.safeParse(CountryProfileSchema, profile).error?.issues).toBeUndefined();
  });

  test.each(Object.entries(countryProfiles))('%s is keyed by its country code', (code, profile) => {
    expect(profile.countryCode).toBe(code);
    expect(loadConfig({ AMBER_COUNTRY: code }).country).toEqual(profile);
  });

  test('the schema refuses a profile with a malformed region code or sender ID', () => {
    const [profile] = Object.values(countryProfiles);
    if (!profile) throw new Error('no profile');
    const regions = [{ code: 'AL11', name: 'Tiranë' }];
    expect(z.safeParse(CountryProfileSchema, { ...profile, regions }).success).toBe(false);
    expect(z.safeParse(CountryProfileSchema, { ...profile, smsSenderId: 'AMBER ALERT 2026' }).success).toBe(
      false,
    );
  });
});
