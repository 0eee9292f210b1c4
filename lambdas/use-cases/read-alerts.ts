import { NATIONAL } from '../config/config';
import { type Alert, type AlertStatus, isPublic, type PublicAlert, toPublicAlert } from '../domain/alert';
import { NotFoundError } from '../domain/errors';
import { assertCanList, assertCanSee, type Principal } from '../domain/identity';
import type { ReadDependencies } from '../ports/dependencies';
import { toAlertView } from './alert-view';
import { previewSms, type SmsPreview } from './preview-alert';
import { currentApproval, isApprovedPublicContent } from './public-integrity';

export { toAlertView };

export type AlertView = Alert & {
  estimatedRecipients?: number;
  /** While pending: the confirmed subscribers of each targeted county (a phone in two counties counts in both). */
  estimatedRecipientsByCounty?: Record<string, number>;
  /** While pending: the ALERT SMS per language, exactly the texts an approval signs and sends. */
  pendingSms?: Record<string, SmsPreview>;
};

/** The alert, and the subscribers' counters for the approver's estimate (never a subscriber). */
export type GetAlertDependencies = Pick<ReadDependencies, 'alerts' | 'config'> & {
  subscribers: Pick<ReadDependencies['subscribers'], 'countByCounty'>;
};

export async function getAlert(
  deps: GetAlertDependencies,
  principal: Principal,
  alertId: string,
): Promise<AlertView> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError('Alert not found');
  assertCanSee(alert, principal);
  const view: AlertView = toAlertView(alert);
  if (alert.status === 'PENDING_APPROVAL') {
    // The approver sees exactly what they approve: the texts and, for a live alert, whom it will reach.
    view.pendingSms = previewSms(deps.config, alert);
  }
  if (alert.status === 'PENDING_APPROVAL' && alert.mode === 'LIVE') {
    const [total, ...perCounty] = await Promise.all([
      deps.subscribers.countByCounty(alert.counties),
      ...alert.counties.map((county) => deps.subscribers.countByCounty([county])),
    ]);
    view.estimatedRecipients = total;
    view.estimatedRecipientsByCounty = Object.fromEntries(
      alert.counties.map((county, i) => [county, perCounty[i] ?? 0]),
    );
  }
  return view;
}

export async function listAlerts(
  deps: Pick<ReadDependencies, 'alerts' | 'config'>,
  principal: Principal,
  status?: AlertStatus,
): Promise<Alert[]> {
  assertCanList(principal);
  const directorates =
    principal.directorate === NATIONAL ? deps.config.directorates : [principal.directorate];
  const lists = await Promise.all(directorates.map((d) => deps.alerts.listByDirectorate(d, status)));
  return lists
    .flat()
    .map(toAlertView)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function listPublicAlerts(
  deps: Pick<ReadDependencies, 'alerts' | 'signer'>,
): Promise<PublicAlert[]> {
  const active = (await deps.alerts.listByStatus('ACTIVE')).filter(isPublic);
  const approved = await Promise.all(
    active.map((a) => isApprovedPublicContent(deps, a, a, currentApproval(a))),
  );
  return active.filter((_, n) => approved[n]).map(toPublicAlert);
}

export async function getPublicAlert(
  deps: Pick<ReadDependencies, 'alerts' | 'signer'>,
  alertId: string,
): Promise<PublicAlert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert || !isPublic(alert)) throw new NotFoundError('No active alert with this id');
  // Changed after approval: withheld, answered as an unknown id.
  if (!(await isApprovedPublicContent(deps, alert, alert, currentApproval(alert)))) {
    throw new NotFoundError('No active alert with this id');
  }
  return toPublicAlert(alert);
}
