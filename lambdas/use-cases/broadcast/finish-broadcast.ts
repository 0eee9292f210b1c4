import { type Alert, deadlineAfter, SYSTEM_ACTOR } from '../../domain/alert';
import { ConcurrentChangeError, NotFoundError } from '../../domain/errors';
import { logger } from '../../observability/logger';
import type { Dependencies } from '../../ports/dependencies';
import { type BroadcastMessage, isDue, messageKey, summaryOf, versionOf } from './messages';
import { countDeliveries, summarize } from './progress';
import type { BroadcastOutcome } from './send-shard';

export type FinishDeps = Pick<Dependencies, 'alerts' | 'deliveries' | 'clock' | 'config'>;

/**
 * The alert was resolved while its broadcast ran (or before it was planned): the shards have stopped, and
 * the figures of what did go out are recorded without a status change; Route then sends the cancellation to
 * the phones the alert reached.
 */
async function recordStoppedBroadcast(deps: FinishDeps, alert: Alert): Promise<BroadcastOutcome> {
  const startedAt = alert.broadcast.startedAt;
  if (!startedAt) return { done: true }; // Resolved before planning: nothing was planned, nothing to count.
  const key = messageKey(alert.id, 'ALERT');
  const counts = await countDeliveries(deps.deliveries, key);
  const summary = summarize(counts, startedAt, deps.clock.now(), true);
  logger.info('Broadcast finished', {
    alertId: alert.id,
    broadcastMessage: 'ALERT',
    stopped: true,
    ...counts,
  });
  await deps.alerts.update(alert.id, { broadcast: summary });
  await deps.deliveries.shards?.clearTotals(key);
  return { done: true };
}

/**
 * The ALERT's transition to ACTIVE lost: either another run (a redelivery, a concurrent retry) activated the
 * alert after the same sends, or the officer resolved it meanwhile. Null: still APPROVED, a real failure.
 */
async function afterLostActivation(deps: FinishDeps, alertId: string): Promise<BroadcastOutcome | null> {
  const current = await deps.alerts.get(alertId);
  if (current?.status === 'RESOLVED') return recordStoppedBroadcast(deps, current);
  return current?.status === 'APPROVED' ? null : { done: true };
}

/**
 * The fan-out's last step, once every shard is done: counts the delivery list (the authoritative figures),
 * records them on the alert and moves it on (ALERT → ACTIVE; update or cancellation recorded as sent).
 * The `Broadcast finished` log line carries `sent` and `failed`: the delivery failure-ratio metric and
 * alarm are computed from it (lib/constructs/alert-workflow.ts).
 */
export async function finishBroadcast(
  deps: FinishDeps,
  alertId: string,
  message: BroadcastMessage,
): Promise<BroadcastOutcome> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError(`Alert ${alertId} not found`);
  // Never RESOLVED → ACTIVE: the officer's resolution stands, only the figures are recorded.
  if (message === 'ALERT' && alert.status === 'RESOLVED' && !alert.cancellationSentAt)
    return recordStoppedBroadcast(deps, alert);
  if (!isDue(alert, message)) return { done: true };
  const version = versionOf(alert, message);
  const key = messageKey(alertId, message, version);
  const counts = await countDeliveries(deps.deliveries, key);
  const now = deps.clock.now();
  const startedAt = summaryOf(alert, message)?.startedAt ?? now.toISOString();
  const summary = summarize(counts, startedAt, now, true);
  const at = now.toISOString();
  logger.info('Broadcast finished', { alertId, broadcastMessage: message, ...counts });
  const reason = `sent ${counts.sent} of ${counts.recipients}`;
  if (message === 'ALERT') {
    try {
      await deps.alerts.transition({
        id: alertId,
        from: ['APPROVED'],
        to: 'ACTIVE',
        entry: { at, actor: SYSTEM_ACTOR, action: 'ACTIVATE', from: 'APPROVED', to: 'ACTIVE', reason },
        set: {
          activatedAt: at,
          // The expiry the CAP Alert was issued with when the sending started: every document carries one.
          expiresAt:
            alert.messages?.find((m) => m.kind === 'ALERT')?.content.expiresAt ??
            deadlineAfter(now, alert.durationHours * 3600, deps.config.timeouts.timeScale),
          broadcast: summary,
        },
      });
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
      const outcome = await afterLostActivation(deps, alertId);
      if (outcome) return outcome;
      throw error;
    }
  } else if (message === 'UPDATE' && alert.updateRequest) {
    await deps.alerts.update(
      alertId,
      { updateRequest: { ...alert.updateRequest, state: 'SENT', delivery: summary } },
      {
        at,
        actor: SYSTEM_ACTOR,
        action: 'UPDATE_SENT',
        from: 'ACTIVE',
        to: 'ACTIVE',
        reason: `version ${version}: ${reason}`,
      },
    );
  } else {
    await deps.alerts.update(
      alertId,
      { cancellationSentAt: at, cancellation: summary },
      { at, actor: SYSTEM_ACTOR, action: 'CANCELLATION_SENT', from: 'RESOLVED', to: 'RESOLVED', reason },
    );
  }
  // Recorded: the shards' running totals are no longer needed (the layout stays: follow-ups and the purge
  // find the message's partitions through it).
  await deps.deliveries.shards?.clearTotals(key);
  return { done: true };
}
