import type { Alert } from '../../domain/alert';
import { logger } from '../../observability/logger';
import type { TipDependencies } from './tip-dependencies';

/**
 * A tip that says "I see the child now" reaches the directorate's supervisors at once, but a flood of them
 * must not flood their phones: at most one notification per alert per window (60 s, shortened by the time
 * scale locally), carrying how many urgent tips came since the previous one. The tip is already stored:
 * a failed notification is logged (and alarmed on), never turned into an error for the person who sent it.
 */
export async function notifyUrgentTip(
  deps: Pick<TipDependencies, 'config' | 'clock' | 'tips' | 'tipNotifier'>,
  alert: Pick<Alert, 'id' | 'directorate' | 'mode'>,
): Promise<boolean> {
  const windowMs = Math.max(
    1,
    Math.round((deps.config.tips.urgentWindowSeconds * 1000) / deps.config.timeouts.timeScale),
  );
  try {
    const count = await deps.tips.countUrgent(alert.id, deps.clock.now(), windowMs);
    if (count === undefined) return false;
    await deps.tipNotifier.urgentTips({
      alertId: alert.id,
      directorate: alert.directorate,
      mode: alert.mode,
      count,
    });
    logger.info('Urgent tips notified', { alertId: alert.id, count });
    return true;
  } catch (error) {
    logger.error('Urgent tip notification failed', {
      alertId: alert.id,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return false;
  }
}
