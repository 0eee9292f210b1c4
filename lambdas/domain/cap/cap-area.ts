import type { AmberConfig } from '../../config/config';

/** Google Public Alerts and most receivers show areaDesc as a title: CAP profiles keep it under 50. */
export const AREA_DESC_MAX = 49;

export interface CapArea {
  areaDesc: string;
  /** ISO 3166-2 codes, one geocode each. */
  geocodes: string[];
}

/**
 * County names when they fit ("Tiranë, Durrës"), else a count ("Albania: 5 counties") from the
 * language's texts. The geocodes always list every county, so nothing is lost to the summary.
 */
export function capArea(
  counties: readonly string[],
  config: Pick<AmberConfig, 'country'>,
  summary: (countryName: string, counties: number, all: boolean) => string,
  language: string,
): CapArea {
  const names = new Map(config.country.regions.map((r) => [r.code, r.name]));
  const listed = counties.map((code) => names.get(code) ?? code).join(', ');
  const countryName = config.country.countryName[language] ?? config.country.countryCode;
  const all = config.country.regions.every((r) => counties.includes(r.code));
  const areaDesc =
    listed.length <= AREA_DESC_MAX && !all ? listed : summary(countryName, counties.length, all);
  return { areaDesc: areaDesc.slice(0, AREA_DESC_MAX), geocodes: [...counties] };
}
