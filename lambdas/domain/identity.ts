import { NATIONAL } from '../config/config';
import type { Actor, Alert } from './alert';
import { ForbiddenError, NotFoundError } from './errors';

export const GROUPS = { officers: 'officers', supervisors: 'supervisors' } as const;

/** Who is calling, as the Cognito authorizer (or the local token verifier) vouched for them. */
export interface Principal extends Actor {
  groups: string[];
  directorate: string;
}

export const isOfficer = (p: Principal) => p.groups.includes(GROUPS.officers);
export const isSupervisor = (p: Principal) => p.groups.includes(GROUPS.supervisors);
export const isPolice = (p: Principal) => isOfficer(p) || isSupervisor(p);

export const toActor = (p: Principal): Actor => ({ sub: p.sub, username: p.username });

/** A directorate sees its own alerts; the national directorate sees all of them. */
export function canSee(alert: Pick<Alert, 'directorate'>, p: Principal): boolean {
  return isPolice(p) && (p.directorate === NATIONAL || p.directorate === alert.directorate);
}

export function assertCanSubmit(p: Principal): void {
  if (!isOfficer(p)) throw new ForbiddenError('Only officers can submit an alert');
}

export function assertCanList(p: Principal): void {
  if (!isPolice(p)) throw new ForbiddenError('Only police users can list alerts');
}

/** Another directorate's alert answers 404, not 403, so that its existence does not leak. */
export function assertCanSee(alert: Pick<Alert, 'directorate'>, p: Principal): void {
  if (!canSee(alert, p)) throw new NotFoundError('Alert not found');
}

/** The two-person rule: a supervisor of the alert's directorate (or national) who did not submit it. */
export function assertCanDecide(alert: Pick<Alert, 'directorate' | 'submittedBy'>, p: Principal): void {
  assertCanSee(alert, p);
  // Checked first so that the submitter hears the rule that stops them, whatever groups they are in.
  if (alert.submittedBy.sub === p.sub) {
    throw new ForbiddenError('A second person must approve: you submitted this alert');
  }
  if (!isSupervisor(p)) throw new ForbiddenError('Only supervisors can approve or reject an alert');
}

/**
 * The drill group is one national list: any supervisor (of a directorate or NATIONAL) may read it and add
 * phones to it, because exercises are run by supervisors. Officers and the public may not.
 */
export function assertCanManageDrill(p: Principal): void {
  if (!isSupervisor(p)) throw new ForbiddenError('Only supervisors can manage the drill group');
}

/** Officers of the alert's directorate (or national) ask for updates of its public fields. */
export function assertCanRequestUpdate(alert: Pick<Alert, 'directorate'>, p: Principal): void {
  assertCanSee(alert, p);
  if (!isOfficer(p)) throw new ForbiddenError('Only officers can ask for an update');
}

/** The two-person rule again, against the update's author: not necessarily the alert's. */
export function assertCanDecideUpdate(
  alert: Pick<Alert, 'directorate'>,
  author: Alert['submittedBy'],
  p: Principal,
): void {
  assertCanSee(alert, p);
  if (author.sub === p.sub) {
    throw new ForbiddenError('A second person must approve: you asked for this update');
  }
  if (!isSupervisor(p)) throw new ForbiddenError('Only supervisors can approve or reject an update');
}

export function assertCanExtend(alert: Pick<Alert, 'directorate'>, p: Principal): void {
  assertCanSee(alert, p);
  if (!isSupervisor(p)) throw new ForbiddenError('Only supervisors can extend an alert');
}

export function assertCanResolve(alert: Pick<Alert, 'directorate'>, p: Principal): void {
  assertCanSee(alert, p);
}
