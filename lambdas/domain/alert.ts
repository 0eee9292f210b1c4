import type { AlertStatus } from './alert-status';
import type { Submission } from './schemas';

export { ALERT_STATUSES, type AlertStatus } from './alert-status';

/** Statuses in which the workflow still has work to do. Everything else is final. */
export const OPEN_STATUSES: readonly AlertStatus[] = ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE'];

export type AlertMode = Submission['mode'];
export type Outcome = 'FOUND' | 'CANCELLED';

export interface Actor {
  sub: string;
  username: string;
}

export const SYSTEM_ACTOR: Actor = { sub: 'system', username: 'workflow' };

export type AuditAction =
  | 'SUBMIT'
  | 'APPROVE'
  | 'REJECT'
  | 'APPROVAL_TIMEOUT'
  | 'BROADCAST'
  | 'ACTIVATE'
  | 'RESOLVE'
  | 'CANCELLATION_SENT'
  | 'EXPIRE'
  | 'FAIL'
  | 'UPDATE_SUBMIT'
  | 'UPDATE_APPROVE'
  | 'UPDATE_REJECT'
  | 'UPDATE_TIMEOUT'
  | 'UPDATE_SENT'
  | 'EXTEND'
  /** Personal fields removed after the retention period (retention.ts). */
  | 'PURGE';

export interface AuditEntry {
  at: string;
  actor: Actor;
  action: AuditAction;
  from: AlertStatus | null;
  to: AlertStatus;
  reason?: string;
}

/** Fields an update may change; anything else (counties, mode, case) is fixed once the alert is approved. */
export type UpdatableFields = Pick<Submission, 'child' | 'suspect' | 'vehicle' | 'lastSeen'>;

export type UpdateRequestState = 'AWAITING_APPROVAL' | 'APPROVED' | 'REJECTED' | 'TIMED_OUT' | 'SENT';

export interface UpdateRequest {
  /** The version the UPDATE message will carry: one more than the last issued message. */
  version: number;
  state: UpdateRequestState;
  /** The fields as they will read once approved (already merged with the alert's). */
  changes: Partial<UpdatableFields>;
  note?: string;
  submittedBy: Actor;
  submittedAt: string;
  /** Wall-clock approval deadline, shortened by the time scale like the alert's. */
  deadline: string;
  decidedBy?: Actor;
  decidedAt?: string;
  reason?: string;
  /** The signed digest of the UPDATE the supervisor approved; checked before sending or serving it. */
  approvedContent?: ApprovalSignature;
  delivery?: BroadcastSummary;
}

/** The public content of a message as it was issued, so that its CAP form can be rebuilt later unchanged. */
export type MessageContent = Pick<
  Alert,
  'child' | 'suspect' | 'vehicle' | 'lastSeen' | 'counties' | 'outcome'
> & {
  expiresAt?: string;
};

export interface IssuedMessage {
  /**
   * EXTENSION: no SMS, only a CAP Update that re-issues the latest content with the later expiry
   * (extend-alert.ts), so that partners do not drop an alert that is still running.
   */
  kind: 'ALERT' | 'UPDATE' | 'EXTENSION' | 'CANCELLATION';
  /** ALERT is 1, each UPDATE or EXTENSION the next, the CANCELLATION the last. */
  version: number;
  sentAt: string;
  capIdentifier: string;
  content: MessageContent;
  /** The approval whose public content this message carries: checked before its CAP form is served. */
  approval?: ApprovalSignature;
}

/**
 * A supervisor's approval: the signature over a digest of the SMS texts (`textsDigest`) and of the public
 * fields every document is built from (`publicDigest`: lambdas/domain/public-content-digest.ts). Both parts
 * are kept, so that a document can be checked without composing the SMS again.
 */
export interface ApprovalSignature {
  digest: string;
  signature: string;
  keyId: string;
  textsDigest?: string;
  publicDigest?: string;
  /** Of an update's approval: its version. */
  version?: number;
}

export interface BroadcastSummary {
  recipients: number;
  sent: number;
  failed: number;
  /** Planned phones not yet SENT or FAILED. */
  pending?: number;
  /** Phones sent again after a crash left it unknown whether the first send left (at most the sends in flight). */
  ambiguousResent?: number;
  startedAt?: string;
  finishedAt?: string;
  /** Messages handled per second since the start: compare with the account's SMS quota. */
  ratePerSecond?: number;
  /** While it runs: when the last phone should be reached at the achieved rate. */
  estimatedFinishAt?: string;
  /** When these figures were written (they are updated every few seconds, not per message). */
  updatedAt?: string;
}

export interface Alert {
  id: string;
  caseNumber: string;
  mode: AlertMode;
  status: AlertStatus;
  /** The directorate of the submitting officer: who may see, approve and resolve the alert. */
  directorate: string;
  child: Submission['child'];
  suspect?: Submission['suspect'];
  vehicle?: Submission['vehicle'];
  lastSeen: Submission['lastSeen'];
  counties: string[];
  criteria: Submission['criteria'];
  durationHours: number;
  submittedBy: Actor;
  createdAt: string;
  updatedAt: string;
  /** Wall-clock deadlines, already shortened by the time scale on the local platform. */
  approvalDeadline: string;
  approvedBy?: Actor;
  /** The signed digest of what the supervisor approved; checked before anything is sent or served. */
  approvedContent?: ApprovalSignature;
  approvedAt?: string;
  activatedAt?: string;
  expiresAt?: string;
  resolvedAt?: string;
  outcome?: Outcome;
  resolutionNote?: string;
  rejectionReason?: string;
  failure?: string;
  /** Set once the supervisors have been asked to decide, so that a re-entered wait does not ask again. */
  approvalRequestedAt?: string;
  /** Set once the cancellation has gone to every phone that received the alert. */
  cancellationSentAt?: string;
  broadcast: BroadcastSummary;
  /** The latest update of the public fields an officer asked for, and where it stands (alert-update.ts). */
  updateRequest?: UpdateRequest;
  /** Every message issued to the public, oldest first: what CAP references and the public feed are built from. */
  messages?: IssuedMessage[];
  /** Delivery of the cancellation, once the alert is resolved. */
  cancellation?: BroadcastSummary;
  history: AuditEntry[];
  /** When the personal fields were removed after the retention period (retention.ts); set once. */
  purgedAt?: string;
}

/** The fields anyone may see on an active alert: no case number, officers, criteria or notes. */
export interface PublicAlert {
  id: string;
  status: AlertStatus;
  child: Alert['child'];
  suspect?: Alert['suspect'];
  vehicle?: Alert['vehicle'];
  lastSeen: Alert['lastSeen'];
  counties: string[];
  activatedAt?: string;
  expiresAt?: string;
  resolvedAt?: string;
  outcome?: Outcome;
  updatedAt: string;
}

export function toPublicAlert(alert: Alert): PublicAlert {
  return {
    id: alert.id,
    status: alert.status,
    child: alert.child,
    ...(alert.suspect ? { suspect: alert.suspect } : {}),
    ...(alert.vehicle ? { vehicle: alert.vehicle } : {}),
    lastSeen: alert.lastSeen,
    counties: alert.counties,
    ...(alert.activatedAt ? { activatedAt: alert.activatedAt } : {}),
    ...(alert.expiresAt ? { expiresAt: alert.expiresAt } : {}),
    ...(alert.resolvedAt ? { resolvedAt: alert.resolvedAt } : {}),
    ...(alert.outcome ? { outcome: alert.outcome } : {}),
    updatedAt: alert.updatedAt,
  };
}

/** Deadlines shrink by the time scale so that trainers can watch a 24-hour alert expire in 24 seconds. */
export function deadlineAfter(now: Date, seconds: number, timeScale: number): string {
  return new Date(now.getTime() + Math.round((seconds * 1000) / timeScale)).toISOString();
}

/** Whole seconds until a deadline, at least 1: Step Functions timeouts are positive integers. */
export function secondsUntil(deadline: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(deadline) - now.getTime()) / 1000));
}

export function isPublic(alert: Alert): boolean {
  return alert.mode === 'LIVE' && alert.status === 'ACTIVE';
}
