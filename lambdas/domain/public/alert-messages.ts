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
