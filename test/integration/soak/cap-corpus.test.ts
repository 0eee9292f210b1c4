import fc from 'fast-check';
import type { AlertMode } from '../../../lambdas/domain/alert';
import { buildCapMessage } from '../../../lambdas/domain/cap';
import { capReferenceOf, field, infos, validateCap } from '../../unit/cap/cap-xml';
import { config, makeAlert } from '../../unit/cap/fixtures';
import { corpusAlertArb } from '../../unit/sms/alert-corpus';

/** The schema order of an info block, for the elements this platform writes. */
const INFO_ORDER = [
  'language',
  'category',
  'event',
  'responseType',
  'urgency',
  'severity',
  'certainty',
  'eventCode',
  'expires',
  'senderName',
  'headline',
  'description',
  'instruction',
  'web',
  'contact',
  'parameter',
  'parameter',
  'resource',
  'area',
];

describe('CAP messages for the alert corpus', () => {
  // Alert, update and cancel for realistic alerts in both modes, some with vehicles, some without.
  const samples = fc.sample(
    fc.tuple(
      fc.oneof(corpusAlertArb('sq'), corpusAlertArb('en')),
      fc.constantFrom<AlertMode>('LIVE', 'EXERCISE'),
      fc.uniqueArray(fc.constantFrom(...config.regionCodes), { minLength: 1, maxLength: 12 }),
      fc.constantFrom('FOUND' as const, 'CANCELLED' as const),
    ),
    { seed: 1996, numRuns: 30 },
  );
  const messages = samples.flatMap(([{ alert: base }, mode, counties, outcome], i) => {
    const alert = makeAlert({ ...base, mode, counties });
    const sent = new Date(Date.parse(base.lastSeen.at) + 10 * 60_000);
    const first = buildCapMessage({ alert, kind: 'ALERT', version: 1, sent, references: [], config });
    const references = [capReferenceOf(first)];
    const later = new Date(sent.getTime() + (i + 1) * 60_000);
    const update = buildCapMessage({ alert, kind: 'UPDATE', version: 2, sent: later, references, config });
    const end = new Date(later.getTime() + 60 * 60_000);
    const cancel = buildCapMessage({
      alert: { ...alert, outcome },
      kind: 'CANCELLATION',
      version: 3,
      sent: end,
      references: [...references, capReferenceOf(update)],
      config,
    });
    return [first, update, cancel];
  });

  it('every message validates against the CAP 1.2 schema', async () => {
    expect(messages).toHaveLength(90);
    const result = await validateCap(messages);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  }, 30_000);

  it('every message has the fields receivers rely on, within their limits and in order', () => {
    for (const xml of messages) {
      expect(field(xml, 'sent')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      if (field(xml, 'msgType') !== 'Alert') expect(field(xml, 'references')).toMatch(/^(\S+,\S+,\S+ ?)+$/);
      for (const info of infos(xml)) {
        expect(info.names).toEqual(INFO_ORDER.filter((name) => info.names.includes(name)));
        expect(info.areaDesc?.length).toBeLessThan(50);
        expect(info.pairs('parameter').CMAMtext?.[0]?.length).toBeLessThanOrEqual(90);
        expect(info.pairs('parameter').CMAMlongtext?.[0]?.length).toBeLessThanOrEqual(360);
        expect(info.text('expires')).toMatch(/[+-]\d\d:\d\d$/);
      }
    }
  });
});
