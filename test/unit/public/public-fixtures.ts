import type { Alert, IssuedMessage } from '../../../lambdas/domain/alert';
import { messageContent } from '../../../lambdas/domain/alert-update';
import { anActiveAlert } from '../support/builders';

/** An issued message of `alert` as the broadcast records it. */
export function issued(
  alert: Alert,
  kind: IssuedMessage['kind'],
  version: number,
  sentAt: string,
): IssuedMessage {
  return {
    kind,
    version,
    sentAt,
    capIdentifier: `amber.example.org.${alert.id}.${version}`,
    content: messageContent(alert),
    ...(alert.approvedContent ? { approval: alert.approvedContent } : {}),
  };
}

/** A live alert that went out at 09:55:30 and runs until the next day. */
export function issuedAlert(overrides: Partial<Alert> = {}): Alert {
  const alert = anActiveAlert(overrides);
  return { ...alert, messages: [issued(alert, 'ALERT', 1, '2024-05-01T09:55:30.000Z')], ...overrides };
}

/** The same alert, resolved (found) at 10:00 with its Cancel as version 2. */
export function resolvedAlert(overrides: Partial<Alert> = {}): Alert {
  const alert = issuedAlert({ status: 'RESOLVED', outcome: 'FOUND', resolvedAt: '2024-05-01T10:00:00.000Z' });
  return {
    ...alert,
    messages: [...(alert.messages ?? []), issued(alert, 'CANCELLATION', 2, '2024-05-01T10:00:05.000Z')],
    ...overrides,
  };
}
