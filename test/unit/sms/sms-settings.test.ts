import { loadConfig } from '../../../lambdas/config/config';
import { alertLink, smsSettingsFrom } from '../../../lambdas/domain/sms';

describe('smsSettingsFrom', () => {
  it('takes the Albanian defaults from the configuration', () => {
    expect(smsSettingsFrom(loadConfig({}))).toEqual({
      publicBaseUrl: 'https://amber.example.org',
      policeNumber: '129',
      segmentBudget: 1,
      transliterate: true,
      timeZone: 'Europe/Tirane',
      codeTtlMinutes: 15,
      // No two-way SMS in Albania: the way to stop is a web page.
      stop: { reply: false, url: 'https://amber.example.org/unsubscribe' },
    });
  });

  it('follows the environment', () => {
    const config = loadConfig({
      AMBER_PUBLIC_BASE_URL: 'https://amber.al/',
      AMBER_SMS_SEGMENT_BUDGET: '2',
      AMBER_SMS_TRANSLITERATE: 'false',
      AMBER_CODE_TTL_MINUTES: '10',
    });
    expect(smsSettingsFrom(config)).toMatchObject({
      publicBaseUrl: 'https://amber.al',
      segmentBudget: 2,
      transliterate: false,
      codeTtlMinutes: 10,
    });
  });
});

describe('alertLink', () => {
  it.each([
    ['https://amber.al', 'abc', 'https://amber.al/a/abc'],
    ['https://amber.al/', 'abc', 'https://amber.al/a/abc'],
    ['https://amber.al', 'a b/c', 'https://amber.al/a/a%20b%2Fc'],
  ])('%s + %s', (base, id, expected) => {
    expect(alertLink(base, id)).toBe(expected);
  });
});
