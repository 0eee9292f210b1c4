export type DeliveryStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * Whom a delivery is for: the public (a live alert's subscribers) or the drill group (an exercise). Fixed
 * when the plan is written; the sender refuses a record whose audience does not match the alert's mode.
 */
export type Audience = 'PUBLIC' | 'DRILL';

export interface PlannedRecipient {
  phone: string;
  language: string;
  audience: Audience;
}

export interface Delivery {
  /** `${alertId}#${messageId}`: ALERT, CANCELLATION, UPDATE-2 … */
  messageKey: string;
  phone: string;
  language: string;
  audience: Audience;
  status: DeliveryStatus;
  attempts: number;
  leaseUntil?: string;
  sentAt?: string;
  error?: string;
  /** A send that was in flight when a worker died, then sent again. */
  ambiguous?: boolean;
}

export interface DeliveryPage {
  items: Delivery[];
  next?: string;
}

export interface DeliveryRepository {
  /** Records PENDING deliveries; an existing record for a phone is left as it is. Returns how many were new. */
  plan(messageKey: string, recipients: readonly PlannedRecipient[]): Promise<number>;
  page(messageKey: string, cursor?: string, pageSize?: number): Promise<DeliveryPage>;
  /** PENDING (or SENDING under an expired lease) → SENDING with a lease. False when another worker holds it. */
  claim(messageKey: string, phone: string, leaseUntil: string, now: string): Promise<Delivery | undefined>;
  markSent(messageKey: string, phone: string, now: string): Promise<void>;
  markFailed(messageKey: string, phone: string, error: string, retryable: boolean): Promise<void>;
}
