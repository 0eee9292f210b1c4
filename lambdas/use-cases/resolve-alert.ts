import type { Alert, AlertStatus } from '../domain/alert';
import { ConcurrentChangeError, ConflictError, NotFoundError } from '../domain/errors';
import { assertCanResolve, type Principal, toActor } from '../domain/identity';
import type { ResolutionRequest } from '../domain/schemas';
import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';
import { wakeWorkflow } from './wake-workflow';

/**
 * The statuses an alert can be ended from: still waiting for approval (the child turned up first: nothing was
 * sent), approved with its broadcast about to start or running (the shards stop claiming once they see the
 * status), and active.
 */
export const RESOLVABLE_STATUSES: readonly AlertStatus[] = ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE'];

/**
 * Ends an open alert. No second person is needed: the cancellation must go out fast. The workflow sends it,
 * once any running broadcast has stopped, to exactly the phones the alert reached (none if it never left).
 */
export async function resolveAlert(
  deps: Pick<Dependencies, 'alerts' | 'workflow' | 'clock'>,
  principal: Principal,
  alertId: string,
  request: ResolutionRequest,
): Promise<Alert> {
  // An approval or the broadcast's end may move the alert between reading and writing: still open, read again.
  for (let attempt = 1; ; attempt++) {
    const alert = await deps.alerts.get(alertId);
    if (!alert) throw new NotFoundError('Alert not found');
    assertCanResolve(alert, principal);
    try {
      return await resolveFrom(deps, principal, alert, request);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
      if (attempt >= 3) throw new ConflictError('The alert keeps changing; read it and try again');
    }
  }
}

/** One conditional write from the status read, with its audit entry naming that status. */
async function resolveFrom(
  deps: Pick<Dependencies, 'alerts' | 'workflow' | 'clock'>,
  principal: Principal,
  alert: Alert,
  request: ResolutionRequest,
): Promise<Alert> {
  const from = alert.status;
  if (!RESOLVABLE_STATUSES.includes(from)) throw new ConflictError(`Alert is ${from}, no longer open`);
  const now = deps.clock.now().toISOString();
  const updated = await deps.alerts.transition({
    id: alert.id,
    from: [from],
    to: 'RESOLVED',
    entry: {
      at: now,
      actor: toActor(principal),
      action: 'RESOLVE',
      from,
      to: 'RESOLVED',
      reason: request.outcome,
    },
    set: { outcome: request.outcome, resolvedAt: now, resolutionNote: request.note },
  });
  // Waiting for approval or resolution: the wait wakes and routes to the cancellation. A broadcast in flight
  // parks no token (the one left on the alert is the approval's, spent); its shards see the status themselves.
  if (from !== 'APPROVED') await wakeWorkflow(deps, updated);
  logger.info('Alert resolved', { alertId: alert.id, outcome: request.outcome, from });
  return updated;
}
