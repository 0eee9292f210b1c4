import type { AmberConfig } from '../../config/config';
import type { Alert, IssuedMessage } from '../alert';
import { alertAsIssued } from '../alert-update';
import { buildCapMessage, capReferenceFor } from '../cap';

/**
 * The CAP messages of an alert, rebuilt from what each message carried when it was issued: the same
 * content, version and time give the same message, whatever the alert reads now.
 */

/** Exercises stay among the police and the drill group; an alert is public once a message was issued. */
export function hasPublicMessages(alert: Alert): boolean {
  return alert.mode === 'LIVE' && (alert.messages?.length ?? 0) > 0;
}

export function latestMessage(alert: Alert): IssuedMessage | undefined {
  return alert.messages?.at(-1);
}

export function messageByVersion(alert: Alert, version: number): IssuedMessage | undefined {
  return alert.messages?.find((m) => m.version === version);
}

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
