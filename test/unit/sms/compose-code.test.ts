import { loadConfig } from '../../../lambdas/config/config';
import { composeCodeSms, SMS_LANGUAGES, smsSettingsFrom } from '../../../lambdas/domain/sms';
import { settings } from './fixtures';

describe('composeCodeSms', () => {
  it.each([
    [
      'en',
      'SUBSCRIBE',
      'Your AMBER Alert confirmation code is 123456. It expires in 15 minutes. To end alerts: https://amber.example.org/unsubscribe',
    ],
    ['en', 'UNSUBSCRIBE', 'Your code to stop AMBER Alerts is 123456. It expires in 15 minutes.'],
    [
      'sq',
      'SUBSCRIBE',
      "Kodi juaj i konfirmimit per AMBER Alert eshte 123456. Skadon pas 15 minutash. Per t'i ndaluar: https://amber.example.org/unsubscribe",
    ],
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
    const sms = composeCodeSms('123456', 'UNSUBSCRIBE', 'sq', { ...settings, transliterate: false });
    expect(sms.body).toBe(
      'Kodi juaj për të ndaluar njoftimet AMBER Alert është 123456. Skadon pas 15 minutash.',
    );
    expect(sms.encoding).toBe('UCS-2');
  });

  it('says "reply STOP" only where replies reach the platform; elsewhere the web page that ends alerts', () => {
    const albania = smsSettingsFrom(loadConfig({}));
    expect(albania.stop).toEqual({ reply: false, url: 'https://amber.example.org/unsubscribe' });
    const twoWay = smsSettingsFrom(loadConfig({ AMBER_TWO_WAY_SMS: 'true' }));
    expect(composeCodeSms('123456', 'SUBSCRIBE', 'en', twoWay).body).toBe(
      'Your AMBER Alert confirmation code is 123456. It expires in 15 minutes. To end alerts, reply STOP.',
    );
    expect(composeCodeSms('123456', 'SUBSCRIBE', 'sq', twoWay).body).toBe(
      "Kodi juaj i konfirmimit per AMBER Alert eshte 123456. Skadon pas 15 minutash. Per t'i ndaluar, pergjigjuni STOP.",
    );
    for (const language of SMS_LANGUAGES) {
      expect(composeCodeSms('123456', 'SUBSCRIBE', language, albania).body).not.toContain('STOP');
    }
  });

  it('every code SMS stays one GSM-7 segment, with either way to stop, under a custom domain of up to 30 characters', () => {
    const base = `https://${'a'.repeat(26)}.al`;
    for (const twoWay of ['true', 'false']) {
      const s = smsSettingsFrom(
        loadConfig({
          AMBER_TWO_WAY_SMS: twoWay,
          AMBER_PUBLIC_BASE_URL: base,
          AMBER_CODE_TTL_MINUTES: '1440',
        }),
      );
      for (const language of SMS_LANGUAGES) {
        for (const purpose of ['SUBSCRIBE', 'UNSUBSCRIBE'] as const) {
          const sms = composeCodeSms('123456', purpose, language, s);
          expect([language, purpose, twoWay, sms.encoding, sms.segments]).toEqual([
            language,
            purpose,
            twoWay,
            'GSM-7',
            1,
          ]);
        }
      }
    }
  });
});
