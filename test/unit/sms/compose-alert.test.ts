import { type AlertSmsInput, composeAlertSms, measureSms, type SmsAlert } from '../../../lambdas/domain/sms';
import { ALERT_ID, alertWithVehicle, LINK, settings, shortAlert, wordyAlert } from './fixtures';

const live = (kind: AlertSmsInput['kind'], language: string, alert: SmsAlert, version?: number) => ({
  kind,
  mode: 'LIVE' as const,
  language,
  alert,
  ...(version === undefined ? {} : { version }),
});

describe('composeAlertSms: the texts', () => {
  it.each([
    [
      'sq alert',
      live('ALERT', 'sq', shortAlert),
      `AMBER ALERT: Arber Çela, 7 vjec. Pare se fundi: 28 nen 14:30, Korce. Thirrni 129. ${LINK}`,
    ],
    [
      'en alert, description cut at a word',
      live('ALERT', 'en', shortAlert),
      `AMBER ALERT: Arber Çela, age 7. Last seen: 28 Nov 14:30, Korce. Floke kafe, xhup i... Call 129. ${LINK}`,
    ],
    [
      'en alert with a vehicle',
      live('ALERT', 'en', alertWithVehicle),
      `AMBER ALERT: Arber Çela, age 7. Last seen: 28 Nov 14:30, Korce. Plate AA 123 BB. Call 129. ${LINK}`,
    ],
    [
      'en update',
      live('UPDATE', 'en', shortAlert, 2),
      `AMBER ALERT UPDATE 2: Arber Çela, age 7. Last seen: 28 Nov 14:30, Korce. Call 129. ${LINK}`,
    ],
    [
      'sq update',
      live('UPDATE', 'sq', shortAlert, 3),
      `AMBER ALERT - PERDITESIMI 3: Arber Çela, 7 vjec. Pare se fundi: 28 nen 14:30. Thirrni 129. ${LINK}`,
    ],
    [
      'en cancellation, found',
      live('CANCELLATION', 'en', { ...alertWithVehicle, outcome: 'FOUND' }),
      'ENDED - AMBER Alert for Arber Çela, age 7: the child has been found. Thank you for your help.',
    ],
    [
      'en cancellation, cancelled',
      live('CANCELLATION', 'en', { ...shortAlert, outcome: 'CANCELLED' }),
      'ENDED - AMBER Alert for Arber Çela, age 7: the alert is cancelled. Thank you for your help.',
    ],
    [
      'sq cancellation, found',
      live('CANCELLATION', 'sq', { ...alertWithVehicle, outcome: 'FOUND' }),
      'PERFUNDOI - AMBER Alert per Arber Çela, 7 vjec: femija eshte gjetur. Faleminderit per ndihmen.',
    ],
    [
      'sq cancellation, cancelled',
      live('CANCELLATION', 'sq', { ...shortAlert, outcome: 'CANCELLED' }),
      'PERFUNDOI - AMBER Alert per Arber Çela, 7 vjec: alarmi eshte anuluar. Faleminderit per ndihmen.',
    ],
    [
      'en cancellation without an outcome (expired)',
      live('CANCELLATION', 'en', shortAlert),
      'ENDED - AMBER Alert for Arber Çela, age 7: the alert is over. Thank you for your help.',
    ],
  ])('%s', (_name, input, expected) => {
    const sms = composeAlertSms(input, settings);
    expect(sms.body).toBe(expected);
    expect(sms).toMatchObject({ encoding: 'GSM-7', segments: 1, fitsBudget: true });
  });

  it('prints the local time of the configured zone, summer and winter', () => {
    const summer = { ...shortAlert, lastSeen: { ...shortAlert.lastSeen, at: '2026-07-01T22:15:00Z' } };
    expect(composeAlertSms(live('ALERT', 'en', summer), settings).body).toContain('Last seen: 2 Jul 00:15');
    const winter = { ...shortAlert, lastSeen: { ...shortAlert.lastSeen, at: '2026-01-31T23:15:00+00:00' } };
    expect(composeAlertSms(live('ALERT', 'sq', winter), settings).body).toContain(
      'Pare se fundi: 1 shk 00:15',
    );
  });

  it('falls back to English for a language without templates', () => {
    expect(composeAlertSms(live('ALERT', 'mk', shortAlert), settings).body).toMatch(
      /^AMBER ALERT: .*, age 7\./,
    );
  });

  it('links to the public page of the alert', () => {
    const sms = composeAlertSms(live('ALERT', 'en', shortAlert), {
      ...settings,
      publicBaseUrl: 'https://amber.al/',
    });
    expect(sms.body).toMatch(new RegExp(`https://amber\\.al/a/${ALERT_ID}$`));
  });
});

describe('composeAlertSms: exercises', () => {
  it.each([
    ['sq', 'USHTRIM - JO ALARM I VERTETE. '],
    ['en', 'EXERCISE - NOT A REAL ALERT. '],
  ])('opens every %s message with the exercise marker, in GSM-7', (language, marker) => {
    for (const kind of ['ALERT', 'UPDATE', 'CANCELLATION'] as const) {
      const sms = composeAlertSms(
        { kind, mode: 'EXERCISE', language, alert: shortAlert, version: 2 },
        settings,
      );
      expect(sms.body.startsWith(marker)).toBe(true);
      expect(sms.encoding).toBe('GSM-7');
      expect(sms.kept[0]).toBe('marker');
    }
  });

  it('never cuts the marker to fit: the exercise costs a second segment instead', () => {
    const sms = composeAlertSms(
      { kind: 'ALERT', mode: 'EXERCISE', language: 'sq', alert: wordyAlert },
      settings,
    );
    expect(sms.body.startsWith('USHTRIM - JO ALARM I VERTETE. AMBER ALERT: Rrezarta Mehilli, 11 vjec.')).toBe(
      true,
    );
    expect(sms).toMatchObject({ segments: 2, fitsBudget: false });
  });
});

describe('composeAlertSms: cancellations', () => {
  it.each(['sq', 'en'])(
    'do not repeat the alert (%s): no description, place, plate, number or link',
    (language) => {
      const sms = composeAlertSms(
        { kind: 'CANCELLATION', mode: 'LIVE', language, alert: { ...wordyAlert, outcome: 'FOUND' } },
        settings,
      );
      expect(sms.kept).toEqual(['name', 'age', 'outcome']);
      for (const absent of ['bionde', 'Bulevardi', 'TR 482 KC', '129', 'http', 'AMBER ALERT']) {
        expect(sms.body).not.toContain(absent);
      }
    },
  );
});

describe('composeAlertSms: transliteration', () => {
  it('keeps Albanian text in GSM-7: ë, Ë and ç folded, Ç kept', () => {
    const alert = { ...shortAlert, child: { ...shortAlert.child, name: 'ËNGJËLL Çaushi-Kërçiku' } };
    const sms = composeAlertSms(live('ALERT', 'sq', alert), settings);
    expect(sms.encoding).toBe('GSM-7');
    expect(sms.body).toContain('ENGJELL Çaushi-Kerciku');
    expect(sms.body).not.toMatch(/[ëËç]/);
  });

  it('folds the fields of English messages too', () => {
    const sms = composeAlertSms(live('ALERT', 'en', alertWithVehicle), settings);
    expect(sms.body).toContain('Arber Çela');
    expect(sms.body).toContain('Korce');
  });

  it('sends the text as typed, in UCS-2, when transliteration is off', () => {
    const sms = composeAlertSms(live('ALERT', 'sq', shortAlert), { ...settings, transliterate: false });
    expect(sms.encoding).toBe('UCS-2');
    expect(sms.body).toContain('Arbër Çela, 7 vjeç. Parë së fundi: 28 nën 14:30');
    expect(sms.fitsBudget).toBe(false);
    expect(sms.segments).toBe(measureSms(sms.body).segments);
  });
});

describe('composeAlertSms: shortening to the budget', () => {
  it('sends everything when the budget allows', () => {
    const sms = composeAlertSms(live('ALERT', 'en', alertWithVehicle), { ...settings, segmentBudget: 2 });
    expect(sms.body).toBe(
      'AMBER ALERT: Arber Çela, age 7. Last seen: 28 Nov 14:30, Korce. Floke kafe, xhup i kuq. ' +
        `Plate AA 123 BB (Fiat Punto, e kuqe). Call 129. ${LINK}`,
    );
    expect(sms).toMatchObject({ segments: 2, fitsBudget: true, shortened: [] });
  });

  it.each([
    // [case, input, shortened in order, kept]
    [
      'description only',
      live('ALERT', 'en', shortAlert),
      ['description'],
      ['name', 'age', 'time', 'place', 'description', 'phone', 'link'],
    ],
    [
      'description, then make and colour, place intact',
      live('ALERT', 'en', alertWithVehicle),
      ['description', 'vehicleDetails'],
      ['name', 'age', 'time', 'place', 'plate', 'phone', 'link'],
    ],
    [
      'everything cuttable, in order',
      live('ALERT', 'sq', alertWithVehicle),
      ['description', 'vehicleDetails', 'place'],
      ['name', 'age', 'time', 'plate', 'phone', 'link'],
    ],
  ])('%s', (_name, input, shortened, kept) => {
    const sms = composeAlertSms(input, settings);
    expect(sms.shortened).toEqual(shortened);
    expect(sms.kept).toEqual(kept);
    expect(sms).toMatchObject({ segments: 1, fitsBudget: true });
  });

  it('cuts the place at a word boundary with an ellipsis before dropping it', () => {
    const alert = {
      ...shortAlert,
      lastSeen: { ...shortAlert.lastSeen, place: 'Stacioni i autobusëve, Lezhë' },
    };
    const sms = composeAlertSms(live('ALERT', 'en', alert), settings);
    expect(sms.body).toContain('Last seen: 28 Nov 14:30, Stacioni i autobuseve... Call 129.');
    expect(sms.shortened).toEqual(['description', 'place']);
    expect(sms.kept).toContain('place');
  });

  it('never cuts a protected field: too long a name costs more segments, with fitsBudget false', () => {
    const name = 'Anxhela-Mirela Xhensila Bajraktari-Frashëri Gjergji-Kërçiku';
    const alert = { ...wordyAlert, child: { ...wordyAlert.child, name } };
    const sms = composeAlertSms(live('UPDATE', 'sq', alert, 12), settings);
    expect(sms.fitsBudget).toBe(false);
    expect(sms.segments).toBe(2);
    for (const text of [
      'Anxhela-Mirela Xhensila Bajraktari-Frasheri Gjergji-Kerciku',
      '11 vjec',
      'TR 482 KC',
      '129',
      LINK,
    ]) {
      expect(sms.body).toContain(text);
    }
    // Two segments are paid for anyway, so they carry what one segment could not.
    expect(sms.kept).toEqual(expect.arrayContaining(['place', 'vehicleDetails']));
  });
});
