import type { AmberConfig } from '../../config/config';
import type { Alert, IssuedMessage } from '../alert';
import { alertAsIssued } from '../alert-update';
import { buildCapMessage, capReferenceFor } from '../cap';
import { reissuedBy } from './alert-messages';

/**
 * The CAP messages of an alert, rebuilt from what each message carried when it was issued: the same
 * content, version and time give the same message, whatever the alert reads now.
 */

/** An Update or Cancel refers to every earlier message of the alert, oldest first. */
export function capMessageOf(alert: Alert, message: IssuedMessage, config: AmberConfig): string {
  const earlier = (alert.messages ?? []).filter((m) => m.version < message.version);
  const common = {
    alert: alertAsIssued(alert, message),
    version: message.version,
    sent: new Date(message.sentAt),
    references: earlier.map((m) =>
      capReferenceFor({ config, alertId: alert.id, version: m.version, sent: new Date(m.sentAt) }),
    ),
    config,
  };
  // An extension repeats the info of the message it extends, with the later expiry its content carries.
  return message.kind === 'EXTENSION'
    ? buildCapMessage({ ...common, kind: 'EXTENSION', reissues: reissuedBy(alert, message) })
    : buildCapMessage({ ...common, kind: message.kind });
}
