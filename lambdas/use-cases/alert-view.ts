import type { Alert } from '../domain/alert';

/**
 * The police view: everything but the workflow's internal wait token. On its own so that the handlers that
 * answer with an alert do not bundle read-alerts.ts (and the SMS composer its approval preview needs).
 */
export function toAlertView(alert: Alert & { waitToken?: string }): Alert {
  const { waitToken: _token, ...view } = alert;
  return view;
}
