import type { Dependencies } from '../commons/dependencies';
import type { Alert, AlertStatus } from '../domain/alert';
import { NotFoundError } from '../domain/errors';
import { renderAlertPage } from '../domain/public/alert-page';
import { type AtomFeed, buildAtomFeed, currentFeedItems } from '../domain/public/atom-feed';
import {
  capMessageOf,
  hasPublicMessages,
  latestMessage,
  messageByVersion,
} from '../domain/public/cap-history';

type PublicDeps = Pick<Dependencies, 'alerts' | 'config' | 'clock'>;

/** Alerts whose messages may be in the feed: being sent, running, or resolved (for their Cancel). */
const FEED_STATUSES: readonly AlertStatus[] = ['APPROVED', 'ACTIVE', 'RESOLVED'];

/** Exercises and alerts never issued answer exactly like an unknown id. */
async function publicAlert(deps: PublicDeps, alertId: string): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert || !hasPublicMessages(alert)) throw new NotFoundError('No public alert with this id');
  return alert;
}

/** A CAP message as issued: the latest one without a version. */
export async function getCapMessage(deps: PublicDeps, alertId: string, version?: number): Promise<string> {
  const alert = await publicAlert(deps, alertId);
  const message = version === undefined ? latestMessage(alert) : messageByVersion(alert, version);
  if (!message) throw new NotFoundError('This alert has no message with this version');
  return capMessageOf(alert, message, deps.config);
}

export async function getAtomFeed(deps: PublicDeps): Promise<AtomFeed> {
  const lists = await Promise.all(FEED_STATUSES.map((status) => deps.alerts.listByStatus(status)));
  const now = deps.clock.now();
  return buildAtomFeed(currentFeedItems(lists.flat(), now, deps.config), now, deps.config);
}

export async function getAlertPage(deps: PublicDeps, alertId: string, language: string): Promise<string> {
  return renderAlertPage(await publicAlert(deps, alertId), deps.config, language);
}
