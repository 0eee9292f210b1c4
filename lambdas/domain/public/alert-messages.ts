import type { Alert, IssuedMessage } from '../alert';

/**
 * Which messages of an alert the public sees. Apart from cap-history.ts, which builds them: the public page
 * needs these and not the CAP writer (nor the SMS composer it uses), so its bundle carries neither.
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

/**
 * The message whose content an extension repeats: the latest Alert or Update issued before it (extensions
 * in between only repeat it too). The Alert when there is none, which the workflow never leaves.
 */
export function reissuedBy(
  alert: Alert,
  extension: IssuedMessage,
): { kind: 'ALERT' | 'UPDATE'; version: number } {
  const earlier = (alert.messages ?? []).filter((m) => m.version < extension.version);
  for (const m of earlier.reverse()) {
    if (m.kind === 'ALERT' || m.kind === 'UPDATE') return { kind: m.kind, version: m.version };
  }
  return { kind: 'ALERT', version: 1 };
}

/** The kind and version an issued message's texts are written for (an extension: those it repeats). */
export function textsKindOf(
  alert: Alert,
  message: IssuedMessage,
): { kind: 'ALERT' | 'UPDATE' | 'CANCELLATION'; version: number } {
  return message.kind === 'EXTENSION'
    ? reissuedBy(alert, message)
    : { kind: message.kind, version: message.version };
}
