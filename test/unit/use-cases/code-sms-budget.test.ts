import '../support/env';
import { loadConfig } from '../../../lambdas/config/config';
import { TooManyRequestsError } from '../../../lambdas/domain/errors';
import { toErrorResponse } from '../../../lambdas/http/http-handler';
import { logger } from '../../../lambdas/observability/logger';
import { requestUnsubscribe } from '../../../lambdas/use-cases/opt-out';
import { CODE_BUDGET_EXHAUSTED, subscribe } from '../../../lambdas/use-cases/subscriptions';
import { buildOpenApiDocument } from '../../../lib/openapi';
import { mobile } from '../support/builders';
import { testConfig } from '../support/config';
import { fakeDependencies } from '../support/deps';

const request = (i: number) => ({ phone: mobile(i), counties: ['AL-11'], language: 'sq' });

describe('the platform-wide budget of code SMS per hour', () => {
  test('many clients, many phones: past the budget every code request gets 429 until the hour ends', async () => {
    const deps = fakeDependencies({ config: testConfig({ AMBER_CODE_SMS_PER_HOUR: '5' }) });
    expect(deps.config.subscriptions.codeSmsPerHour).toBe(5);
    // A rotating pool of IPs, each well within its own limits.
    for (let i = 0; i < 5; i++) await subscribe(deps, request(i), `198.51.100.${i}`);
    const refused = subscribe(deps, request(50), '198.51.100.50');
    await expect(refused).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(deps.sms.sent).toHaveLength(5);
    // Unsubscription codes draw on the same budget.
    await expect(requestUnsubscribe(deps, { phone: mobile(1) }, '198.51.100.60')).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    expect(deps.sms.sent).toHaveLength(5);
    deps.clock.advance(3600_000);
    await expect(subscribe(deps, request(51), '198.51.100.51')).resolves.toEqual({
      status: 'PENDING_CONFIRMATION',
    });
  });

  test('the 429 says when the budget is back (Retry-After), and the log line the alarm counts carries no phone', async () => {
    const deps = fakeDependencies({ config: testConfig({ AMBER_CODE_SMS_PER_HOUR: '1' }) });
    deps.clock.set(new Date('2026-05-01T10:45:00.000Z'));
    await subscribe(deps, request(1), 'a');
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    try {
      const refusal = await subscribe(deps, request(2), 'b').catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(TooManyRequestsError);
      const response = toErrorResponse(refusal);
      expect(response.statusCode).toBe(429);
      expect(response.headers?.['retry-after']).toBe('900');
      expect(error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining(CODE_BUDGET_EXHAUSTED));
      expect(JSON.stringify(error.mock.calls)).not.toContain(mobile(2));
    } finally {
      error.mockRestore();
    }
  });

  test('a request refused by its own client or phone limit spends nothing of the budget', async () => {
    const deps = fakeDependencies({
      config: testConfig({ AMBER_CODE_SMS_PER_HOUR: '3', AMBER_CODES_PER_CLIENT_PER_HOUR: '1' }),
    });
    await subscribe(deps, request(1), 'greedy');
    for (let i = 0; i < 5; i++) {
      await expect(subscribe(deps, request(10 + i), 'greedy')).rejects.toBeInstanceOf(TooManyRequestsError);
    }
    await subscribe(deps, request(2), 'other');
    await expect(subscribe(deps, request(3), 'third')).resolves.toEqual({ status: 'PENDING_CONFIRMATION' });
  });
});

test('the contract documents the 429 and its Retry-After on both routes that send a code', () => {
  const doc = buildOpenApiDocument(loadConfig({})) as {
    paths: Record<string, { post?: { responses: Record<string, { headers?: Record<string, unknown> }> } }>;
  };
  for (const path of ['/subscriptions', '/subscriptions/unsubscribe']) {
    expect(doc.paths[path]?.post?.responses['429']?.headers).toHaveProperty('Retry-After');
  }
});
