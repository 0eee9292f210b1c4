import { type Alert, deadlineAfter, SYSTEM_ACTOR } from '../domain/alert';
import { newAlertId } from '../domain/alert-id';
import { CaseNumberTakenError, ConflictError, ServiceUnavailableError } from '../domain/errors';
import { assertCanSubmit, canSee, type Principal, toActor } from '../domain/identity';
import type { Submission } from '../domain/schemas';
import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';

export async function submitAlert(
  deps: Pick<Dependencies, 'alerts' | 'workflow' | 'clock' | 'config'>,
  principal: Principal,
  submission: Submission,
): Promise<Alert> {
  assertCanSubmit(principal);
  const now = deps.clock.now();
  const at = now.toISOString();
  const actor = toActor(principal);
  const alert: Alert = {
    id: newAlertId(),
    ...submission,
    status: 'PENDING_APPROVAL',
    directorate: principal.directorate,
    submittedBy: actor,
    createdAt: at,
    updatedAt: at,
    approvalDeadline: deadlineAfter(
      now,
      deps.config.timeouts.approvalMinutes * 60,
      deps.config.timeouts.timeScale,
    ),
    broadcast: { recipients: 0, sent: 0, failed: 0 },
    history: [{ at, actor, action: 'SUBMIT', from: null, to: 'PENDING_APPROVAL' }],
  };
  try {
    await deps.alerts.create(alert);
  } catch (error) {
    // Named only to a caller who may read that alert: to anyone else its id would leak another directorate's case.
    if (error instanceof CaseNumberTakenError && canSee(error.holder, principal)) {
      throw new ConflictError(`An open alert already has this caseNumber: ${error.holder.id}`, {
        alertId: error.holder.id,
      });
    }
    throw error;
  }
  try {
    await deps.workflow.start(alert.id);
  } catch (error) {
    // An alert nobody's workflow is waiting for could never be approved: close it rather than leave it pending.
    logger.error('Workflow did not start', {
      alertId: alert.id,
      error: error instanceof Error ? error.name : 'unknown',
    });
    await deps.alerts.transition({
      id: alert.id,
      from: ['PENDING_APPROVAL'],
      to: 'FAILED',
      entry: {
        at: deps.clock.now().toISOString(),
        actor: SYSTEM_ACTOR,
        action: 'FAIL',
        from: 'PENDING_APPROVAL',
        to: 'FAILED',
        reason: 'Workflow did not start',
      },
      set: { failure: 'Workflow did not start' },
    });
    throw new ServiceUnavailableError(
      'The alert could not be started; it was closed, please submit it again',
    );
  }
  logger.info('Alert submitted', {
    alertId: alert.id,
    directorate: alert.directorate,
    counties: alert.counties,
    mode: alert.mode,
  });
  return alert;
}
