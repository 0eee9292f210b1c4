import type { Alert } from '../domain/alert';
import { NotFoundError } from '../domain/errors';
import { hasPublicMessages } from '../domain/public/alert-messages';
import { renderAlertPage } from '../domain/public/alert-page';
import type { ReadDependencies } from '../ports/dependencies';

/**
 * The public alert page. Apart from public-documents.ts (CAP and Atom): the page's function then bundles no
 * XML writer and no SMS composer.
 */

export type PublicDeps = Pick<ReadDependencies, 'alerts' | 'config' | 'clock'>;

/** Exercises and alerts never issued answer exactly like an unknown id. */
export async function publicAlert(deps: PublicDeps, alertId: string): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert || !hasPublicMessages(alert)) throw new NotFoundError('No public alert with this id');
  return alert;
}

export async function getAlertPage(deps: PublicDeps, alertId: string, language: string): Promise<string> {
  return renderAlertPage(await publicAlert(deps, alertId), deps.config, language);
}
