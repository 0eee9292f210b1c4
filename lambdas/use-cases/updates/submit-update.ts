import { type Alert, deadlineAfter, type UpdatableFields } from '../../domain/alert';
import { changedFields, isUpdateOpen, mergeChanges, nextVersion } from '../../domain/alert-update';
import { ConcurrentChangeError, ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { assertCanRequestUpdate, type Principal, toActor } from '../../domain/identity';
import { type AlertUpdateRequest, buildSchemas } from '../../domain/schemas';
import { logger } from '../../observability/logger';
import type { Dependencies } from '../../ports/dependencies';
import { wakeWorkflow } from '../wake-workflow';

type UpdateDeps = Pick<Dependencies, 'alerts' | 'workflow' | 'clock' | 'config'>;

/** The merged fields must still be a valid submission: e.g. a new suspect needs a description. */
function validMerged(deps: UpdateDeps, alert: Alert, request: AlertUpdateRequest): UpdatableFields {
  const merged = mergeChanges(alert, request.changes);
  const result = buildSchemas(deps.config).updatableFields.safeParse(merged);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = ['changes', ...issue.path.map(String)].join('.');
    const reason = issue.code === 'invalid_type' ? 'is required' : issue.message;
    fields[key] = [...(fields[key] ?? []), reason];
  }
  throw new ValidationError('Body is invalid', fields);
}

/** An officer asks to change public fields of an active alert; a second person must approve it. */
export async function submitUpdate(
  deps: UpdateDeps,
  principal: Principal,
  alertId: string,
  request: AlertUpdateRequest,
): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError('Alert not found');
  assertCanRequestUpdate(alert, principal);
  if (alert.status !== 'ACTIVE') throw new ConflictError(`Alert is ${alert.status}, not ACTIVE`);
  if (isUpdateOpen(alert.updateRequest)) {
    throw new ConflictError('Another update of this alert is waiting to be approved or sent', {
      version: alert.updateRequest?.version,
    });
  }
  const version = nextVersion(alert);
  const merged = validMerged(deps, alert, request);
  const now = deps.clock.now();
  const at = now.toISOString();
  const actor = toActor(principal);
  const { timeouts } = deps.config;
  try {
    const updated = await deps.alerts.transition({
      id: alertId,
      from: ['ACTIVE'],
      to: 'ACTIVE',
      entry: {
        at,
        actor,
        action: 'UPDATE_SUBMIT',
        from: 'ACTIVE',
        to: 'ACTIVE',
        reason: `version ${version}`,
      },
      set: {
        updateRequest: {
          version,
          state: 'AWAITING_APPROVAL',
          changes: changedFields(merged, request.changes),
          ...(request.note ? { note: request.note } : {}),
          submittedBy: actor,
          submittedAt: at,
          deadline: deadlineAfter(now, timeouts.updateApprovalMinutes * 60, timeouts.timeScale),
        },
      },
      notAfter: { attribute: 'expiresAt', now: at },
      updateRequest: { states: ['NONE', 'REJECTED', 'TIMED_OUT', 'SENT'] },
      // The version counted above is still the next one: no extension was issued meanwhile.
      issuedMessages: alert.messages?.length ?? 0,
    });
    // The active wait moves on to waiting for the update's approval.
    await wakeWorkflow(deps, updated);
    logger.info('Update requested', { alertId, version });
    return updated;
  } catch (error) {
    if (error instanceof ConcurrentChangeError)
      throw new ConflictError('The alert changed meanwhile (ended, expired, extended or another update)');
    throw error;
  }
}
