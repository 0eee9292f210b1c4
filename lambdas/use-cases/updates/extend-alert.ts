import type { Dependencies } from '../../commons/dependencies';
import { logger } from '../../commons/logger';
import { type Alert, deadlineAfter } from '../../domain/alert';
import { ConcurrentChangeError, ConflictError, NotFoundError } from '../../domain/errors';
import { assertCanExtend, type Principal, toActor } from '../../domain/identity';
import type { ExtensionRequest } from '../../domain/schemas';
import { wakeWorkflow } from '../wake-workflow';

/**
 * A supervisor keeps an active alert running longer. No SMS: the public already has the alert. The
 * waiting workflow is woken so that its next wait runs to the new expiry.
 */
export async function extendAlert(
  deps: Pick<Dependencies, 'alerts' | 'workflow' | 'clock' | 'config'>,
  principal: Principal,
  alertId: string,
  request: ExtensionRequest,
): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError('Alert not found');
  assertCanExtend(alert, principal);
  const now = deps.clock.now();
  const at = now.toISOString();
  if (alert.status !== 'ACTIVE' || !alert.expiresAt || alert.expiresAt <= at)
    throw new ConflictError(`Alert is ${alert.status === 'ACTIVE' ? 'expiring' : alert.status}, not ACTIVE`);
  const expiresAt = deadlineAfter(
    new Date(alert.expiresAt),
    request.hours * 3600,
    deps.config.timeouts.timeScale,
  );
  try {
    const updated = await deps.alerts.transition({
      id: alertId,
      from: ['ACTIVE'],
      to: 'ACTIVE',
      entry: {
        at,
        actor: toActor(principal),
        action: 'EXTEND',
        from: 'ACTIVE',
        to: 'ACTIVE',
        reason: `+${request.hours} h, until ${expiresAt}`,
      },
      set: { expiresAt, durationHours: alert.durationHours + request.hours },
      // Expiry is not undone: the alert must still be running when the extension lands.
      notAfter: { attribute: 'expiresAt', now: at },
    });
    await wakeWorkflow(deps, updated);
    logger.info('Alert extended', { alertId, hours: request.hours });
    return updated;
  } catch (error) {
    if (error instanceof ConcurrentChangeError) throw new ConflictError('The alert is no longer active');
    throw error;
  }
}
