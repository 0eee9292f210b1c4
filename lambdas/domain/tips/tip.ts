import type { Actor, AlertMode } from '../alert';

/**
 * A tip: what a member of the public saw, sent on the alert's page (WEB) or as a reply to the alert SMS
 * (SMS). It belongs to one alert and is read only by that alert's directorate (and the national one).
 */
export const TIP_CHANNELS = ['WEB', 'SMS'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];

/** NEW until an officer looks at it; triage moves it between the other states, each move audited. */
export const TRIAGE_STATES = ['REVIEWING', 'ACTIONABLE', 'DISMISSED', 'DUPLICATE'] as const;
export const TIP_STATES = ['NEW', ...TRIAGE_STATES] as const;
export type TipState = (typeof TIP_STATES)[number];
export type TriageState = (typeof TRIAGE_STATES)[number];

export interface TipContact {
  /** E.164. */
  phone?: string;
  name?: string;
}

export interface TipLocation {
  lat: number;
  lon: number;
}

/** One triage decision: who, when, from which state to which, and why. */
export interface TipHistoryEntry {
  at: string;
  actor: Actor;
  action: 'RECEIVE' | 'TRIAGE' | 'PURGE_CONTACT';
  from: TipState | null;
  to: TipState;
  note?: string;
}

export interface Tip {
  /** The tip's id is its reference: what the caller quotes on the phone is what the officer finds. */
  id: string;
  reference: string;
  alertId: string;
  /** The alert's directorate at the time the tip arrived: who may read it. */
  directorate: string;
  /** An exercise's tips are drill material, marked so, never mixed with a live alert's. */
  mode: AlertMode;
  receivedAt: string;
  channel: TipChannel;
  message: string;
  seenAt?: string;
  place?: string;
  location?: TipLocation;
  seenNow: boolean;
  contact?: TipContact;
  language: string;
  state: TipState;
  history: TipHistoryEntry[];
  /** Set once the contact details were removed after the retention period. */
  contactPurgedAt?: string;
}

/** Tips per state, and their total. */
export type TipCounts = Record<TipState, number> & { total: number };

export function emptyCounts(): TipCounts {
  return { total: 0, NEW: 0, REVIEWING: 0, ACTIONABLE: 0, DISMISSED: 0, DUPLICATE: 0 };
}

export function countStates(states: readonly TipState[]): TipCounts {
  const counts = emptyCounts();
  for (const state of states) {
    counts[state]++;
    counts.total++;
  }
  return counts;
}

/** What `GET /alerts/{id}` shows of an alert's tips. */
export function tipSummary(counts: TipCounts): { total: number; new: number } {
  return { total: counts.total, new: counts.NEW };
}
