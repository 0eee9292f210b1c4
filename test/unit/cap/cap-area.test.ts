import { AREA_DESC_MAX, CAP_TEXTS, capArea } from '../../../lambdas/domain/cap';
import { config } from './fixtures';

const area = (counties: string[], language: 'sq' | 'en') =>
  capArea(counties, config, CAP_TEXTS[language].areaSummary, language);

describe('capArea', () => {
  it.each([
    [['AL-11'], 'en', 'Tiranë'],
    [['AL-11', 'AL-02', 'AL-03'], 'sq', 'Tiranë, Durrës, Elbasan'],
    [['AL-05', 'AL-06', 'AL-07', 'AL-08'], 'en', 'Gjirokastër, Korçë, Kukës, Lezhë'],
    [
      ['AL-05', 'AL-06', 'AL-07', 'AL-08', 'AL-10', 'AL-12'],
      'en',
      'Gjirokastër, Korçë, Kukës, Lezhë, Shkodër, Vlorë',
    ],
    [['AL-01', 'AL-03', 'AL-05', 'AL-06', 'AL-07', 'AL-08', 'AL-10'], 'en', 'Albania: 7 counties'],
    [['AL-01', 'AL-03', 'AL-05', 'AL-06', 'AL-07', 'AL-08', 'AL-10'], 'sq', 'Shqipëria: 7 qarqe'],
    [config.regionCodes as string[], 'en', 'All of Albania'],
    [config.regionCodes as string[], 'sq', 'E gjithë Shqipëria'],
  ] as const)('%j in %s: %s', (counties, language, expected) => {
    const result = area([...counties], language);
    expect(result.areaDesc).toBe(expected);
    expect(result.areaDesc.length).toBeLessThan(50);
    expect(result.geocodes).toEqual(counties);
  });

  it('stays under 50 characters for any set of counties', () => {
    const codes = config.regionCodes;
    for (let mask = 1; mask < 1 << codes.length; mask++) {
      const counties = codes.filter((_, i) => mask & (1 << i));
      for (const language of ['sq', 'en'] as const) {
        expect(area(counties, language).areaDesc.length).toBeLessThanOrEqual(AREA_DESC_MAX);
      }
    }
  });
});
