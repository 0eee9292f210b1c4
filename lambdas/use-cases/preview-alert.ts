import type { AmberConfig } from '../config/config';
import type { Alert } from '../domain/alert';
import { newAlertId } from '../domain/alert-id';
import { assertCanSubmit, type Principal } from '../domain/identity';
import type { Submission } from '../domain/schemas';
import { composeAlertSms, type SmsAlert, smsSettingsFrom } from '../domain/sms';
import type { SmsEncoding } from '../domain/sms/measure-sms';

export interface SmsPreview {
  body: string;
  encoding: SmsEncoding;
  segments: number;
}

export interface AlertPreview {
  mode: Alert['mode'];
  counties: string[];
  /** The ALERT SMS per language, exactly as the composer will write it once approved. */
  sms: Record<string, SmsPreview>;
}

/**
 * What an alert would send, for the officer's review step: nothing is stored. The link in the SMS carries a
 * fresh id of the real length, so the body has the length, encoding and segments of the one that will go
 * out; only the id itself differs.
 */
export function previewAlert(
  deps: { config: AmberConfig },
  principal: Principal,
  submission: Submission,
): AlertPreview {
  assertCanSubmit(principal);
  const sms = previewSms(deps.config, { ...submission, id: newAlertId() });
  return { mode: submission.mode, counties: [...submission.counties], sms };
}

/** The ALERT SMS of an alert in every language of the country, measured. */
export function previewSms(config: AmberConfig, alert: SmsAlert & Pick<Alert, 'mode'>) {
  const settings = smsSettingsFrom(config);
  const sms: Record<string, SmsPreview> = {};
  for (const language of config.country.languages) {
    const { body, encoding, segments } = composeAlertSms(
      { kind: 'ALERT', mode: alert.mode, language, alert },
      settings,
    );
    sms[language] = { body, encoding, segments };
  }
  return sms;
}
