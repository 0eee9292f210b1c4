import type { Tip, TipCounts, TipHistoryEntry, TipState } from '../domain/tips/tip';

/** How a repeated submission under one idempotency key is recognised. */
export interface TipIdempotency {
  /** sha256 of the alert id and the key (reference.ts): the key itself is never stored. */
  fingerprint: string;
  /** sha256 of the canonical body. */
  body: string;
}

export type CreateTipResult =
  /** Stored now. */
  | { kind: 'CREATED'; tip: Tip }
  /** The same key and body were stored before: that tip, nothing written. */
  | { kind: 'REPLAYED'; tip: Tip }
  /** The key was used with another body. */
  | { kind: 'KEY_REUSED' };

export interface TipPage {
  items: Tip[];
  /** Opaque: pass it back for the next page; absent on the last one. */
  next?: string;
}

export interface TipRepository {
  /**
   * Stores the tip under the first free reference of `references`, with a condition that the item is new
   * (durable once this resolves). With `idempotency`, a reference already holding a tip of the same
   * fingerprint is that submission again: REPLAYED with the same body, KEY_REUSED with another.
   */
  create(
    tip: Omit<Tip, 'id' | 'reference'>,
    references: readonly string[],
    idempotency?: TipIdempotency,
  ): Promise<CreateTipResult>;
  get(id: string): Promise<Tip | undefined>;
  /** The alert's tips, newest first, a page at a time; optionally those in one state. */
  page(alertId: string, options: { state?: TipState; cursor?: string; limit: number }): Promise<TipPage>;
  /** Every tip of the alert, newest first (the CSV export). */
  all(alertId: string): Promise<Tip[]>;
  counts(alertId: string): Promise<TipCounts>;
  /**
   * Moves the tip to `entry.to` and appends the entry, in one conditional write: only if the tip is still
   * in `entry.from` (two officers triaging at once: one wins, the other gets ConcurrentChangeError).
   */
  triage(id: string, entry: TipHistoryEntry & { from: TipState }): Promise<Tip>;
  /**
   * Counts one urgent tip of the alert and, if no notification went out in the last `windowMs`, claims
   * the window. Returns the number of urgent tips since the previous notification when this call claimed
   * it (the caller notifies), undefined otherwise (a notification of this window already went out).
   */
  countUrgent(alertId: string, now: Date, windowMs: number): Promise<number | undefined>;
  /** True the first time for this alert and phone: at most one acknowledgement SMS each. */
  claimAcknowledgement(alertId: string, phone: string, now: Date): Promise<boolean>;
  /** Removes the contact of every tip of the alert that still has one; returns how many. */
  purgeContacts(alertId: string, now: Date): Promise<number>;
}

/** What a read-only function gets. */
export type TipReader = Pick<TipRepository, 'get' | 'page' | 'all' | 'counts'>;
