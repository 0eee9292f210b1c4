import { type Alert, deadlineAfter, type IssuedMessage } from '../../domain/alert';
import { messageContent } from '../../domain/alert-update';
import { capIdentifier } from '../../domain/cap';
import type { Dependencies } from '../../ports/dependencies';
import { type BroadcastMessage, versionOf } from './messages';

/**
 * Records a message as issued, once, when its sending starts: its version, time and content are what its
 * CAP form and the references of later messages are built from. Only the workflow writes this list, one
 * step at a time, so reading and writing it whole is safe.
 */
export async function recordIssuedMessage(
  deps: Pick<Dependencies, 'alerts' | 'config'>,
  alert: Alert,
  message: BroadcastMessage,
  sentAt: string,
): Promise<IssuedMessage> {
  const version = versionOf(alert, message);
  const issued = alert.messages ?? [];
  const existing = issued.find((m) => m.kind === message && m.version === version);
  if (existing) return existing;
  const record: IssuedMessage = {
    kind: message,
    version,
    sentAt,
    capIdentifier: capIdentifier(deps.config, alert.id, version),
    content: {
      // Until the alert is active its expiry is the planned one, counted from this message.
      expiresAt: deadlineAfter(new Date(sentAt), alert.durationHours * 3600, deps.config.timeouts.timeScale),
      ...messageContent(alert),
    },
  };
  await deps.alerts.update(alert.id, { messages: [...issued, record] });
  return record;
}
