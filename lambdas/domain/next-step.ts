import { type Alert, secondsUntil } from './alert';
import type { WorkflowNextStep } from './workflow-steps';

export interface RouteResult {
  alertId: string;
  status: Alert['status'];
  next: WorkflowNextStep;
  /** For the waits: whole seconds until the deadline of the current wait. */
  timeoutSeconds?: number;
}

/** What the workflow does next, decided from the stored alert alone so that any execution can resume it. */
export function nextStep(alert: Alert, now: Date): RouteResult {
  const base = { alertId: alert.id, status: alert.status };
  switch (alert.status) {
    case 'PENDING_APPROVAL':
      return { ...base, next: 'AWAIT_APPROVAL', timeoutSeconds: secondsUntil(alert.approvalDeadline, now) };
    case 'APPROVED':
      return { ...base, next: 'BROADCAST' };
    case 'ACTIVE': {
      const untilExpiry = alert.expiresAt ? secondsUntil(alert.expiresAt, now) : 1;
      const update = alert.updateRequest;
      if (update?.state === 'APPROVED') return { ...base, next: 'SEND_UPDATE' };
      if (update?.state === 'AWAITING_APPROVAL') {
        // Whichever comes first: the update's approval window closes, or the alert itself expires.
        const timeoutSeconds = Math.min(secondsUntil(update.deadline, now), untilExpiry);
        return { ...base, next: 'AWAIT_UPDATE_APPROVAL', timeoutSeconds };
      }
      return { ...base, next: 'AWAIT_RESOLUTION', timeoutSeconds: untilExpiry };
    }
    case 'RESOLVED':
      return { ...base, next: alert.cancellationSentAt ? 'DONE' : 'SEND_CANCELLATION' };
    default:
      return { ...base, next: 'DONE' };
  }
}
