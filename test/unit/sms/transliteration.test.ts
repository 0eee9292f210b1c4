import fc from 'fast-check';
import { measureSms, toGsm7 } from '../../../lambdas/domain/sms';

describe('toGsm7', () => {
  it.each([
    ['Tiranë', 'Tirane'],
    ['Korçë', 'Korce'],
    ['Gjirokastër, Shkodër, Lezhë, Kukës, Durrës', 'Gjirokaster, Shkoder, Lezhe, Kukes, Durres'],
    ['ËNGJËLL ÇELA', 'ENGJELL ÇELA'],
    ['Çaushi', 'Çaushi'],
    ['fëmija është gjetur', 'femija eshte gjetur'],
    ['“Naim Frashëri” – shkolla', '"Naim Frasheri" - shkolla'],
    ['it’s…', "it's..."],
    ['Łukasz Wałęsa', 'Lukasz Walesa'],
    ['Şahin Çağlar', 'Sahin Çaglar'],
    ['Ştefan Ţurcanu', 'Stefan Turcanu'],
    ['Straße', 'Strasse'],
    ['no\u00a0break\ttab', 'no break tab'],
    ['Ana 😀 Leka', 'Ana  Leka'],
    ['Зоя Anna', ' Anna'],
    ['é è ü ñ å ø Ä Ö Ü € [ ]', 'é è ü ñ å ø Ä Ö Ü € [ ]'],
    ['e\u0308 (decomposed ë)', 'e (decomposed e)'],
  ])('%s -> %s', (input, expected) => {
    expect(toGsm7(input)).toBe(expected);
  });

  it('always yields GSM-7, and folding twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const folded = toGsm7(text);
        expect(measureSms(folded).encoding).toBe('GSM-7');
        expect(toGsm7(folded)).toBe(folded);
      }),
      { numRuns: 300 },
    );
  });
});
