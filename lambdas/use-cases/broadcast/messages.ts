import type { Alert } from '../../domain/alert';

export type BroadcastMessage = 'ALERT' | 'CANCELLATION';

/** Delivery records are grouped per alert and message; a cancellation's list is derived from the alert's. */
export const messageKey = (alertId: string, message: BroadcastMessage) => `${alertId}#${message}`;

/** Whether this message still has to go out for the alert as stored; false makes a re-run a no-op. */
export function isDue(alert: Alert, message: BroadcastMessage): boolean {
  return message === 'ALERT'
    ? alert.status === 'APPROVED'
    : alert.status === 'RESOLVED' && !alert.cancellationSentAt;
}
