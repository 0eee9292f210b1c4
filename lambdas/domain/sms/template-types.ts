import type { Outcome } from '../alert';
import type { StopRoute } from './sms-settings';

export type AlertMessageKind = 'ALERT' | 'UPDATE' | 'CANCELLATION';
export type CodePurpose = 'SUBSCRIBE' | 'UNSUBSCRIBE';

/** `full` is the SMS (and CAP CMAMlongtext); `brief` is the 90-character CAP CMAMtext, without a link. */
export type TemplateForm = 'full' | 'brief';

/** The named pieces of a message; ComposedSms.kept lists those that made it into the body. */
export type SmsField =
  | 'marker'
  | 'version'
  | 'name'
  | 'age'
  | 'time'
  | 'place'
  | 'description'
  | 'plate'
  | 'vehicleDetails'
  | 'phone'
  | 'link'
  | 'outcome'
  | 'code';

/** Field values ready to print: cleaned, transliterated if configured, '' when absent or dropped. */
export interface AlertSmsFields {
  name: string;
  age: number;
  /** Local time last seen, e.g. "28 Nov 14:30". */
  time: string;
  place: string;
  description: string;
  plate: string;
  /** Make, model and colour of the vehicle, e.g. "Fiat Punto, red". */
  vehicleDetails: string;
  phone: string;
  link: string;
  version?: number;
  outcome?: Outcome;
}

export interface AlertTemplate {
  /** The fields this template prints, in the order they appear. */
  fields: readonly SmsField[];
  render: (f: AlertSmsFields) => string;
}

export interface LanguageTemplates {
  monthNames: readonly string[];
  exerciseMarker: Record<TemplateForm, string>;
  ALERT: Record<TemplateForm, AlertTemplate>;
  UPDATE: Record<TemplateForm, AlertTemplate>;
  CANCELLATION: Record<TemplateForm, AlertTemplate>;
  /** The code, and how to end alerts once subscribed. */
  SUBSCRIBE: (code: string, ttlMinutes: number, stop: StopRoute) => string;
  UNSUBSCRIBE: (code: string, ttlMinutes: number) => string;
}

/** Joins the non-empty parts with single spaces, so that an absent field leaves no gap. */
export const words = (...parts: Array<string | false | undefined>): string => parts.filter(Boolean).join(' ');

/** Ends a non-empty text with a full stop unless it already ends a sentence (or with "..."). */
export const sentence = (text: string): string => (text === '' || /[.!?]$/.test(text) ? text : `${text}.`);

export const FULL_ALERT_FIELDS: readonly SmsField[] = [
  'name',
  'age',
  'time',
  'place',
  'description',
  'plate',
  'vehicleDetails',
  'phone',
  'link',
];
export const FULL_UPDATE_FIELDS: readonly SmsField[] = ['version', ...FULL_ALERT_FIELDS];
export const BRIEF_ALERT_FIELDS: readonly SmsField[] = ['name', 'age', 'place', 'plate', 'phone'];
export const BRIEF_UPDATE_FIELDS: readonly SmsField[] = ['version', ...BRIEF_ALERT_FIELDS];
/** A cancellation repeats who it is about and nothing that would make it read like the alert again. */
export const CANCELLATION_FIELDS: readonly SmsField[] = ['name', 'age', 'outcome'];
