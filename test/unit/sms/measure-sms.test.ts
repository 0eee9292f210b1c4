import fc from 'fast-check';
import { measureSms } from '../../../lambdas/domain/sms';
import { roughlyFits } from '../../../lambdas/domain/sms/measure-sms';

describe('measureSms', () => {
  it.each([
    ['160 plain letters', 'a'.repeat(160), 'GSM-7', 1],
    ['161 plain letters', 'a'.repeat(161), 'GSM-7', 2],
    ['306 plain letters', 'a'.repeat(306), 'GSM-7', 2],
    ['307 plain letters', 'a'.repeat(307), 'GSM-7', 3],
    ['80 euro signs (extension table, two septets each)', '€'.repeat(80), 'GSM-7', 1],
    ['81 euro signs', '€'.repeat(81), 'GSM-7', 2],
    ['160 capital Ç (in the basic set)', 'Ç'.repeat(160), 'GSM-7', 1],
    ['70 ë', 'ë'.repeat(70), 'UCS-2', 1],
    ['71 ë', 'ë'.repeat(71), 'UCS-2', 2],
    ['one ë in 106 characters', `Tiranë${'a'.repeat(100)}`, 'UCS-2', 2],
  ] as const)('%s', (_name, body, encoding, segments) => {
    expect(measureSms(body)).toEqual({ encoding, segments });
  });

  it('the fast estimate agrees on one segment and is never stricter than the calculator', () => {
    const unit = fc.constantFrom('a', ' ', 'ë', 'Ç', '€', '[', 'é', '😀');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 500 }), fc.integer({ min: 1, max: 4 }), (body, budget) => {
        const exact = measureSms(body).segments <= budget;
        if (budget === 1) expect(roughlyFits(body, budget)).toBe(exact);
        if (exact) expect(roughlyFits(body, budget)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
