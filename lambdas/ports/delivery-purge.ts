/**
 * Removal of an alert's delivery records (one per phone and message): the phones of the subscribers it
 * reached are personal data, needed only until the cancellation has gone to them.
 */
export interface DeliveryPurge {
  /** Deletes every record of the message; returns how many there were. Deleting twice deletes nothing. */
  deleteMessage(messageKey: string): Promise<number>;
}
