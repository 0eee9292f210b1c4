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
  /** Who issued the alert: the police force, from the configuration. */
  issuedBy: (sender: string) => string;
  /** The CAP instruction of the alert, word for word (test/unit/public/alert-page.test.ts compares them). */
  instruction: (name: string, police: string) => string;
  /** The answer for an id with no alert to show: unknown, expired, an exercise, or removed. */
  noAlert: { title: string; text: string; call: (number: string) => string };
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
  issuedBy: (sender) => `Issued by ${sender}.`,
  instruction: (name, police) =>
    `If you see ${name} or have any information, call the police on ${police} at once. Do not intervene yourself.`,
  noAlert: {
    title: 'No active alert',
    text: 'There is no active AMBER Alert at this address.',
    call: (number) => `If you have information about a missing child, call the police on ${number}.`,
  },
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
  issuedBy: (sender) => `Lëshuar nga ${sender}.`,
  instruction: (name, police) =>
    `Nëse e shihni ${name} ose keni ndonjë informacion, telefononi menjëherë policinë në ${police}. Mos ndërhyni vetë.`,
  noAlert: {
    title: 'Asnjë alarm aktiv',
    text: 'Në këtë adresë nuk ka asnjë Alarm AMBER aktiv.',
    call: (number) => `Nëse keni informacion për një fëmijë të zhdukur, telefononi policinë në ${number}.`,
  },
};

export const PAGE_TEXTS: Readonly<Record<string, PageTexts>> = { en, sq };

export const pageTextsFor = (language: string): PageTexts => PAGE_TEXTS[language] ?? en;
