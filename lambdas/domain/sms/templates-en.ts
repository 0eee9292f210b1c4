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

const outcomeText = (outcome: Outcome | undefined): string => {
  if (outcome === 'FOUND') return 'the child has been found';
  if (outcome === 'CANCELLED') return 'the alert is cancelled';
  return 'the alert is over';
};

const vehicle = (f: AlertSmsFields): string => {
  if (f.plate) return sentence(`Plate ${f.plate}${f.vehicleDetails && ` (${f.vehicleDetails})`}`);
  return f.vehicleDetails && sentence(`Vehicle: ${f.vehicleDetails}`);
};

const facts = (f: AlertSmsFields): string =>
  words(
    sentence(`Last seen: ${f.time}${f.place && `, ${f.place}`}`),
    sentence(f.description),
    vehicle(f),
    `Call ${f.phone}.`,
    f.link,
  );

const briefFacts = (f: AlertSmsFields): string =>
  words(
    sentence(`${f.name}, age ${f.age}${f.place && `, last seen ${f.place}`}`),
    f.plate && `Plate ${f.plate}.`,
    `Call ${f.phone}.`,
  );

const updateLabel = (f: AlertSmsFields): string =>
  f.version === undefined ? 'UPDATE' : `UPDATE ${f.version}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const en: LanguageTemplates = {
  monthNames: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  exerciseMarker: { full: 'EXERCISE - NOT A REAL ALERT.', brief: 'EXERCISE:' },
  ALERT: {
    full: {
      fields: FULL_ALERT_FIELDS,
      render: (f) => words(`AMBER ALERT: ${f.name}, age ${f.age}.`, facts(f)),
    },
    brief: { fields: BRIEF_ALERT_FIELDS, render: (f) => words('AMBER Alert:', briefFacts(f)) },
  },
  UPDATE: {
    full: {
      fields: FULL_UPDATE_FIELDS,
      render: (f) => words(`AMBER ALERT ${updateLabel(f)}: ${f.name}, age ${f.age}.`, facts(f)),
    },
    brief: {
      fields: BRIEF_UPDATE_FIELDS,
      render: (f) => words(`AMBER Alert ${updateLabel(f).toLowerCase()}:`, briefFacts(f)),
    },
  },
  CANCELLATION: {
    full: {
      fields: CANCELLATION_FIELDS,
      render: (f) =>
        `ENDED - AMBER Alert for ${f.name}, age ${f.age}: ${outcomeText(f.outcome)}. Thank you for your help.`,
    },
    brief: {
      fields: CANCELLATION_FIELDS,
      render: (f) => `AMBER Alert ended for ${f.name}, age ${f.age}: ${outcomeText(f.outcome)}.`,
    },
  },
  SUBSCRIBE: (code, ttl, stop) =>
    `Your AMBER Alert confirmation code is ${code}. It expires in ${plural(ttl, 'minute', 'minutes')}. ${
      stop.reply ? 'To end alerts, reply STOP.' : `To end alerts: ${stop.url}`
    }`,
  UNSUBSCRIBE: (code, ttl) =>
    `Your code to stop AMBER Alerts is ${code}. It expires in ${plural(ttl, 'minute', 'minutes')}.`,
};
