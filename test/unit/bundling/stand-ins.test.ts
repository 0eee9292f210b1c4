import fc from 'fast-check';
import GraphemeSplitter from 'grapheme-splitter';
import MnemonistLru from 'mnemonist/lru-cache';
import { composeAlertSms, type SmsAlert } from '../../../lambdas/domain/sms';
import StandInSplitter from '../../../lib/bundling/stand-ins/grapheme-splitter';
import StandInLru from '../../../lib/bundling/stand-ins/lru-cache';
import { EventStreamSerde, eventStreamSerdeProvider } from '../../../lib/bundling/stand-ins/no-event-streams';
import { buildAlertCorpus } from '../sms/alert-corpus';
import { config, settings } from '../sms/fixtures';

/**
 * The Lambda bundles replace three packages with smaller stand-ins (BUNDLE_STAND_INS in
 * lib/constructs/amber-function.ts); local runs and the other tests use the packages. These tests hold each
 * stand-in to the package it replaces, for what the bundled code calls.
 */

const TRICKY_TEXTS = [
  'Arbër Çela, 7 vjeç, u pa për herë të fundit në Shkodër.',
  'Line one\r\nline two\nline three',
  'e\u0301 combining acute, n\u0303, a\u0308\u0301 two marks',
  'Skin tones 👍🏽👋🏿, family 👨‍👩‍👧‍👦, flags 🇦🇱🇬🇧, keycap 1️⃣',
  'Ελληνικά, Български, Српски, Українська, 한국어 텍스트, 中文文本, العربية',
  'GSM extension table: € [ ] { } ~ ^ | \\',
  '',
];

describe('the grapheme-splitter stand-in (Intl.Segmenter)', () => {
  const library = new GraphemeSplitter();
  const standIn = new StandInSplitter();

  test.each(TRICKY_TEXTS)('splits %j into the same graphemes as grapheme-splitter', (text) => {
    expect(standIn.splitGraphemes(text)).toEqual(library.splitGraphemes(text));
    expect(standIn.countGraphemes(text)).toBe(library.countGraphemes(text));
  });

  test('follows the current Unicode rules where grapheme-splitter (Unicode 10) is behind: Indic conjuncts', () => {
    // Unicode 15.1 (GB9c) keeps a conjunct together; the library splits it. No European language is affected,
    // and the SMS keeps its encoding and segment count.
    expect(standIn.splitGraphemes('हिन्दी')).toEqual(['हि', 'न्दी']);
    expect(library.splitGraphemes('हिन्दी')).toEqual(['हि', 'न्', 'दी']);
  });

  test('splits any text of Latin, accented and symbol characters alike', () => {
    const char = fc.constantFrom(...'aëçÇËbz019 .,\r\n€[]~é\u0301ñ'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 200 }), (chars) => {
        const text = chars.join('');
        expect(standIn.splitGraphemes(text)).toEqual(library.splitGraphemes(text));
      }),
      { seed: 4711, numRuns: 300 },
    );
  });

  test('gives every SMS of the alert corpus the same encoding and segment count', () => {
    const withLibrary =
      jest.requireActual<typeof import('sms-segments-calculator')>('sms-segments-calculator');
    let withStandIn: typeof withLibrary | undefined;
    jest.isolateModules(() => {
      jest.doMock('grapheme-splitter', () => ({ __esModule: true, default: StandInSplitter }));
      withStandIn = jest.requireActual<typeof withLibrary>('sms-segments-calculator');
    });
    if (!withStandIn) throw new Error('sms-segments-calculator did not load with the stand-in');
    expect(withStandIn).not.toBe(withLibrary);
    const bodies = buildAlertCorpus(60).flatMap(
      ({ alert, mode }: { alert: SmsAlert; mode: 'LIVE' | 'EXERCISE' }) =>
        config.country.languages.map(
          (language) => composeAlertSms({ kind: 'ALERT', mode, language, alert }, settings).body,
        ),
    );
    const measure = (calculator: typeof withLibrary, body: string) => {
      const m = new calculator.SegmentedMessage(body);
      return `${m.encodingName}/${m.segmentsCount}/${m.numberOfCharacters}`;
    };
    for (const body of [...bodies, ...TRICKY_TEXTS]) {
      expect(measure(withStandIn, body)).toBe(measure(withLibrary, body));
    }
  });
});

describe('the mnemonist LRU stand-in (a Map)', () => {
  type Op = ['set', number, number] | ['get', number] | ['peek', number] | ['has', number] | ['clear'];
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.tuple(fc.constant('set' as const), fc.integer({ min: 0, max: 9 }), fc.integer()),
    fc.tuple(fc.constant('get' as const), fc.integer({ min: 0, max: 9 })),
    fc.tuple(fc.constant('peek' as const), fc.integer({ min: 0, max: 9 })),
    fc.tuple(fc.constant('has' as const), fc.integer({ min: 0, max: 9 })),
    fc.constant(['clear'] as ['clear']),
  );

  test('answers every sequence of the calls the SDK makes as mnemonist does, evictions included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const library = new MnemonistLru<number, number>(capacity);
        const standIn = new StandInLru<number, number>(capacity);
        for (const [name, key, value] of ops) {
          if (name === 'set') {
            library.set(key, value);
            standIn.set(key, value);
          } else if (name === 'clear') {
            library.clear();
            standIn.clear();
          } else {
            expect(standIn[name](key)).toEqual(library[name](key));
          }
          expect(standIn.size).toBe(library.size);
        }
      }),
      { seed: 1207, numRuns: 300 },
    );
  });

  test('evicts the least recently read key, not the oldest written', () => {
    const cache = new StandInLru<string, number>(2);
    cache.set('a', 1).set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
  });
});

describe('the event-streams stand-in', () => {
  test('refuses to build an event-stream codec, naming where the alias is', () => {
    expect(() => new EventStreamSerde()).toThrow(/amber-function\.ts/);
    expect(() => eventStreamSerdeProvider()).toThrow(/Event streams are left out/);
  });
});
