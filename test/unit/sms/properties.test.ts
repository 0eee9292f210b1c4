import fc from 'fast-check';
import {
  type AlertSmsInput,
  alertLink,
  cleanUserText,
  composeAlertSms,
  composeAlertText,
  type SmsAlert,
} from '../../../lambdas/domain/sms';
import { corpusAlertArb } from './alert-corpus';
import { settings } from './fixtures';

const kindArb = fc.constantFrom<AlertSmsInput['kind']>('ALERT', 'UPDATE');
const languageArb = fc.constantFrom('sq', 'en');

/** Anything an officer could type, emoji and foreign scripts included, within the schema's limits. */
const wildText = (max: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((s) => s.trim() !== '');

const wildAlertArb: fc.Arbitrary<SmsAlert> = fc.record({
  id: fc.uuid(),
  child: fc.record({
    name: wildText(100),
    age: fc.integer({ min: 0, max: 17 }),
    description: wildText(1000),
  }),
  vehicle: fc.record({ plate: wildText(20), color: wildText(30) }, { requiredKeys: ['plate'] }),
  lastSeen: fc.record({
    place: wildText(200),
    county: fc.constant('AL-11'),
    at: fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  }),
});

const realisticAlertArb = fc.oneof(corpusAlertArb('sq'), corpusAlertArb('en')).map((c) => c.alert);

function assertProtectedFieldsPresent(
  alert: SmsAlert,
  body: string,
  transliterate: boolean,
  language: string,
) {
  const clean = (text?: string) => cleanUserText(text, transliterate);
  expect(body).toContain(clean(alert.child.name));
  expect(body).toContain(language === 'sq' ? `, ${alert.child.age} vj` : `, age ${alert.child.age}.`);
  expect(body).toContain(clean(alert.vehicle?.plate));
  expect(body).toContain(settings.policeNumber);
  expect(body).toContain(alertLink(settings.publicBaseUrl, alert.id));
}

describe('composeAlertSms properties', () => {
  it('any realistic alert keeps name, age, plate, police number and link, in GSM-7', () => {
    fc.assert(
      fc.property(
        realisticAlertArb,
        kindArb,
        languageArb,
        fc.boolean(),
        (alert, kind, language, exercise) => {
          const mode = exercise ? 'EXERCISE' : 'LIVE';
          const sms = composeAlertSms({ kind, mode, language, alert, version: 2 }, settings);
          assertProtectedFieldsPresent(alert, sms.body, true, language);
          expect(sms.encoding).toBe('GSM-7');
          expect(sms.fitsBudget).toBe(sms.segments <= settings.segmentBudget);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any typed text, emoji and other scripts included, keeps the protected fields', () => {
    fc.assert(
      fc.property(
        wildAlertArb,
        kindArb,
        languageArb,
        fc.boolean(),
        (alert, kind, language, transliterate) => {
          const sms = composeAlertSms(
            { kind, mode: 'LIVE', language, alert },
            { ...settings, transliterate },
          );
          assertProtectedFieldsPresent(alert, sms.body, transliterate, language);
          if (transliterate) expect(sms.encoding).toBe('GSM-7');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cuts in the fixed order and reports every cut field', () => {
    const order = ['description', 'vehicleDetails', 'place'];
    fc.assert(
      fc.property(realisticAlertArb, kindArb, languageArb, (alert, kind, language) => {
        const sms = composeAlertSms({ kind, mode: 'LIVE', language, alert }, settings);
        expect(sms.shortened).toEqual(order.filter((f) => sms.shortened.includes(f as never)));
        // A field is cut only once every field before it is gone entirely.
        for (const field of sms.shortened.slice(1)) {
          const earlier = order.slice(0, order.indexOf(field));
          for (const e of earlier) expect(sms.kept).not.toContain(e);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the CAP texts stay within 90 and 360 characters for realistic alerts', () => {
    fc.assert(
      fc.property(realisticAlertArb, kindArb, languageArb, (alert, kind, language) => {
        const input = { kind, mode: 'LIVE' as const, language, alert };
        const brief = composeAlertText(input, settings, { form: 'brief', maxCharacters: 90 });
        const full = composeAlertText(input, settings, { form: 'full', maxCharacters: 360 });
        expect(brief).toMatchObject({ fitsBudget: true });
        expect(full).toMatchObject({ fitsBudget: true });
        expect(brief.body.length).toBeLessThanOrEqual(90);
        expect(full.body.length).toBeLessThanOrEqual(360);
        expect(brief.body).toContain(cleanUserText(alert.child.name, true));
      }),
      { numRuns: 100 },
    );
  });
});
