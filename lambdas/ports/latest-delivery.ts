/** The latest alert message a phone received, found from the delivery records. */
export interface ReceivedMessage {
  alertId: string;
  /** The language the phone was sent the message in. */
  language: string;
}

export interface LatestDeliveryFinder {
  latestReceivedBy(phone: string): Promise<ReceivedMessage | undefined>;
}
