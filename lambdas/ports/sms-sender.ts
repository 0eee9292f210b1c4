export type MessageKind =
  | 'ALERT'
  | 'UPDATE'
  | 'CANCELLATION'
  | 'CONFIRMATION_CODE'
  | 'UNSUBSCRIBE_CODE'
  /** The one reply a phone gets to its SMS tip for an alert: the reference. */
  | 'TIP_ACKNOWLEDGEMENT';

export interface SmsMessage {
  /** E.164. */
  to: string;
  body: string;
  kind: MessageKind;
  alertId?: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

export interface SmsSender {
  /** Resolves once the gateway accepted the message; throws SmsSendError otherwise. */
  send(message: SmsMessage): Promise<{ providerMessageId?: string }>;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    /** Throttling and transient faults are retried; an invalid or opted-out number is not. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}
