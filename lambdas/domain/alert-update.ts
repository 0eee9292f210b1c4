import type { Alert, IssuedMessage, MessageContent, UpdatableFields, UpdateRequest } from './alert';
import { ConflictError } from './errors';
import type { UpdateChanges } from './schemas';

/**
 * Updates of an active alert: an officer asks, a second person approves, the workflow sends it as an UPDATE
 * with the next version. Each issued message keeps the content it carried, so that its CAP form can be
 * served later exactly as it went out.
 */

/**
 * Each issued message keeps a copy of the public fields (a few KB at most): this bounds the alert item
 * well under DynamoDB's 400 KB, with room for the cancellation.
 */
export const MAX_ISSUED_MESSAGES = 40;

/** An update request that still needs a supervisor, or the workflow to send it. */
export const isUpdateOpen = (request: UpdateRequest | undefined): boolean =>
  request?.state === 'AWAITING_APPROVAL' || request?.state === 'APPROVED';

export const lastVersion = (alert: Pick<Alert, 'messages'>): number => alert.messages?.at(-1)?.version ?? 0;

/**
 * The number an update carries in its SMS and CMAM texts ("UPDATE 3"): its place among the messages
 * subscribers received, the alert being 1. Unlike the CAP version it skips no number: an extension re-issues
 * the CAP message but sends no SMS. The same before the update is issued (when its texts are signed) and after.
 */
export function smsNumberOf(alert: Pick<Alert, 'messages'>, version: number): number {
  const received = (alert.messages ?? []).filter(
    (m) => (m.kind === 'ALERT' || m.kind === 'UPDATE') && m.version < version,
  );
  return received.length + 1;
}

/** The version the next update or extension takes; the last one an alert may have is kept for its cancellation. */
export function nextVersion(alert: Pick<Alert, 'messages'>): number {
  const last = lastVersion(alert);
  if (last >= MAX_ISSUED_MESSAGES - 1)
    throw new ConflictError('This alert has had as many updates and extensions as it may have');
  return last + 1;
}

/**
 * The updatable fields once the changes are merged in: each object given replaces the fields it names and
 * keeps the others. The result still has to pass the submission's own rules (the caller checks).
 */
export function mergeChanges(alert: Alert, changes: UpdateChanges): Record<keyof UpdatableFields, unknown> {
  const merge = <T extends object>(current: T | undefined, change: Partial<T> | undefined) =>
    change === undefined ? current : { ...(current ?? {}), ...change };
  return {
    child: merge(alert.child, changes.child),
    suspect: merge(alert.suspect, changes.suspect),
    vehicle: merge(alert.vehicle, changes.vehicle),
    lastSeen: merge(alert.lastSeen, changes.lastSeen),
  };
}

/** Only the fields an update touched, as they will read: what the request stores and the approval applies. */
export function changedFields(merged: UpdatableFields, changes: UpdateChanges): Partial<UpdatableFields> {
  const out: Partial<UpdatableFields> = {};
  for (const key of ['child', 'suspect', 'vehicle', 'lastSeen'] as const) {
    if (changes[key] !== undefined && merged[key] !== undefined) Object.assign(out, { [key]: merged[key] });
  }
  return out;
}

/** The alert as it reads with an update's changes applied. */
export function withChanges(alert: Alert, changes: Partial<UpdatableFields>): Alert {
  return { ...alert, ...changes };
}

/** The public content an issued message carries. */
export function messageContent(alert: Alert): MessageContent {
  return {
    child: alert.child,
    ...(alert.suspect ? { suspect: alert.suspect } : {}),
    ...(alert.vehicle ? { vehicle: alert.vehicle } : {}),
    lastSeen: alert.lastSeen,
    counties: alert.counties,
    ...(alert.outcome ? { outcome: alert.outcome } : {}),
    ...(alert.expiresAt ? { expiresAt: alert.expiresAt } : {}),
  };
}

/** The alert as it read when `message` was issued: its content replaces the current public fields. */
export function alertAsIssued(alert: Alert, message: IssuedMessage): Alert {
  const { suspect: _s, vehicle: _v, outcome: _o, expiresAt: _e, ...rest } = alert;
  return { ...rest, ...message.content };
}
