import type { Alert } from '../alert';
import { toGsm7 } from './gsm-transliteration';
import { formatShortLocalTime } from './local-time';
import { alertLink, type SmsSettings } from './sms-settings';
import type { AlertSmsFields } from './template-types';

export type SmsAlert = Pick<Alert, 'id' | 'child' | 'vehicle' | 'lastSeen' | 'outcome' | 'suspect'>;

/**
 * Officers type into free-text boxes: line breaks, doubled spaces, pasted typographic quotes. One line of
 * single-spaced text, folded to GSM-7 when configured, is what fits and what can be cut at a word.
 */
export function cleanUserText(text: string | undefined, transliterate: boolean): string {
  if (!text) return '';
  const folded = transliterate ? toGsm7(text) : text.normalize('NFC');
  return folded.replace(/\s+/gu, ' ').trim();
}

function vehicleDetails(vehicle: SmsAlert['vehicle'], clean: (t?: string) => string): string {
  const makeModel = [clean(vehicle?.make), clean(vehicle?.model)].filter(Boolean).join(' ');
  return [makeModel, clean(vehicle?.color)].filter(Boolean).join(', ');
}

export function alertSmsFields(
  alert: SmsAlert,
  version: number | undefined,
  settings: SmsSettings,
  monthNames: readonly string[],
): AlertSmsFields {
  const clean = (text?: string) => cleanUserText(text, settings.transliterate);
  return {
    name: clean(alert.child.name),
    age: alert.child.age,
    time: formatShortLocalTime(new Date(alert.lastSeen.at), settings.timeZone, monthNames),
    place: clean(alert.lastSeen.place),
    description: clean(alert.child.description),
    plate: clean(alert.vehicle?.plate),
    vehicleDetails: vehicleDetails(alert.vehicle, clean),
    phone: settings.policeNumber,
    link: alertLink(settings.publicBaseUrl, alert.id),
    ...(version === undefined ? {} : { version }),
    ...(alert.outcome ? { outcome: alert.outcome } : {}),
  };
}
