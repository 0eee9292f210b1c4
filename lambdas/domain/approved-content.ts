import { createHash } from 'node:crypto';
import type { AmberConfig } from '../config/config';
import type { Alert } from './alert';
import { smsNumberOf } from './alert-update';
import { composeAlertSms, smsSettingsFrom } from './sms';

/** Exactly what goes public once approved: the texts in every language, the counties and the mode. */
export interface ApprovedContent {
  alertId: string;
  mode: Alert['mode'];
  counties: string[];
  texts: Record<string, string>;
  /** Only for an update: its version, so that an approval of UPDATE 2 cannot be replayed as UPDATE 3. */
  version?: number;
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
    texts,
    ...(version ? { version } : {}),
  };
}

/** SHA-256 over a canonical JSON (sorted keys), so the same content always gives the same digest. */
export function contentDigest(content: ApprovedContent): Uint8Array {
  const canonical = JSON.stringify(content, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : value,
  );
  return new Uint8Array(createHash('sha256').update(canonical).digest());
}
