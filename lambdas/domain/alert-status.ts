/**
 * The statuses of an alert, apart from alert.ts so that the request schemas (schemas.ts), whose types alert.ts
 * builds on, can name them without an import cycle.
 */
export const ALERT_STATUSES = [
  'PENDING_APPROVAL',
  'APPROVED',
  'ACTIVE',
  'REJECTED',
  'APPROVAL_TIMED_OUT',
  'RESOLVED',
  'EXPIRED',
  'FAILED',
] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
