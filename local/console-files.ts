import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/**
 * The built police console (console/dist, `npm run console:build`) served at /console/, as CloudFront serves
 * it from S3 in AWS: hashed assets cached for a year, index.html never, and the console's CSP on every file.
 * A path that is not a file is a screen of the single-page app: it gets index.html.
 */

export const CONSOLE_DIST = join(__dirname, '..', 'console', 'dist');

/** The console's policy: its own scripts, styles and API only; no inline script, nothing third-party. */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; " +
  "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticFile {
  statusCode: number;
  body: Buffer;
  headers: Record<string, string>;
}

export async function consoleFile(root: string, path: string | undefined): Promise<StaticFile> {
  const headers = {
    'content-security-policy': CONSOLE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const relative = normalize(path ?? 'index.html').replace(/^(\.\.(\/|\\|$))+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) return notFound(headers);
  const asset = extname(relative) !== '';
  try {
    const body = await readFile(asset ? file : join(root, 'index.html'));
    const type = TYPES[asset ? extname(relative) : '.html'] ?? 'application/octet-stream';
    const immutable = relative.startsWith(`assets${sep}`);
    return {
      statusCode: 200,
      body,
      headers: {
        ...headers,
        'content-type': type,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    };
  } catch {
    if (!asset) {
      const message = 'The console is not built: run npm run console:build';
      return {
        statusCode: 503,
        body: Buffer.from(message),
        headers: { ...headers, 'content-type': 'text/plain' },
      };
    }
    return notFound(headers);
  }
}

function notFound(headers: Record<string, string>): StaticFile {
  return {
    statusCode: 404,
    body: Buffer.from('Not Found'),
    headers: { ...headers, 'content-type': 'text/plain' },
  };
}
