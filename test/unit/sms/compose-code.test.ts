import { composeCodeSms } from '../../../lambdas/domain/sms';
import { settings } from './fixtures';

describe('composeCodeSms', () => {
  it.each([
    ['en', 'SUBSCRIBE', 'Your AMBER Alert confirmation code is 123456. It expires in 15 minutes.'],
    ['en', 'UNSUBSCRIBE', 'Your code to stop AMBER Alerts is 123456. It expires in 15 minutes.'],
    ['sq', 'SUBSCRIBE', 'Kodi juaj i konfirmimit per AMBER Alert eshte 123456. Skadon pas 15 minutash.'],
    [
      'sq',
      'UNSUBSCRIBE',
      'Kodi juaj per te ndaluar njoftimet AMBER Alert eshte 123456. Skadon pas 15 minutash.',
    ],
  ] as const)('%s %s', (language, purpose, expected) => {
    expect(composeCodeSms('123456', purpose, language, settings)).toEqual({
      body: expected,
      encoding: 'GSM-7',
      segments: 1,
      fitsBudget: true,
      shortened: [],
      kept: ['code'],
    });
  });

  it('announces the configured lifetime, in the singular for one minute', () => {
    expect(composeCodeSms('000111', 'SUBSCRIBE', 'en', { ...settings, codeTtlMinutes: 1 }).body).toContain(
      'It expires in 1 minute.',
    );
    expect(composeCodeSms('000111', 'SUBSCRIBE', 'sq', { ...settings, codeTtlMinutes: 30 }).body).toContain(
      'Skadon pas 30 minutash.',
    );
  });

  it('keeps the Albanian diacritics, in UCS-2, when transliteration is off', () => {
    const sms = composeCodeSms('123456', 'SUBSCRIBE', 'sq', { ...settings, transliterate: false });
    expect(sms.body).toBe('Kodi juaj i konfirmimit për AMBER Alert është 123456. Skadon pas 15 minutash.');
    expect(sms.encoding).toBe('UCS-2');
  });
});
