import type { CountryProfile } from './country-profile';

/** Albania: the first deployment (State Police, launched May 2023). */
export const albania: CountryProfile = {
  countryCode: 'AL',
  countryName: { sq: 'Shqipëria', en: 'Albania' },
  phoneRegion: 'AL',
  defaultLanguage: 'sq',
  languages: ['sq', 'en'],
  regions: [
    { code: 'AL-01', name: 'Berat' },
    { code: 'AL-02', name: 'Durrës' },
    { code: 'AL-03', name: 'Elbasan' },
    { code: 'AL-04', name: 'Fier' },
    { code: 'AL-05', name: 'Gjirokastër' },
    { code: 'AL-06', name: 'Korçë' },
    { code: 'AL-07', name: 'Kukës' },
    { code: 'AL-08', name: 'Lezhë' },
    { code: 'AL-09', name: 'Dibër' },
    { code: 'AL-10', name: 'Shkodër' },
    { code: 'AL-11', name: 'Tiranë' },
    { code: 'AL-12', name: 'Vlorë' },
  ],
  // Albania's extent with a margin of about 2 km (Natural Earth): coast, lakes and border crossings included.
  bounds: { south: 39.62, west: 19.24, north: 42.68, east: 21.08 },
  policeNumber: '129',
  timeZone: 'Europe/Tirane',
  senderName: { sq: 'Policia e Shtetit', en: 'Albanian State Police' },
  smsSenderId: 'AMBERALERT',
  // Through SNS, Albania has the alphanumeric sender ID only: replies need an operator short code or a
  // two-way aggregator (docs/operations.md).
  twoWaySms: false,
};
