import type { Outcome } from '../alert';
import {
  type AlertSmsFields,
  BRIEF_ALERT_FIELDS,
  BRIEF_UPDATE_FIELDS,
  CANCELLATION_FIELDS,
  FULL_ALERT_FIELDS,
  FULL_UPDATE_FIELDS,
  type LanguageTemplates,
  sentence,
  words,
} from './template-types';

/**
 * Albanian, written with its diacritics: the composer folds them to GSM-7 when transliteration is on, so
 * the same text reads correctly on the web and in CAP, and stays cheap over SMS.
 */

const outcomeText = (outcome: Outcome | undefined): string => {
  if (outcome === 'FOUND') return 'fëmija është gjetur';
  if (outcome === 'CANCELLED') return 'alarmi është anuluar';
  return 'alarmi nuk është më aktiv';
};

const vehicle = (f: AlertSmsFields): string => {
  if (f.plate) return sentence(`Targa ${f.plate}${f.vehicleDetails && ` (${f.vehicleDetails})`}`);
  return f.vehicleDetails && sentence(`Automjeti: ${f.vehicleDetails}`);
};

const facts = (f: AlertSmsFields): string =>
  words(
    sentence(`Parë së fundi: ${f.time}${f.place && `, ${f.place}`}`),
    sentence(f.description),
    vehicle(f),
    `Thirrni ${f.phone}.`,
    f.link,
  );

const briefFacts = (f: AlertSmsFields): string =>
  words(
    sentence(`${f.name}, ${f.age} vjeç${f.place && `, parë së fundi në ${f.place}`}`),
    f.plate && `Targa ${f.plate}.`,
    `Thirrni ${f.phone}.`,
  );

const updateLabel = (f: AlertSmsFields): string =>
  f.version === undefined ? 'PËRDITËSIM' : `PËRDITËSIMI ${f.version}`;

// "pas 15 minutash" (after 15 minutes) takes the plural ablative; "pas 1 minute" the singular.
const minutes = (n: number) => `${n} ${n === 1 ? 'minute' : 'minutash'}`;

export const sq: LanguageTemplates = {
  monthNames: ['jan', 'shk', 'mar', 'pri', 'maj', 'qer', 'korr', 'gush', 'sht', 'tet', 'nën', 'dhj'],
  exerciseMarker: { full: 'USHTRIM - JO ALARM I VËRTETË.', brief: 'USHTRIM:' },
  ALERT: {
    full: {
      fields: FULL_ALERT_FIELDS,
      render: (f) => words(`AMBER ALERT: ${f.name}, ${f.age} vjeç.`, facts(f)),
    },
    brief: { fields: BRIEF_ALERT_FIELDS, render: (f) => words('AMBER Alert:', briefFacts(f)) },
  },
  UPDATE: {
    full: {
      fields: FULL_UPDATE_FIELDS,
      render: (f) => words(`AMBER ALERT - ${updateLabel(f)}: ${f.name}, ${f.age} vjeç.`, facts(f)),
    },
    brief: {
      fields: BRIEF_UPDATE_FIELDS,
      render: (f) => words(`AMBER Alert, ${updateLabel(f).toLowerCase()}:`, briefFacts(f)),
    },
  },
  CANCELLATION: {
    full: {
      fields: CANCELLATION_FIELDS,
      render: (f) =>
        `PËRFUNDOI - AMBER Alert për ${f.name}, ${f.age} vjeç: ${outcomeText(f.outcome)}. Faleminderit për ndihmën.`,
    },
    brief: {
      fields: CANCELLATION_FIELDS,
      render: (f) => `Përfundoi AMBER Alert për ${f.name}, ${f.age} vjeç: ${outcomeText(f.outcome)}.`,
    },
  },
  SUBSCRIBE: (code, ttl, stop) =>
    `Kodi juaj i konfirmimit për AMBER Alert është ${code}. Skadon pas ${minutes(ttl)}. ${
      stop.reply ? "Për t'i ndaluar, përgjigjuni STOP." : `Për t'i ndaluar: ${stop.url}`
    }`,
  UNSUBSCRIBE: (code, ttl) =>
    `Kodi juaj për të ndaluar njoftimet AMBER Alert është ${code}. Skadon pas ${minutes(ttl)}.`,
};
