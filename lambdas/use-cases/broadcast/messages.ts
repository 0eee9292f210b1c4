import type { Alert, BroadcastSummary } from '../../domain/alert';

export type BroadcastMessage = 'ALERT' | 'UPDATE' | 'CANCELLATION';

/**
 * Delivery records are grouped per alert and message (`UPDATE-2` for the update with version 2); the
 * lists of updates and of the cancellation are derived from the alert's.
 */
export const messageKey = (alertId: string, message: BroadcastMessage, version?: number) =>
  message === 'UPDATE' ? `${alertId}#UPDATE-${version ?? 0}` : `${alertId}#${message}`;

/** Whether this message still has to go out for the alert as stored; false makes a re-run a no-op. */
export function isDue(alert: Alert, message: BroadcastMessage): boolean {
  switch (message) {
    case 'ALERT':
      return alert.status === 'APPROVED';
    case 'UPDATE':
      return alert.status === 'ACTIVE' && alert.updateRequest?.state === 'APPROVED';
    case 'CANCELLATION':
      return alert.status === 'RESOLVED' && !alert.cancellationSentAt;
  }
}

/** The version this message carries (see IssuedMessage). */
export function versionOf(alert: Alert, message: BroadcastMessage): number {
  if (message === 'ALERT') return 1;
  if (message === 'UPDATE') return alert.updateRequest?.version ?? 0;
  const issued = alert.messages ?? [];
  return issued.find((m) => m.kind === 'CANCELLATION')?.version ?? (issued.at(-1)?.version ?? 0) + 1;
}

/** Where the delivery summary of this message is kept on the alert. */
export function summaryOf(alert: Alert, message: BroadcastMessage): BroadcastSummary | undefined {
  if (message === 'ALERT') return alert.broadcast;
  if (message === 'UPDATE') return alert.updateRequest?.delivery;
  return alert.cancellation;
}

/** The attributes that store a new delivery summary of this message. */
export function summaryPatch(
  alert: Alert,
  message: BroadcastMessage,
  summary: BroadcastSummary,
): Partial<Pick<Alert, 'broadcast' | 'cancellation' | 'updateRequest'>> {
  if (message === 'ALERT') return { broadcast: summary };
  if (message === 'CANCELLATION') return { cancellation: summary };
  // Nobody else writes the request while it is APPROVED: asking for another and deciding both need it closed.
  return alert.updateRequest ? { updateRequest: { ...alert.updateRequest, delivery: summary } } : {};
}
