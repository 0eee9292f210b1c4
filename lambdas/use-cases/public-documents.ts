import type { AlertStatus } from '../domain/alert';
import { NotFoundError } from '../domain/errors';
import { latestMessage, messageByVersion } from '../domain/public/alert-messages';
import { type AtomFeed, buildAtomFeed, currentFeedItems } from '../domain/public/atom-feed';
import { capMessageOf } from '../domain/public/cap-history';
import { approvalOf, isApprovedPublicContent } from './public-integrity';
import { type PublicDeps, publicAlert } from './public-page';

/** Alerts whose messages may be in the feed: being sent, running, or resolved (for their Cancel). */
const FEED_STATUSES: readonly AlertStatus[] = ['APPROVED', 'ACTIVE', 'RESOLVED'];

/** A CAP message as issued: the latest one without a version. */
export async function getCapMessage(deps: PublicDeps, alertId: string, version?: number): Promise<string> {
  const alert = await publicAlert(deps, alertId);
  const message = version === undefined ? latestMessage(alert) : messageByVersion(alert, version);
  if (!message) throw new NotFoundError('This alert has no message with this version');
  if (!(await isApprovedPublicContent(deps, alert, message.content, approvalOf(alert, message)))) {
    throw new NotFoundError('This alert has no message with this version');
  }
  return capMessageOf(alert, message, deps.config);
}

export async function getAtomFeed(deps: PublicDeps): Promise<AtomFeed> {
  const lists = await Promise.all(FEED_STATUSES.map((status) => deps.alerts.listByStatus(status)));
  const now = deps.clock.now();
  const items = currentFeedItems(lists.flat(), now, deps.config);
  const approved = await Promise.all(
    items.map((i) =>
      isApprovedPublicContent(deps, i.alert, i.message.content, approvalOf(i.alert, i.message)),
    ),
  );
  return buildAtomFeed(
    items.filter((_, n) => approved[n]),
    now,
    deps.config,
  );
}
