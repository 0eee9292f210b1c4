import type { Outcome } from '../alert';
import { type AlertMessageKind, sentence } from '../sms';

/** What the info texts say about an alert, already formatted for the language. */
export interface CapFacts {
  name: string;
  age: number;
  /** County where the child was last seen, by name. */
  county: string;
  place: string;
  /** "28 Nov 2026, 14:30", local time. */
  when: string;
  description: string;
  suspect?: { name?: string; description: string };
  /** Plate, and make, model and colour joined ("Fiat Punto, red"), as typed. */
  vehicle?: { plate?: string; details: string };
  outcome?: Outcome;
  version: number;
}

export interface CapTexts {
  event: string;
  headline: (kind: AlertMessageKind, f: CapFacts) => string;
  description: (kind: AlertMessageKind, f: CapFacts) => string;
  instruction: (kind: AlertMessageKind, f: CapFacts, policeNumber: string) => string;
  /** Short enough for areaDesc when the county names are not. */
  areaSummary: (countryName: string, counties: number, all: boolean) => string;
  photo: string;
  /** For the message-level note of a Cancel. */
  outcome: (outcome: Outcome | undefined) => string;
  /** For the message-level note of an extension: the new end, in local time. */
  extended: (until: string) => string;
}

const join = (...parts: Array<string | false | undefined>) => parts.filter(Boolean).join(' ');

const en: CapTexts = {
  event: 'Child Abduction Emergency',
  headline: (kind, f) => {
    if (kind === 'CANCELLATION')
      return `AMBER Alert ended for ${f.name}, age ${f.age}: ${en.outcome(f.outcome)}`;
    const label = kind === 'UPDATE' ? `AMBER Alert update ${f.version}` : 'AMBER Alert';
    return `${label}: ${f.name}, age ${f.age}, last seen in ${f.county}`;
  },
  description: (kind, f) => {
    if (kind === 'CANCELLATION') {
      return `The AMBER Alert for ${f.name}, age ${f.age}, has ended: ${en.outcome(f.outcome)}. Thank you to everyone who helped.`;
    }
    return join(
      `${f.name}, age ${f.age}, was last seen on ${f.when} at ${f.place} (${f.county} county).`,
      sentence(`Description: ${f.description}`),
      f.suspect &&
        sentence(`Suspect: ${f.suspect.name ? `${f.suspect.name}, ` : ''}${f.suspect.description}`),
      f.vehicle &&
        sentence(
          `Vehicle: ${[f.vehicle.plate && `plate ${f.vehicle.plate}`, f.vehicle.details].filter(Boolean).join(', ')}`,
        ),
    );
  },
  instruction: (kind, f, police) =>
    kind === 'CANCELLATION'
      ? 'No action is needed.'
      : `If you see ${f.name} or have any information, call the police on ${police} at once. Do not intervene yourself.`,
  areaSummary: (country, n, all) => (all ? `All of ${country}` : `${country}: ${n} counties`),
  photo: 'Photo of the child',
  outcome: (outcome) => {
    if (outcome === 'FOUND') return 'the child has been found';
    if (outcome === 'CANCELLED') return 'the alert is cancelled';
    return 'the alert is over';
  },
  extended: (until) => `The alert is extended until ${until}.`,
};

const sq: CapTexts = {
  event: 'Rrëmbim fëmije',
  headline: (kind, f) => {
    if (kind === 'CANCELLATION')
      return `Përfundoi AMBER Alert për ${f.name}, ${f.age} vjeç: ${sq.outcome(f.outcome)}`;
    const label = kind === 'UPDATE' ? `AMBER Alert, përditësimi ${f.version}` : 'AMBER Alert';
    return `${label}: ${f.name}, ${f.age} vjeç, parë së fundi në ${f.county}`;
  },
  description: (kind, f) => {
    if (kind === 'CANCELLATION') {
      return `AMBER Alert për ${f.name}, ${f.age} vjeç, përfundoi: ${sq.outcome(f.outcome)}. Faleminderit të gjithëve që ndihmuan.`;
    }
    return join(
      `${f.name}, ${f.age} vjeç, u pa për herë të fundit më ${f.when} në ${f.place} (qarku ${f.county}).`,
      sentence(`Përshkrimi: ${f.description}`),
      f.suspect &&
        sentence(`Personi i dyshuar: ${f.suspect.name ? `${f.suspect.name}, ` : ''}${f.suspect.description}`),
      f.vehicle &&
        sentence(
          `Automjeti: ${[f.vehicle.plate && `targa ${f.vehicle.plate}`, f.vehicle.details].filter(Boolean).join(', ')}`,
        ),
    );
  },
  instruction: (kind, f, police) =>
    kind === 'CANCELLATION'
      ? 'Nuk nevojitet asnjë veprim.'
      : `Nëse e shihni ${f.name} ose keni ndonjë informacion, telefononi menjëherë policinë në ${police}. Mos ndërhyni vetë.`,
  areaSummary: (country, n, all) => (all ? `E gjithë ${country}` : `${country}: ${n} qarqe`),
  photo: 'Fotografia e fëmijës',
  outcome: (outcome) => {
    if (outcome === 'FOUND') return 'fëmija është gjetur';
    if (outcome === 'CANCELLED') return 'alarmi është anuluar';
    return 'alarmi nuk është më aktiv';
  },
  extended: (until) => `Alarmi u zgjat deri më ${until}.`,
};

/** The info texts, keyed by language like the SMS templates. */
export const CAP_TEXTS = { sq, en } as const satisfies Record<string, CapTexts>;

export function capTextsFor(language: string): CapTexts | undefined {
  return Object.hasOwn(CAP_TEXTS, language) ? CAP_TEXTS[language as keyof typeof CAP_TEXTS] : undefined;
}
