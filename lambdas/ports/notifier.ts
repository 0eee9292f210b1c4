export interface ApprovalRequest {
  alertId: string;
  /** The alert's directorate: its supervisors and the national ones are told. */
  directorate: string;
  counties: string[];
  mode: 'LIVE' | 'EXERCISE';
}

export interface BroadcastStarting {
  alertId: string;
  counties: string[];
  recipients: number;
}

/** Tells people (not the public) that something needs them. Carries ids and codes, never the child's details. */
export interface Notifier {
  approvalRequested(request: ApprovalRequest): Promise<void>;
  /**
   * Tells the same supervisors that an alert they were asked to approve was withdrawn (resolved) before anyone
   * decided: nothing went out, and there is nothing left to approve.
   */
  approvalWithdrawn(request: ApprovalRequest): Promise<void>;
  /** Pages the on-call ops contact before the first SMS of a live broadcast leaves. */
  broadcastStarting(event: BroadcastStarting): Promise<void>;
}
