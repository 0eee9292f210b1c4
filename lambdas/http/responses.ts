import type { APIGatewayProxyResult } from 'aws-lambda';

/**
 * HTTP Strict Transport Security: two years, subdomains included, so that a browser that once reached the
 * platform never tries plain HTTP again (no preload: that would bind the domain's owner beyond the stack).
 * API Gateway's own responses carry the same value (lib/constructs/amber-api.ts).
 */
export const HSTS = 'max-age=63072000; includeSubDomains';

const SECURITY_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'strict-transport-security': HSTS,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { ...SECURITY_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** A document that is not JSON (HTML page, CAP message, Atom feed), with the same security headers. */
export function document(
  statusCode: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { ...SECURITY_HEADERS, 'content-type': contentType, ...headers }, body };
}
