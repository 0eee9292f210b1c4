import type { Alert } from '../domain/alert';
import { ConcurrentChangeError, ConflictError, NotFoundError } from '../domain/errors';
import { assertCanDecide, type Principal, toActor } from '../domain/identity';
import type { ApprovalRequest } from '../domain/schemas';
import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';
import { signApprovedContent } from './content-integrity';
import { wakeWorkflow } from './wake-workflow';

export async function decideApproval(
  deps: Pick<Dependencies, 'alerts' | 'workflow' | 'clock' | 'config' | 'signer'>,
  principal: Principal,
  alertId: string,
  request: ApprovalRequest,
): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError('Alert not found');
  assertCanDecide(alert, principal);
  const now = deps.clock.now().toISOString();
  // Also the answer once an officer has withdrawn the alert (RESOLVED): there is nothing left to decide.
  if (alert.status !== 'PENDING_APPROVAL')
    throw new ConflictError(`Alert is ${alert.status}, no longer pending approval`);
  if (alert.approvalDeadline <= now) throw new ConflictError('The approval window has closed');
  const approve = request.decision === 'APPROVE';
  const to = approve ? 'APPROVED' : 'REJECTED';
  const actor = toActor(principal);
  // What goes public is fixed and signed now; the sender refuses anything that does not match it.
  const approvedContent = approve ? await signApprovedContent(deps, alert) : undefined;
  try {
    const updated = await deps.alerts.transition({
      id: alertId,
      from: ['PENDING_APPROVAL'],
      to,
      entry: {
        at: now,
        actor,
        action: approve ? 'APPROVE' : 'REJECT',
        from: 'PENDING_APPROVAL',
        to,
        ...(request.reason ? { reason: request.reason } : {}),
      },
      set: approve
        ? { approvedBy: actor, approvedAt: now, approvedContent }
        : { rejectionReason: request.reason },
      notAfter: { attribute: 'approvalDeadline', now },
      // The decision was made on this mode: an exercise cannot become live between reading and writing.
      unchanged: { mode: alert.mode },
    });
    await wakeWorkflow(deps, updated);
    logger.info('Approval decided', { alertId, decision: request.decision });
    return updated;
  } catch (error) {
    // Two supervisors at the same moment: the conditional write lets exactly one of them win.
    if (error instanceof ConcurrentChangeError)
      throw new ConflictError('The alert is no longer pending: decided, withdrawn or its window closed');
    throw error;
  }
}
