import type { AmberConfig } from '../../config/config';
import type { Alert, IssuedMessage } from '../alert';
import { alertAsIssued } from '../alert-update';
import { buildCapMessage, capReferenceFor } from '../cap';

/**
 * The CAP messages of an alert, rebuilt from what each message carried when it was issued: the same
 * content, version and time give the same message, whatever the alert reads now.
 */

/** An Update or Cancel refers to every earlier message of the alert, oldest first. */
export function capMessageOf(alert: Alert, message: IssuedMessage, config: AmberConfig): string {
  const earlier = (alert.messages ?? []).filter((m) => m.version < message.version);
  return buildCapMessage({
    alert: alertAsIssued(alert, message),
    kind: message.kind,
    version: message.version,
    sent: new Date(message.sentAt),
    references: earlier.map((m) =>
      capReferenceFor({ config, alertId: alert.id, version: m.version, sent: new Date(m.sentAt) }),
    ),
    config,
  });
}
