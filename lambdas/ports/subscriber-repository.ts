import type { CodePurpose } from '../domain/sms';

/** UNSUBSCRIBED: removed with a confirmed code; OPTED_OUT: removed by a STOP reply. */
export type SubscriberStatus = 'PENDING_CONFIRMATION' | 'ACTIVE' | 'UNSUBSCRIBED' | 'OPTED_OUT';
export type RemovedStatus = Extract<SubscriberStatus, 'UNSUBSCRIBED' | 'OPTED_OUT'>;

export interface PendingCode {
  /** SHA-256 of the code: codes are never stored in clear. */
  codeHash: string;
  expiresAt: string;
  attempts: number;
  /** What the code may do; absent on codes stored before opt-out existed, which are subscription codes. */
  purpose?: CodePurpose;
}

export interface Subscriber {
  phone: string;
  status: SubscriberStatus;
  language: string;
  counties: string[];
  /** What the subscriber asked for and is confirming (a new or changed subscription). */
  pending?: PendingCode & { counties: string[]; language: string };
  confirmedAt?: string;
  updatedAt: string;
}

export interface Recipient {
  phone: string;
  language: string;
}

export interface RecipientPage {
  recipients: Recipient[];
  /** Opaque cursor for the next page; absent on the last page. */
  next?: string;
}

export interface SubscriberRepository {
  get(phone: string): Promise<Subscriber | undefined>;
  /**
   * Stores a new confirmation code for the phone, keeping any active subscription as it is. A phone that is
   * not subscribed is forgotten at `forgetAt` unless it confirms: the table's TTL deletes the profile, and
   * reads treat it as absent from then on.
   */
  putPending(
    phone: string,
    pending: NonNullable<Subscriber['pending']>,
    now: string,
    forgetAt?: string,
  ): Promise<void>;
  /**
   * Counts one attempt at the pending code, atomically and only while fewer than `max` were made: false
   * means the code is locked. Counting before comparing bounds guesses sent in parallel too.
   */
  claimAttempt(phone: string, max: number): Promise<boolean>;
  /**
   * Makes the pending subscription the active one and writes its per-county membership, provided the pending
   * code is still the one proved (`codeHash`); otherwise a ConcurrentChangeError. A failed activation can be
   * retried with the same code.
   */
  activate(phone: string, codeHash: string, now: string): Promise<Subscriber>;
  /**
   * Ends an active subscription: the profile takes `status`, every county membership is deleted and the
   * county counters go down. Returns false (and changes nothing) when the phone is not subscribed. The
   * removed profile is forgotten at `forgetAt`.
   */
  remove(phone: string, status: RemovedStatus, now: string, forgetAt?: string): Promise<boolean>;
  /**
   * One page of the distinct confirmed subscribers of any of `counties`: each phone once, even when
   * subscribed to several of them. Memory does not grow with the registry.
   */
  recipientsPage(counties: readonly string[], cursor?: string, pageSize?: number): Promise<RecipientPage>;
  /** Confirmed subscribers per county from counters (a phone in two counties counts twice): an estimate. */
  countByCounty(counties: readonly string[]): Promise<number>;
  /** The drill group: phones ops registered to receive exercises. Exercises reach them and nobody else. */
  putDrillRecipient(recipient: DrillRecipient): Promise<void>;
  /** Takes the phone out of the drill group; false when it was not in it. */
  removeDrillRecipient(phone: string): Promise<boolean>;
  drillRecipientsPage(
    cursor?: string,
    pageSize?: number,
  ): Promise<{ recipients: DrillRecipient[]; next?: string }>;
}

export interface DrillRecipient extends Recipient {
  /** Who registered it, for the audit. */
  addedBy: string;
  addedAt: string;
}
