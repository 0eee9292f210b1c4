import { systemClock } from '../../adapters/system-clock';
import { isAlertId } from '../../domain/alert-id';
import { pageLanguage } from '../../domain/public/alert-page';
import { httpHandler } from '../../http/http-handler';
import { header } from '../../http/request';
import { document } from '../../http/responses';
import type { ReadDependencies } from '../../ports/dependencies';
import { getAlertPage } from '../../use-cases/public-page';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config } from '../../wiring/aws/config';
import { contentSigner } from '../../wiring/aws/signer';

/** No scripts, no frames, images only from https (the child's photo), styles only inline. */
const PAGE_HEADERS = {
  'cache-control': 'public, max-age=30',
  'content-security-policy':
    "default-src 'none'; img-src https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  vary: 'Accept-Language',
};

/**
 * GET /a/{id} — the page every alert SMS links to. Query parameters other than `lang` are ignored, not
 * refused: links shared on social media come back with tracking parameters, and the page must still open.
 */
export function createHandler(deps: Pick<ReadDependencies, 'alerts' | 'config' | 'clock' | 'signer'>) {
  return httpHandler(async (event) => {
    // A mistyped or cut link is an unknown id: it gets the page too, not a JSON error.
    const raw = event.pathParameters?.id?.toLowerCase();
    const id = raw && isAlertId(raw) ? raw : undefined;
    const language = pageLanguage(
      deps.config,
      event.queryStringParameters?.lang ?? undefined,
      header(event, 'accept-language'),
    );
    const page = await getAlertPage(deps, id, language);
    return document(page.status, 'text/html; charset=utf-8', page.html, {
      ...PAGE_HEADERS,
      'content-language': language,
    });
  });
}

export const handler = createHandler({
  alerts: alertReader,
  config,
  clock: systemClock,
  signer: contentSigner,
});
