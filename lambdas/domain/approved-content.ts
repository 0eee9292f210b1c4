import type { AmberConfig } from '../config/config';
import type { Alert } from './alert';
import { smsNumberOf } from './alert-update';
import { publicDigest, type SignedContent, textsDigest } from './public-content-digest';
import { composeAlertSms, smsSettingsFrom } from './sms';

/**
 * Exactly what goes public once approved: the SMS texts in every language, and the public fields that the
 * CAP texts, the page and the JSON view are built from (the photo URL included), with the counties and mode.
 */
export interface ApprovedContent extends SignedContent {
  texts: Record<string, string>;
}

/** Which message is approved: the alert itself, or one of its updates. */
export type ApprovedMessage = { kind: 'ALERT' } | { kind: 'UPDATE'; version: number };

export function approvedContent(
  alert: Alert,
  config: AmberConfig,
  message: ApprovedMessage = { kind: 'ALERT' },
): ApprovedContent {
  const settings = smsSettingsFrom(config);
  const version = message.kind === 'UPDATE' ? message.version : undefined;
  const number = version ? { version: smsNumberOf(alert, version) } : {};
  const texts: Record<string, string> = {};
  for (const language of config.country.languages) {
    texts[language] = composeAlertSms(
      { kind: message.kind, mode: alert.mode, language, alert, ...number },
      settings,
    ).body;
  }
  return {
    alertId: alert.id,
    mode: alert.mode,
    counties: [...alert.counties],
    ...(version ? { version } : {}),
    textsDigest: textsDigest(texts),
    publicDigest: publicDigest(alert),
    texts,
  };
}

/** What the signature covers: the content without its texts in clear (their digest stands for them). */
export function signedPart({ texts: _texts, ...signed }: ApprovedContent): SignedContent {
  return signed;
}
