import '../support/env';
import { NotFoundError } from '../../../lambdas/domain/errors';
import { httpHandler } from '../../../lambdas/http/http-handler';
import { document, HSTS, json } from '../../../lambdas/http/responses';
import { apiEvent, lambdaContext } from '../support/api-gateway';

/** Browsers must never fall back to plain HTTP for the API or the public pages: at least a year, subdomains too. */
function expectHsts(headers: Record<string, unknown> | undefined): void {
  const value = String(headers?.['strict-transport-security'] ?? '');
  expect(Number(/max-age=(\d+)/.exec(value)?.[1] ?? 0)).toBeGreaterThanOrEqual(31_536_000);
  expect(value).toContain('includeSubDomains');
}

describe('HSTS on every handler response', () => {
  test('JSON and other documents', () => {
    expectHsts(json(200, {}).headers);
    expectHsts(document(200, 'text/html; charset=utf-8', '<p>x</p>').headers);
    expect(json(200, {}).headers?.['strict-transport-security']).toBe(HSTS);
  });

  test('domain errors and unexpected failures', async () => {
    const notFound = await httpHandler(async () => {
      throw new NotFoundError();
    })(apiEvent(), lambdaContext());
    expectHsts(notFound.headers);
    const crash = await httpHandler(async () => {
      throw new Error('boom');
    })(apiEvent(), lambdaContext());
    expect(crash.statusCode).toBe(500);
    expectHsts(crash.headers);
  });
});
