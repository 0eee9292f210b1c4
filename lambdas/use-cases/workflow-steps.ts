import type { Dependencies } from '../commons/dependencies';
import { logger } from '../commons/logger';
import { type Alert, type AlertStatus, OPEN_STATUSES, SYSTEM_ACTOR } from '../domain/alert';
import { ConcurrentChangeError, NotFoundError } from '../domain/errors';
import { nextStep, type RouteResult } from '../domain/next-step';

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
): Promise<void> {
  const parked = await deps.alerts.setWaitToken(alertId, status, token);
  if (!parked) {
    await deps.workflow.wake(token);
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
