import { type Alert, type AlertStatus, OPEN_STATUSES, SYSTEM_ACTOR } from '../domain/alert';
import { ConcurrentChangeError, NotFoundError } from '../domain/errors';
import { nextStep, type RouteResult } from '../domain/next-step';
import type { WorkflowNextStep } from '../domain/workflow-steps';
import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';

type StepDeps = Pick<Dependencies, 'alerts' | 'workflow' | 'notifier' | 'clock'>;

async function load(deps: StepDeps, alertId: string): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError(`Alert ${alertId} not found`);
  return alert;
}

/** A lost race here means a person acted first (approved, resolved, extended): the next route sees it. */
async function ignoreLostRace(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ConcurrentChangeError)) throw error;
  }
}

export async function route(deps: StepDeps, alertId: string): Promise<RouteResult> {
  return nextStep(await load(deps, alertId), deps.clock.now());
}

/**
 * Parks the execution: stores the task token on the alert if it is still in the awaited status. If a
 * decision landed before the token did, nobody could wake the execution, so it wakes itself.
 */
export async function awaitChange(
  deps: StepDeps,
  alertId: string,
  status: AlertStatus,
  token: string,
  waitingFor?: WorkflowNextStep,
): Promise<void> {
  const parked = await deps.alerts.setWaitToken(alertId, status, token);
  if (!parked) {
    await deps.workflow.wake(token);
    return;
  }
  if (waitingFor && status === 'ACTIVE') {
    await wakeIfMovedOn(deps, alertId, token, waitingFor);
    return;
  }
  if (status !== 'PENDING_APPROVAL') return;
  const alert = await load(deps, alertId);
  if (alert.approvalRequestedAt) return;
  await deps.notifier.approvalRequested({
    alertId,
    directorate: alert.directorate,
    counties: alert.counties,
    mode: alert.mode,
  });
  await deps.alerts.update(alertId, { approvalRequestedAt: deps.clock.now().toISOString() });
}

/**
 * An active alert changes without leaving ACTIVE (an update asked for or decided), so the status check of
 * setWaitToken cannot see it. Read again after parking: if the route is no longer the one this wait serves,
 * the change may have landed before the token did, and nobody else would wake it.
 */
async function wakeIfMovedOn(
  deps: StepDeps,
  alertId: string,
  token: string,
  waitingFor: WorkflowNextStep,
): Promise<void> {
  const alert = await load(deps, alertId);
  if (nextStep(alert, deps.clock.now()).next === waitingFor) return;
  try {
    await deps.workflow.wake(token);
  } catch (error) {
    // The handler that made the change woke it first.
    logger.info('Wait already woken', { alertId, error: error instanceof Error ? error.name : 'unknown' });
  }
}

/**
 * The wait for an update's approval ended on its timeout: the update's window closed, or the alert's
 * lifetime ran out first. Either way an update still waiting is dropped; the alert expires if it is due.
 */
export async function updateTimedOut(deps: StepDeps, alertId: string): Promise<void> {
  const alert = await load(deps, alertId);
  const update = alert.updateRequest;
  const now = deps.clock.now();
  const at = now.toISOString();
  const expiring = !!alert.expiresAt && Date.parse(alert.expiresAt) <= now.getTime() + 1000;
  if (
    alert.status === 'ACTIVE' &&
    update?.state === 'AWAITING_APPROVAL' &&
    (expiring || Date.parse(update.deadline) <= now.getTime() + 1000)
  ) {
    await ignoreLostRace(() =>
      deps.alerts.transition({
        id: alertId,
        from: ['ACTIVE'],
        to: 'ACTIVE',
        entry: {
          at,
          actor: SYSTEM_ACTOR,
          action: 'UPDATE_TIMEOUT',
          from: 'ACTIVE',
          to: 'ACTIVE',
          reason: `version ${update.version}`,
        },
        set: { updateRequest: { ...update, state: 'TIMED_OUT' } },
        updateRequest: { states: ['AWAITING_APPROVAL'], version: update.version },
      }),
    );
    logger.info('Update approval timed out', { alertId, version: update.version });
  }
  if (expiring) await expire(deps, alertId);
}

export async function approvalTimedOut(deps: StepDeps, alertId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await ignoreLostRace(() =>
    deps.alerts.transition({
      id: alertId,
      from: ['PENDING_APPROVAL'],
      to: 'APPROVAL_TIMED_OUT',
      entry: {
        at,
        actor: SYSTEM_ACTOR,
        action: 'APPROVAL_TIMEOUT',
        from: 'PENDING_APPROVAL',
        to: 'APPROVAL_TIMED_OUT',
      },
    }),
  );
  logger.info('Approval timed out', { alertId });
}

export async function expire(deps: StepDeps, alertId: string): Promise<void> {
  const alert = await load(deps, alertId);
  const now = deps.clock.now();
  // An extension may have moved the expiry after this wait started: then the next wait takes over.
  if (alert.status !== 'ACTIVE' || (alert.expiresAt && Date.parse(alert.expiresAt) > now.getTime() + 1000))
    return;
  await ignoreLostRace(() =>
    deps.alerts.transition({
      id: alertId,
      from: ['ACTIVE'],
      to: 'EXPIRED',
      entry: { at: now.toISOString(), actor: SYSTEM_ACTOR, action: 'EXPIRE', from: 'ACTIVE', to: 'EXPIRED' },
    }),
  );
  logger.info('Alert expired', { alertId });
}

export interface StepError {
  Error?: string;
  Cause?: string;
}

export async function fail(deps: StepDeps, alertId: string, error: StepError | undefined): Promise<void> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) return;
  // The error name only: causes can quote the data the step was handling.
  const failure = error?.Error ?? 'UnknownError';
  const at = deps.clock.now().toISOString();
  logger.error('Alert workflow failed', { alertId, status: alert.status, failure });
  if (!OPEN_STATUSES.includes(alert.status)) {
    // A resolved alert stays resolved; the failed cancellation is on record and raises the alarm.
    await deps.alerts.update(alertId, { failure });
    return;
  }
  await ignoreLostRace(() =>
    deps.alerts.transition({
      id: alertId,
      from: OPEN_STATUSES,
      to: 'FAILED',
      entry: { at, actor: SYSTEM_ACTOR, action: 'FAIL', from: alert.status, to: 'FAILED', reason: failure },
      set: { failure },
    }),
  );
}
