import { createHash } from 'node:crypto';
import { SITE_STYLE } from '../domain/public/site-pages';

/** The public site's pages: their one stylesheet allowed by its hash, no script at all, forms to this site. */
export const SITE_HEADERS = {
  'content-security-policy': `default-src 'none'; img-src https:; style-src 'sha256-${createHash('sha256').update(SITE_STYLE).digest('base64')}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  vary: 'Accept-Language',
};
