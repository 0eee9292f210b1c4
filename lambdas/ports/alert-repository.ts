import type {
  Alert,
  AlertMode,
  AlertStatus,
  AuditEntry,
  BroadcastSummary,
  UpdateRequestState,
} from '../domain/alert';
import type { PurgePlan } from '../domain/retention';

export interface TransitionRequest {
  id: string;
  /** The write succeeds only if the alert is in one of these statuses. */
  from: readonly AlertStatus[];
  to: AlertStatus;
  entry: AuditEntry;
  /** Further attributes written in the same conditional update. */
  set?: Partial<Omit<Alert, 'id' | 'status' | 'history'>>;
  /** Refuse the write once this ISO deadline has passed (approvals after the approval timeout). */
  notAfter?: { attribute: 'approvalDeadline' | 'expiresAt'; now: string };
  /** Refuse the write if the mode is not the one the decision was made on. */
  unchanged?: { mode: AlertMode };
  /**
   * Refuse the write unless the alert's update request is in one of these states (`NONE`: it has none),
   * and, with `version`, is that version: two supervisors deciding one update at once, or an update
   * asked for while another is open, lose the race here.
   */
  updateRequest?: { states: readonly (UpdateRequestState | 'NONE')[]; version?: number };
  /**
   * Refuse the write unless the alert has issued exactly this many messages: a version counted from them
   * (an update's, an extension's) is still free when the write lands.
   */
  issuedMessages?: number;
}

/** Where a message's delivery summary lives on the alert. */
export type ProgressAttribute = 'broadcast' | 'cancellation' | 'updateRequest.delivery';

export interface AlertRepository {
  /** Creates the alert unless another open alert holds its case number; then ConflictError names that one. */
  create(alert: Alert): Promise<void>;
  get(id: string): Promise<Alert | undefined>;
  listByDirectorate(directorate: string, status?: AlertStatus): Promise<Alert[]>;
  listByStatus(status: AlertStatus): Promise<Alert[]>;
  /**
   * Changes the status and appends the audit entry in one conditional single-item write, so that a
   * concurrent or repeated decision wins only once. Throws ConcurrentChangeError when it loses.
   * Returns the alert as written, including the wait token that was current at that moment.
   */
  transition(request: TransitionRequest): Promise<Alert & { waitToken?: string }>;
  /**
   * Sets attributes without a status change (broadcast counters, cancellation receipt), with an optional audit
   * entry. Throws ConcurrentChangeError when there is no such alert.
   */
  update(
    id: string,
    set: Partial<Omit<Alert, 'id' | 'status' | 'history'>>,
    entry?: AuditEntry,
  ): Promise<void>;
  /**
   * Writes a message's running delivery figures (`broadcast`, `cancellation`, or the update request's
   * `delivery`) only if they count no fewer sent and no fewer failed than the stored ones: parallel shards
   * each write the sum they read, and a stale sum must not move the figures backwards. False when refused.
   */
  recordProgress(id: string, at: ProgressAttribute, summary: BroadcastSummary): Promise<boolean>;
  /**
   * Records the workflow's current wait token if the alert is still in `status`. Returns false when the
   * alert has already moved on, in which case the caller wakes the workflow itself.
   */
  setWaitToken(id: string, status: AlertStatus, token: string): Promise<boolean>;
}

/** The reads alone: what a function whose role may only read the alerts table gets. */
export type AlertReader = Pick<AlertRepository, 'get' | 'listByDirectorate' | 'listByStatus'>;

export interface EndedAlertsPage {
  items: Alert[];
  /** Opaque: pass it back for the next page; absent on the last one. */
  next?: string;
}

/** What the retention purge needs from the alerts table (retention.ts, use-cases/purge-personal-data.ts). */
export interface AlertRetentionStore {
  /**
   * One page of alerts in `status` created before `createdBefore` that are not purged yet: an alert
   * created later cannot have ended before the cutoff. Reads the byStatus index, never the whole table.
   */
  pageUnpurged(status: AlertStatus, createdBefore: string, cursor?: string): Promise<EndedAlertsPage>;
  /**
   * Writes the purge and its PURGE audit entry in one conditional single-item write: only if the alert is
   * still in `status`, not purged, and its history still has `historyLength` entries (nothing happened
   * since it was read). False when the condition fails, so a second run or a race changes nothing.
   */
  purge(id: string, status: AlertStatus, historyLength: number, plan: PurgePlan): Promise<boolean>;
}
