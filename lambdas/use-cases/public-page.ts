import type { Alert } from '../domain/alert';
import { NotFoundError } from '../domain/errors';
import { hasPublicMessages } from '../domain/public/alert-messages';
import { renderAlertPage, renderNoAlertPage } from '../domain/public/alert-page';
import type { ReadDependencies } from '../ports/dependencies';
import { currentApproval, isApprovedPublicContent } from './public-integrity';

/**
 * The public alert page. Apart from public-documents.ts (CAP and Atom): the page's function then bundles no
 * XML writer and no SMS composer.
 */

export type PublicDeps = Pick<ReadDependencies, 'alerts' | 'config' | 'clock' | 'signer'>;

/** Exercises and alerts never issued answer exactly like an unknown id. */
export async function publicAlert(deps: PublicDeps, alertId: string): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert || !hasPublicMessages(alert)) throw new NotFoundError('No public alert with this id');
  return alert;
}

export interface AlertPage {
  /** 200 with the alert; 404 for an id that never had a public alert; 410 for one that is over or removed. */
  status: 200 | 404 | 410;
  html: string;
}

/**
 * The page an SMS link opens. An id the public never saw (unknown, an exercise, never issued) is 404; an
 * alert that expired or whose personal data was removed is 410 (gone for good). Both answer a page in the
 * visitor's language saying there is no active alert, with the police number: never JSON to a browser.
 */
export async function getAlertPage(
  deps: PublicDeps,
  alertId: string | undefined,
  language: string,
): Promise<AlertPage> {
  const alert = alertId ? await deps.alerts.get(alertId) : undefined;
  if (!alert || !hasPublicMessages(alert)) {
    return { status: 404, html: renderNoAlertPage(deps.config, language) };
  }
  const over = alert.expiresAt !== undefined && Date.parse(alert.expiresAt) <= deps.clock.now().getTime();
  const shown =
    !alert.purgedAt &&
    (alert.status === 'RESOLVED' || ((alert.status === 'APPROVED' || alert.status === 'ACTIVE') && !over));
  if (!shown) return { status: 410, html: renderNoAlertPage(deps.config, language) };
  // Content changed after approval is never shown: the visitor gets the page of an unknown id.
  if (!(await isApprovedPublicContent(deps, alert, alert, currentApproval(alert)))) {
    return { status: 404, html: renderNoAlertPage(deps.config, language) };
  }
  return { status: 200, html: renderAlertPage(alert, deps.config, language) };
}
