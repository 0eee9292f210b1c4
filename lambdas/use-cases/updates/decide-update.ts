import type { Alert } from '../../domain/alert';
import { withChanges } from '../../domain/alert-update';
import { ConcurrentChangeError, ConflictError, NotFoundError } from '../../domain/errors';
import { assertCanDecideUpdate, assertCanSee, type Principal, toActor } from '../../domain/identity';
import type { ApprovalRequest } from '../../domain/schemas';
import { logger } from '../../observability/logger';
import type { Dependencies } from '../../ports/dependencies';
import { signApprovedContent } from '../content-integrity';
import { wakeWorkflow } from '../wake-workflow';

/**
 * A second person approves or rejects an update. Approval applies the changes to the alert (the public
 * page shows them) and signs the UPDATE texts; the workflow sends them to the alert's recipients.
 */
export async function decideUpdate(
  deps: Pick<Dependencies, 'alerts' | 'workflow' | 'clock' | 'config' | 'signer'>,
  principal: Principal,
  alertId: string,
  version: number,
  request: ApprovalRequest,
): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError('Alert not found');
  // Before anything about its updates: another directorate must not learn that the alert exists.
  assertCanSee(alert, principal);
  const update = alert.updateRequest;
  if (!update || update.version !== version) throw new NotFoundError('No such update of this alert');
  assertCanDecideUpdate(alert, update.submittedBy, principal);
  if (alert.status !== 'ACTIVE') throw new ConflictError(`Alert is ${alert.status}, not ACTIVE`);
  if (update.state !== 'AWAITING_APPROVAL')
    throw new ConflictError(`Update ${version} is ${update.state}, not AWAITING_APPROVAL`);
  const now = deps.clock.now().toISOString();
  if (update.deadline <= now) throw new ConflictError('The approval window of this update has closed');
  const approve = request.decision === 'APPROVE';
  const actor = toActor(principal);
  const changed = withChanges(alert, update.changes);
  // What goes out is fixed and signed now, with its version; the sender refuses anything else.
  const approvedContent = approve
    ? await signApprovedContent(deps, changed, { kind: 'UPDATE', version })
    : undefined;
  try {
    const updated = await deps.alerts.transition({
      id: alertId,
      from: ['ACTIVE'],
      to: 'ACTIVE',
      entry: {
        at: now,
        actor,
        action: approve ? 'UPDATE_APPROVE' : 'UPDATE_REJECT',
        from: 'ACTIVE',
        to: 'ACTIVE',
        reason: request.reason ? `version ${version}: ${request.reason}` : `version ${version}`,
      },
      set: {
        ...(approve ? update.changes : {}),
        updateRequest: {
          ...update,
          state: approve ? 'APPROVED' : 'REJECTED',
          decidedBy: actor,
          decidedAt: now,
          ...(request.reason ? { reason: request.reason } : {}),
          ...(approvedContent ? { approvedContent } : {}),
        },
      },
      notAfter: { attribute: 'expiresAt', now },
      updateRequest: { states: ['AWAITING_APPROVAL'], version },
    });
    await wakeWorkflow(deps, updated);
    logger.info('Update decided', { alertId, version, decision: request.decision });
    return updated;
  } catch (error) {
    if (error instanceof ConcurrentChangeError)
      throw new ConflictError('The update was decided by someone else, or the alert changed');
    throw error;
  }
}
