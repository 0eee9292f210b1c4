import { type Alert, type AlertStatus, type AuditEntry, type MessageContent, SYSTEM_ACTOR } from './alert';

/**
 * Retention of personal data (issue 6, item 7). Once an alert has ended, its personal fields are kept for
 * `retentionDays`, then removed; the audit trail (who did what, when, from which status to which) and the
 * counts (recipients, sent, failed) stay, so that the alert can still be accounted for.
 *
 * Every final status is purged, not only RESOLVED and EXPIRED: a REJECTED, APPROVAL_TIMED_OUT or FAILED
 * alert carries the same submission (the child's name, description, photo, the suspect, the plate), and
 * keeping it longer than a resolved one would have no purpose. (A cancelled alert is RESOLVED with outcome
 * CANCELLED.)
 */
export const PURGEABLE_STATUSES: readonly AlertStatus[] = [
  'RESOLVED',
  'EXPIRED',
  'REJECTED',
  'APPROVAL_TIMED_OUT',
  'FAILED',
];

/** What a removed text reads as: the types (and the CAP and page builders) still find a string. */
export const PURGED_TEXT = '[removed]';

const DAY_MS = 86_400_000;

/**
 * The instant before which an alert must have ended to be purged. The time scale of the local platform
 * shortens it like every other deadline (30 days at AMBER_TIME_SCALE=86400 are 30 seconds).
 */
export function retentionCutoff(now: Date, retentionDays: number, timeScale = 1): Date {
  return new Date(now.getTime() - Math.round((retentionDays * DAY_MS) / timeScale));
}

/**
 * When the alert reached its final status: the audit entry that moved it there (a later entry that keeps
 * the status, such as CANCELLATION_SENT, does not restart the clock).
 */
export function endedAt(alert: Alert): string {
  const entry = alert.history.find((e) => e.to === alert.status && e.from !== e.to);
  return entry?.at ?? alert.updatedAt;
}

/**
 * Whether the alert's personal fields must go now. A resolved alert's cancellation is sent to the phones of
 * the delivery list, which the purge removes: the whole retention period is its time to go out. One that
 * still has not (it failed, and nothing re-drove it) does not keep the data any longer than that.
 */
export function isDueForPurge(alert: Alert, cutoff: Date): boolean {
  if (alert.purgedAt) return false;
  if (!PURGEABLE_STATUSES.includes(alert.status)) return false;
  return Date.parse(endedAt(alert)) <= cutoff.getTime();
}

type PublicContent = Pick<Alert, 'child' | 'suspect' | 'vehicle' | 'lastSeen'>;

/**
 * The child keeps only the age and the last sighting only its county and time (figures a report may count);
 * the suspect and the vehicle (a plate names its owner) go entirely.
 */
function redactContent<T extends Partial<PublicContent>>(content: T): Omit<T, 'suspect' | 'vehicle'> {
  const { suspect: _suspect, vehicle: _vehicle, ...rest } = content;
  return {
    ...rest,
    ...(content.child
      ? { child: { name: PURGED_TEXT, age: content.child.age, description: PURGED_TEXT } }
      : {}),
    ...(content.lastSeen ? { lastSeen: { ...content.lastSeen, place: PURGED_TEXT } } : {}),
  };
}

/** The alert's attributes after the purge, and the attributes it loses. */
export interface PurgePlan {
  set: Pick<Alert, 'child' | 'lastSeen' | 'history' | 'purgedAt' | 'updatedAt'> &
    Partial<Pick<Alert, 'messages' | 'updateRequest'>>;
  remove: ReadonlyArray<'suspect' | 'vehicle' | 'resolutionNote' | 'rejectionReason'>;
  /** The PURGE entry that ends `set.history`. */
  entry: AuditEntry;
}

/**
 * What the purge writes. Free text written by people (notes, reasons, including the reasons of the audit
 * entries) may name the child, so it is removed; the audit entries themselves stay. The signed digests
 * stay too: they hold no text in clear.
 */
export function planPurge(alert: Alert, now: Date): PurgePlan {
  const at = now.toISOString();
  const entry: AuditEntry = {
    at,
    actor: SYSTEM_ACTOR,
    action: 'PURGE',
    from: alert.status,
    to: alert.status,
  };
  const history = alert.history.map((e) => (e.reason === undefined ? e : { ...e, reason: PURGED_TEXT }));
  const { child, lastSeen } = redactContent({ child: alert.child, lastSeen: alert.lastSeen });
  const set: PurgePlan['set'] = {
    child: child ?? alert.child,
    lastSeen: lastSeen ?? alert.lastSeen,
    history: [...history, entry],
    purgedAt: at,
    updatedAt: at,
  };
  if (alert.messages) {
    set.messages = alert.messages.map((m) => ({
      ...m,
      content: redactContent(m.content) as MessageContent,
    }));
  }
  if (alert.updateRequest) {
    const { note: _note, reason: _reason, ...request } = alert.updateRequest;
    set.updateRequest = { ...request, changes: {} };
  }
  return { set, remove: ['suspect', 'vehicle', 'resolutionNote', 'rejectionReason'], entry };
}
