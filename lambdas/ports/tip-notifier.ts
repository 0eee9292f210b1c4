/** Tells the alert's directorate that people see the child now. Ids and a count only, never tip text. */
export interface UrgentTips {
  alertId: string;
  directorate: string;
  mode: 'LIVE' | 'EXERCISE';
  /** Urgent tips since the previous notification of this alert. */
  count: number;
}

export interface TipNotifier {
  urgentTips(notice: UrgentTips): Promise<void>;
}
