import { type Alert, type ApprovalSignature, deadlineAfter, type IssuedMessage } from '../../domain/alert';
import { messageContent } from '../../domain/alert-update';
import { capIdentifier } from '../../domain/cap';
import type { Dependencies } from '../../ports/dependencies';
import { currentApproval } from '../public-integrity';
import { type BroadcastMessage, versionOf } from './messages';

/** The approval whose content the message carries, for its CAP form to be checked when served. */
function approvalField(alert: Alert, message: BroadcastMessage): { approval?: ApprovalSignature } {
  const approval =
    message === 'ALERT'
      ? alert.approvedContent
      : message === 'UPDATE'
        ? alert.updateRequest?.approvedContent
        : currentApproval(alert);
  return approval ? { approval } : {};
}

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
    ...approvalField(alert, message),
    content: {
      // Until the alert is active its expiry is the planned one, counted from this message.
      expiresAt: deadlineAfter(new Date(sentAt), alert.durationHours * 3600, deps.config.timeouts.timeScale),
      ...messageContent(alert),
    },
  };
  await deps.alerts.update(alert.id, { messages: [...issued, record] });
  return record;
}
