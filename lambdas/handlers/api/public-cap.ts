import { systemClock } from '../../adapters/system-clock';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, versionFrom } from '../../http/request';
import { document } from '../../http/responses';
import { logger } from '../../observability/logger';
import type { ReadDependencies } from '../../ports/dependencies';
import { getAtomFeed, getCapMessage } from '../../use-cases/public-documents';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config } from '../../wiring/aws/config';
import { contentSigner } from '../../wiring/aws/signer';

export const CAP_CONTENT_TYPE = 'application/cap+xml; charset=utf-8';
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * GET /public/feed.atom, GET /public/alerts/{id}/cap and GET /public/alerts/{id}/cap/{version}: the CAP
 * messages of live alerts as they were issued, and the Atom feed of the current ones, for partners.
 */
export function createHandler(deps: Pick<ReadDependencies, 'alerts' | 'config' | 'clock' | 'signer'>) {
  return httpHandler(async (event) => {
    if (event.pathParameters?.id === undefined) {
      const feed = await getAtomFeed(deps);
      logger.info('Feed served', { entries: feed.entries, inline: feed.inline, bytes: feed.bytes });
      return document(200, ATOM_CONTENT_TYPE, feed.xml, { 'cache-control': 'public, max-age=30' });
    }
    const id = alertIdFrom(event);
    const raw = event.pathParameters.version;
    if (raw === undefined) {
      const cap = await getCapMessage(deps, id);
      return document(200, CAP_CONTENT_TYPE, cap, { 'cache-control': 'public, max-age=30' });
    }
    // An issued message never changes.
    const cap = await getCapMessage(deps, id, versionFrom(raw));
    return document(200, CAP_CONTENT_TYPE, cap, { 'cache-control': 'public, max-age=3600' });
  });
}

export const handler = createHandler({
  alerts: alertReader,
  config,
  clock: systemClock,
  signer: contentSigner,
});
