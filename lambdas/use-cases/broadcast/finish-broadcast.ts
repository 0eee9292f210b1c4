import type { Dependencies } from '../../commons/dependencies';
import { logger } from '../../commons/logger';
import { deadlineAfter, SYSTEM_ACTOR } from '../../domain/alert';
import { ConcurrentChangeError, NotFoundError } from '../../domain/errors';
import { type BroadcastMessage, isDue, messageKey, summaryOf, versionOf } from './messages';
import { countDeliveries, summarize } from './progress';
import type { BroadcastOutcome } from './send-shard';

export type FinishDeps = Pick<Dependencies, 'alerts' | 'deliveries' | 'clock' | 'config'>;

/** False once another run (a redelivery, a concurrent retry) has activated the alert after the same sends. */
async function stillApproved(deps: FinishDeps, alertId: string): Promise<boolean> {
  return (await deps.alerts.get(alertId))?.status === 'APPROVED';
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
          expiresAt: deadlineAfter(now, alert.durationHours * 3600, deps.config.timeouts.timeScale),
          broadcast: summary,
        },
      });
    } catch (error) {
      // A concurrent run (a redelivery, an overlapping retry) finished the same list and activated it.
      if (error instanceof ConcurrentChangeError && !(await stillApproved(deps, alertId)))
        return { done: true };
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
  // Recorded: the shard layout (phone numbers as range bounds) is no longer needed by anyone.
  await deps.deliveries.shards?.clear(key);
  return { done: true };
}
