import type { Dependencies } from '../commons/dependencies';
import { logger } from '../commons/logger';
import type { Alert } from '../domain/alert';
import { ConcurrentChangeError, ConflictError, NotFoundError } from '../domain/errors';
import { assertCanResolve, type Principal, toActor } from '../domain/identity';
import type { ResolutionRequest } from '../domain/schemas';
import { wakeWorkflow } from './wake-workflow';

/** Ends an active alert. No second person is needed: the cancellation must go out fast. */
export async function resolveAlert(
  deps: Pick<Dependencies, 'alerts' | 'workflow' | 'clock'>,
  principal: Principal,
  alertId: string,
  request: ResolutionRequest,
): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError('Alert not found');
  assertCanResolve(alert, principal);
  if (alert.status !== 'ACTIVE') throw new ConflictError(`Alert is ${alert.status}, not ACTIVE`);
  const now = deps.clock.now().toISOString();
  try {
    const updated = await deps.alerts.transition({
      id: alertId,
      from: ['ACTIVE'],
      to: 'RESOLVED',
      entry: {
        at: now,
        actor: toActor(principal),
        action: 'RESOLVE',
        from: 'ACTIVE',
        to: 'RESOLVED',
        reason: request.outcome,
      },
      set: { outcome: request.outcome, resolvedAt: now, resolutionNote: request.note },
    });
    await wakeWorkflow(deps, updated);
    logger.info('Alert resolved', { alertId, outcome: request.outcome });
    return updated;
  } catch (error) {
    if (error instanceof ConcurrentChangeError) throw new ConflictError('The alert is no longer active');
    throw error;
  }
}
