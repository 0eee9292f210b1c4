import { composeAlertSms, type SmsField } from '../../../lambdas/domain/sms';
import { buildAlertCorpus } from '../../unit/sms/alert-corpus';
import { type ComposedCase, composeCorpus, type ReportRow, summarize } from '../../unit/sms/corpus-report';
import { config, settings } from '../../unit/sms/fixtures';

/** What an alert keeps whatever it costs: CAP-style "never cut" fields, plus the exercise marker. */
function protectedFields(c: ComposedCase): SmsField[] {
  const always: SmsField[] =
    c.kind === 'CANCELLATION' ? ['name', 'age', 'outcome'] : ['name', 'age', 'phone', 'link'];
  if (c.kind !== 'CANCELLATION' && c.item.alert.vehicle?.plate) always.push('plate');
  if (c.item.mode === 'EXERCISE') always.push('marker');
  return always;
}

describe('the SMS corpus', () => {
  const corpus = buildAlertCorpus();
  let cases: ComposedCase[] = [];
  let rows: ReportRow[] = [];
  const row = (language: string, kind: string, mode = 'LIVE') => {
    const found = rows.find((r) => r.language === language && r.kind === kind && r.mode === mode);
    if (!found) throw new Error(`no report row for ${language} ${kind} ${mode}`);
    return found;
  };

  beforeAll(() => {
    // Whole texts are long and slow to measure: the saving is measured on alerts, the costliest kind.
    cases = composeCorpus(corpus, config.country.languages, settings, ['ALERT']);
    rows = summarize(cases);
  }, 120_000);

  it('is realistic: at least 200 alerts, Albanian letters, with and without vehicles, the same every run', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const names = corpus.map((c) => c.alert.child.name).join(' ');
    const places = corpus.map((c) => c.alert.lastSeen.place).join(' ');
    expect(names).toMatch(/ë/);
    expect(names).toMatch(/ç/);
    expect(names).toMatch(/Ç/);
    for (const town of ['Tiranë', 'Korçë', 'Durrës', 'Gjirokastër', 'Shkodër', 'Lezhë', 'Kukës']) {
      expect(places).toContain(town);
    }
    const withPlate = corpus.filter((c) => c.alert.vehicle?.plate).length;
    const withoutVehicle = corpus.filter((c) => !c.alert.vehicle).length;
    expect(withPlate).toBeGreaterThan(corpus.length / 4);
    expect(withoutVehicle).toBeGreaterThan(corpus.length / 4);
    expect(buildAlertCorpus()).toEqual(corpus);
  });

  it('sends every message in GSM-7', () => {
    expect(cases.filter((c) => c.sent.encoding !== 'GSM-7')).toEqual([]);
  });

  it('keeps the protected fields of every message', () => {
    for (const c of cases) expect(c.sent.kept).toEqual(expect.arrayContaining(protectedFields(c)));
  });

  it('fits every ALERT in one GSM-7 segment, unless its protected fields alone exceed it', () => {
    for (const c of cases.filter((k) => k.kind === 'ALERT')) {
      if (c.sent.fitsBudget) {
        expect(c.sent.segments).toBe(1);
        continue;
      }
      // Over budget: then even with every cuttable field gone the message would not fit.
      const { alert } = c.item;
      const bare = {
        ...alert,
        child: { ...alert.child, description: '' },
        lastSeen: { ...alert.lastSeen, place: '' },
        ...(alert.vehicle?.plate ? { vehicle: { plate: alert.vehicle.plate } } : { vehicle: undefined }),
      };
      const minimal = composeAlertSms(
        { kind: 'ALERT', mode: c.item.mode, language: c.language, alert: bare },
        settings,
      );
      expect(minimal.segments).toBeGreaterThan(settings.segmentBudget);
      expect(c.sent.segments).toBe(minimal.segments);
    }
  });

  it('fits nearly every live alert and update in one segment, and every cancellation', () => {
    for (const language of ['sq', 'en']) {
      expect(row(language, 'ALERT').fitShare).toBeGreaterThanOrEqual(0.95);
      expect(row(language, 'ALERT').maxSegments).toBeLessThanOrEqual(2);
      expect(row(language, 'UPDATE').fitShare).toBeGreaterThanOrEqual(language === 'en' ? 0.9 : 0.4);
      expect(row(language, 'CANCELLATION').fitShare).toBe(1);
      expect(row(language, 'CANCELLATION', 'EXERCISE').fitShare).toBe(1);
    }
  });

  it('halves the cost of a whole Albanian alert by transliterating it', () => {
    const sq = row('sq', 'ALERT').wholeText;
    const en = row('en', 'ALERT').wholeText;
    expect(sq?.saving).toBeGreaterThanOrEqual(0.45);
    expect(sq?.meanRawSegments).toBeGreaterThan(sq?.meanGsmSegments ?? Number.POSITIVE_INFINITY);
    // English templates carry Albanian names and places: transliteration pays there too.
    expect(en?.saving).toBeGreaterThan(0.3);
  });
});
