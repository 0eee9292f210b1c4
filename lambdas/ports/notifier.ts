export interface ApprovalRequest {
  alertId: string;
  /** The alert's directorate: its supervisors and the national ones are told. */
  directorate: string;
  counties: string[];
  mode: 'LIVE' | 'EXERCISE';
}

/** Tells people (not the public) that something needs them. Carries ids and codes, never the child's details. */
export interface Notifier {
  approvalRequested(request: ApprovalRequest): Promise<void>;
}
