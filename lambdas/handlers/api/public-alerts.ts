import { pageLanguage } from '../../domain/public/alert-page';
import { renderHome } from '../../domain/public/site-pages';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, header } from '../../http/request';
import { document, json } from '../../http/responses';
import { SITE_HEADERS } from '../../http/site-headers';
import type { ReadDependencies } from '../../ports/dependencies';
import { getPublicAlert, listPublicAlerts } from '../../use-cases/read-alerts';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config } from '../../wiring/aws/config';
import { contentSigner } from '../../wiring/aws/signer';

/**
 * GET /public/alerts and GET /public/alerts/{id} — active live alerts, public fields only.
 * GET / — the same list as the public site's home page (HTML, no JavaScript).
 */
export function createHandler(deps: Pick<ReadDependencies, 'alerts' | 'config' | 'signer'>) {
  return httpHandler(async (event) => {
    const cache = { 'cache-control': 'public, max-age=30' };
    if (event.pathParameters?.id !== undefined) {
      return json(200, await getPublicAlert(deps, alertIdFrom(event)), cache);
    }
    if (event.resource === '/') {
      const language = pageLanguage(
        deps.config,
        event.queryStringParameters?.lang ?? undefined,
        header(event, 'accept-language'),
      );
      const html = renderHome(await listPublicAlerts(deps), deps.config, language);
      return document(200, 'text/html; charset=utf-8', html, {
        ...SITE_HEADERS,
        ...cache,
        'content-language': language,
      });
    }
    return json(200, { items: await listPublicAlerts(deps) }, cache);
  });
}

export const handler = createHandler({ alerts: alertReader, signer: contentSigner, config });
