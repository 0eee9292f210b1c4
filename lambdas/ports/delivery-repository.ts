export type DeliveryStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

export interface Delivery {
  /** `${alertId}#${messageId}`: ALERT, CANCELLATION, UPDATE-2 … */
  messageKey: string;
  phone: string;
  language: string;
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
  plan(messageKey: string, recipients: readonly { phone: string; language: string }[]): Promise<number>;
  page(messageKey: string, cursor?: string, pageSize?: number): Promise<DeliveryPage>;
  /** PENDING (or SENDING under an expired lease) → SENDING with a lease. False when another worker holds it. */
  claim(messageKey: string, phone: string, leaseUntil: string, now: string): Promise<Delivery | undefined>;
  markSent(messageKey: string, phone: string, now: string): Promise<void>;
  markFailed(messageKey: string, phone: string, error: string, retryable: boolean): Promise<void>;
}
