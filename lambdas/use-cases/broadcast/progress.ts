import type { BroadcastSummary } from '../../domain/alert';
import type { ProgressAttribute } from '../../ports/alert-repository';
import type { DeliveryRepository } from '../../ports/delivery-repository';
import type { BroadcastMessage } from './messages';

/** Where the running figures of a message are written (see summaryOf). */
export const progressAttribute = (message: BroadcastMessage): ProgressAttribute =>
  message === 'ALERT' ? 'broadcast' : message === 'CANCELLATION' ? 'cancellation' : 'updateRequest.delivery';

export interface DeliveryCounts {
  recipients: number;
  sent: number;
  failed: number;
  ambiguousResent: number;
}

/** Counts the delivery list of a message by status, page by page: the authoritative totals. */
export async function countDeliveries(
  deliveries: DeliveryRepository,
  messageKey: string,
): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { recipients: 0, sent: 0, failed: 0, ambiguousResent: 0 };
  let cursor: string | undefined;
  do {
    const page = await deliveries.page(messageKey, cursor, 1000);
    for (const d of page.items) {
      counts.recipients++;
      if (d.status === 'SENT') counts.sent++;
      else if (d.status === 'FAILED') counts.failed++;
      if (d.ambiguous && d.status === 'SENT') counts.ambiguousResent++;
    }
    cursor = page.next;
  } while (cursor);
  return counts;
}

/**
 * The broadcast figures shown on the alert: what is done, what is left, the achieved rate and, while it
 * runs, when it should finish at that rate.
 */
export function summarize(
  counts: DeliveryCounts,
  startedAt: string,
  now: Date,
  finished: boolean,
): BroadcastSummary {
  const done = counts.sent + counts.failed;
  const pending = Math.max(0, counts.recipients - done);
  const elapsedSeconds = Math.max(0.001, (now.getTime() - Date.parse(startedAt)) / 1000);
  const ratePerSecond = Math.round((done / elapsedSeconds) * 100) / 100;
  const at = now.toISOString();
  const summary: BroadcastSummary = {
    recipients: counts.recipients,
    sent: counts.sent,
    failed: counts.failed,
    pending,
    ambiguousResent: counts.ambiguousResent,
    startedAt,
    ratePerSecond,
    updatedAt: at,
  };
  if (finished) return { ...summary, finishedAt: at };
  if (pending > 0 && ratePerSecond > 0) {
    summary.estimatedFinishAt = new Date(now.getTime() + (pending / ratePerSecond) * 1000).toISOString();
  }
  return summary;
}
