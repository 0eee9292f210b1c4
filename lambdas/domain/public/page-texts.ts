/** The words of the public alert page, per language; a language without them falls back to English. */
export interface PageTexts {
  title: string;
  status: {
    active: string;
    found: string;
    cancelled: string;
    expired: string;
    ended: string;
  };
  callToAction: (number: string) => string;
  name: string;
  age: string;
  description: string;
  lastSeen: string;
  suspect: string;
  vehicle: string;
  photo: (name: string) => string;
  lastUpdate: string;
  expires: string;
  otherLanguage: string;
}

const en: PageTexts = {
  title: 'AMBER Alert',
  status: {
    active: 'Active: this child is missing and may be in danger.',
    found: 'Resolved: the child has been found.',
    cancelled: 'Resolved: the alert has been called off.',
    expired: 'Expired: this alert is no longer active.',
    ended: 'This alert is no longer active.',
  },
  callToAction: (number) => `If you have seen this child, call ${number}.`,
  name: 'Name',
  age: 'Age',
  description: 'Description',
  lastSeen: 'Last seen',
  suspect: 'Suspect',
  vehicle: 'Vehicle',
  photo: (name) => `Photo of ${name}`,
  lastUpdate: 'Last update',
  expires: 'Active until',
  otherLanguage: 'English',
};

const sq: PageTexts = {
  title: 'Alarm AMBER',
  status: {
    active: 'Aktiv: ky fëmijë është zhdukur dhe mund të jetë në rrezik.',
    found: 'Zgjidhur: fëmija u gjet.',
    cancelled: 'Zgjidhur: alarmi u anulua.',
    expired: 'Skaduar: ky alarm nuk është më aktiv.',
    ended: 'Ky alarm nuk është më aktiv.',
  },
  callToAction: (number) => `Nëse e keni parë këtë fëmijë, telefononi ${number}.`,
  name: 'Emri',
  age: 'Mosha',
  description: 'Përshkrimi',
  lastSeen: 'Parë për herë të fundit',
  suspect: 'I dyshuari',
  vehicle: 'Automjeti',
  photo: (name) => `Foto e ${name}`,
  lastUpdate: 'Përditësimi i fundit',
  expires: 'Aktiv deri më',
  otherLanguage: 'Shqip',
};

export const PAGE_TEXTS: Readonly<Record<string, PageTexts>> = { en, sq };

export const pageTextsFor = (language: string): PageTexts => PAGE_TEXTS[language] ?? en;
