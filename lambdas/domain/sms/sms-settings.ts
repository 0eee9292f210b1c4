import type { AmberConfig } from '../../config/config';

/** What the composers need from the configuration, and nothing else, so tests can vary one value. */
export interface SmsSettings {
  publicBaseUrl: string;
  policeNumber: string;
  /** Most segments one message may cost; beyond it the composer shortens the free-text fields. */
  segmentBudget: number;
  /** Fold text to GSM-7, so that Albanian diacritics do not triple the cost of every message. */
  transliterate: boolean;
  /** IANA zone in which the public reads times ("last seen 28 Nov 14:30"). */
  timeZone: string;
  /** Lifetime of a confirmation code, which the code SMS announces. */
  codeTtlMinutes: number;
  /** How a subscriber ends alerts, which the subscription code SMS says: a reply, or a web page. */
  stop: StopRoute;
}

/** "Reply STOP" only where replies reach the platform (two-way SMS); otherwise the page that ends alerts. */
export type StopRoute = { reply: true } | { reply: false; url: string };

export function smsSettingsFrom(config: AmberConfig): SmsSettings {
  return {
    publicBaseUrl: config.publicBaseUrl,
    policeNumber: config.country.policeNumber,
    segmentBudget: config.sms.segmentBudget,
    transliterate: config.sms.transliterate,
    timeZone: config.country.timeZone,
    codeTtlMinutes: config.subscriptions.codeTtlMinutes,
    stop: config.sms.twoWay ? { reply: true } : { reply: false, url: config.sms.stopUrl },
  };
}

/** The public page of an alert, with its photo: the one link every alert message carries. */
export function alertLink(publicBaseUrl: string, alertId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/a/${encodeURIComponent(alertId)}`;
}
