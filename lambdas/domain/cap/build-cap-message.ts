import type { AmberConfig } from '../../config/config';
import type { Alert } from '../alert';
import { smsNumberOf } from '../alert-update';
import {
  type AlertMessageKind,
  alertLink,
  composeAlertText,
  ELLIPSIS,
  exerciseMarker,
  formatIsoWithOffset,
  formatLongLocalTime,
  sentence,
  smsSettingsFrom,
  smsTemplatesFor,
  type TextLimit,
} from '../sms';
import { capArea } from './cap-area';
import { capFacts } from './cap-facts';
import { CAP_NAMESPACE, type CapReference, capIdentifier, capSender, formatReferences } from './cap-identity';
import { CAP_TEXTS, type CapTexts, capTextsFor } from './cap-texts';
import { writeXml, type XmlElement, xmlText } from './xml';

interface CapMessageBase {
  alert: Alert;
  /** 1 for the alert, then one more for each update, extension and for the cancel. */
  version: number;
  sent: Date;
  /** Every earlier message of this alert: required for an Update or a Cancel. */
  references: readonly CapReference[];
  config: AmberConfig;
}

/** The message whose info an extension repeats: its texts (and "UPDATE n" label) are reused unchanged. */
export interface ReissuedMessage {
  kind: 'ALERT' | 'UPDATE';
  version: number;
}

export type CapMessageInput = CapMessageBase &
  (
    | { kind: AlertMessageKind }
    /** An extension: the info of `reissues` again, as an Update, with the alert's later expiry. */
    | { kind: 'EXTENSION'; reissues: ReissuedMessage }
  );

const MSG_TYPE = { ALERT: 'Alert', UPDATE: 'Update', EXTENSION: 'Update', CANCELLATION: 'Cancel' } as const;

/** The kind and version the info texts are written for: an extension's are those of what it re-issues. */
function textsOf(input: CapMessageInput): { kind: AlertMessageKind; version: number } {
  return input.kind === 'EXTENSION' ? input.reissues : { kind: input.kind, version: input.version };
}

/**
 * A Cancel still needs the required info fields, and they should not contradict it. They say the event
 * is over, in CAP's own terms: urgency Past ("responsive action is no longer required"), certainty
 * Observed (the police know it ended), severity Minor (no remaining threat) and responseType AllClear,
 * the usual all-clear combination. Google Public Alerts refuses urgency Unknown, so that is never used.
 * Alerts and updates keep the AMBER assessment: Immediate, Severe, Likely.
 */
const ASSESSMENT = {
  active: { responseType: 'Monitor', urgency: 'Immediate', severity: 'Severe', certainty: 'Likely' },
  ended: { responseType: 'AllClear', urgency: 'Past', severity: 'Minor', certainty: 'Observed' },
} as const;

/** IPAWS profile: the short and long texts a phone shows, both kept to GSM-7. */
const CMAM_TEXT: TextLimit = { form: 'brief', maxCharacters: 90 };
const CMAM_LONG_TEXT: TextLimit = { form: 'full', maxCharacters: 360 };

/** A Cancel stays in the feed at least this long, so that aggregators polling it see the end. */
const CANCEL_MIN_LIFETIME_MS = 60 * 60 * 1000;

const PHOTO_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** A `valueName`/`value` pair, as eventCode, parameter and geocode carry them. */
function pair(valueName: string, value: string): XmlElement {
  return { valueName: xmlText(valueName), value: xmlText(value) };
}

/** Last resort for the character limits: the composer never cuts protected fields, CAP's limit is hard. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - ELLIPSIS.length).join('')}${ELLIPSIS}`;
}

function expiresAt(input: CapMessageInput): Date {
  const { alert, sent } = input;
  const planned = alert.expiresAt
    ? new Date(alert.expiresAt)
    : new Date(sent.getTime() + alert.durationHours * 60 * 60 * 1000);
  if (input.kind !== 'CANCELLATION') return planned;
  return new Date(Math.max(planned.getTime(), sent.getTime() + CANCEL_MIN_LIFETIME_MS));
}

function photoType(url: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return extension ? PHOTO_TYPES[extension] : undefined;
}

function infoElement(input: CapMessageInput, language: string, texts: CapTexts): XmlElement {
  const { alert, config } = input;
  const { kind, version } = textsOf(input);
  const tz = config.country.timeZone;
  // Headline and CMAM texts number an update as its SMS does (the CAP version also counts extensions).
  const number = smsNumberOf(alert, version);
  const facts = capFacts(alert, number, config, language);
  const assessment = kind === 'CANCELLATION' ? ASSESSMENT.ended : ASSESSMENT.active;
  const exercise = alert.mode === 'EXERCISE' ? `${exerciseMarker(language)} ` : '';
  const police = config.country.policeNumber;
  const senderName =
    config.country.senderName[language] ?? config.country.senderName[config.country.defaultLanguage];
  const smsInput = { kind, mode: alert.mode, language, alert, version: number };
  const smsSettings = { ...smsSettingsFrom(config), transliterate: true };
  const cmamText = composeAlertText(smsInput, smsSettings, CMAM_TEXT).body;
  const cmamLongText = composeAlertText(smsInput, smsSettings, CMAM_LONG_TEXT).body;
  const area = capArea(alert.counties, config, texts.areaSummary, language);
  const photoUrl = alert.child.photoUrl;
  const mimeType = photoUrl ? photoType(photoUrl) : undefined;

  // Key order is element order, the XSD sequence: a receiver validating against it rejects any other order.
  return {
    language: xmlText(language),
    category: 'Rescue',
    event: xmlText(texts.event),
    responseType: assessment.responseType,
    urgency: assessment.urgency,
    severity: assessment.severity,
    certainty: assessment.certainty,
    eventCode: pair('SAME', 'CAE'),
    expires: formatIsoWithOffset(expiresAt(input), tz),
    senderName: senderName ? xmlText(senderName) : undefined,
    headline: xmlText(exercise + texts.headline(kind, facts)),
    description: xmlText(exercise + texts.description(kind, facts)),
    instruction: xmlText(texts.instruction(kind, facts, police)),
    web: xmlText(alertLink(config.publicBaseUrl, alert.id)),
    contact: xmlText(senderName ? `${senderName}, ${police}` : police),
    parameter: [
      pair('CMAMtext', clip(cmamText, CMAM_TEXT.maxCharacters)),
      pair('CMAMlongtext', clip(cmamLongText, CMAM_LONG_TEXT.maxCharacters)),
    ],
    resource:
      kind !== 'CANCELLATION' && photoUrl && mimeType
        ? { resourceDesc: xmlText(texts.photo), mimeType, uri: xmlText(photoUrl) }
        : undefined,
    area: {
      areaDesc: xmlText(area.areaDesc),
      geocode: area.geocodes.map((code) => pair('ISO3166-2', code)),
    },
  };
}

/** Languages with info texts, in the configured order; English if none of them has any. */
function infoLanguages(config: AmberConfig): Array<[string, CapTexts]> {
  const known = config.country.languages.flatMap((language) => {
    const texts = capTextsFor(language);
    return texts ? [[language, texts] as [string, CapTexts]] : [];
  });
  return known.length > 0 ? known : [['en', CAP_TEXTS.en]];
}

/** The note of an extension, in every language: partners see at once that only the expiry changed. */
function extensionNote(input: CapMessageInput, languages: Array<[string, CapTexts]>): string {
  const tz = input.config.country.timeZone;
  const until = expiresAt(input);
  return languages
    .map(([language, texts]) =>
      texts.extended(formatLongLocalTime(until, tz, smsTemplatesFor(language).monthNames)),
    )
    .join(' / ');
}

/**
 * One CAP 1.2 message for an alert, an update, an extension or its cancellation, with one info block per
 * language. Pure: the caller decides the version, the time sent and the earlier messages it refers to.
 */
export function buildCapMessage(input: CapMessageInput): string {
  const { alert, kind, config } = input;
  if (kind !== 'ALERT' && input.references.length === 0) {
    throw new Error(`A CAP ${MSG_TYPE[kind]} must reference the messages it updates or cancels`);
  }
  const languages = infoLanguages(config);
  // The note is one text for all languages: each part is given in every language, slash-separated.
  const notes = [
    alert.mode === 'EXERCISE' && languages.map(([language]) => exerciseMarker(language)).join(' / '),
    kind === 'EXTENSION' && extensionNote(input, languages),
    kind === 'CANCELLATION' &&
      sentence(languages.map(([, texts]) => texts.outcome(alert.outcome)).join(' / ')),
  ].filter((note): note is string => Boolean(note));

  const alertElement: XmlElement = {
    '@_xmlns': CAP_NAMESPACE,
    identifier: xmlText(capIdentifier(config, alert.id, input.version)),
    sender: xmlText(capSender(config)),
    sent: formatIsoWithOffset(input.sent, config.country.timeZone),
    status: alert.mode === 'EXERCISE' ? 'Exercise' : 'Actual',
    msgType: MSG_TYPE[kind],
    scope: 'Public',
    note: notes.length > 0 ? xmlText(notes.join(' ')) : undefined,
    references: input.references.length > 0 ? xmlText(formatReferences(input.references)) : undefined,
    info: languages.map(([language, texts]) => infoElement(input, language, texts)),
  };
  return writeXml('alert', alertElement, { declaration: true, indent: true });
}
