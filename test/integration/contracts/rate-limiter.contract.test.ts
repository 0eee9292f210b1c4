import { randomUUID } from 'node:crypto';
import { DynamoRateLimiter } from '../../../lambdas/adapters/dynamodb/rate-limiter';
import type { RateLimiter } from '../../../lambdas/ports/rate-limiter';
import { FakeRateLimiter } from '../../unit/support/fakes';
import { tablesOnDynalite } from '../support/dynalite-tables';

/** The fixed-window counters the public routes that text a phone rely on, against the fake and dynalite. */
// Requests to dynalite take milliseconds, or seconds on a busy machine.
jest.setTimeout(30_000);
const dynamo = tablesOnDynalite();

const implementations: [string, () => RateLimiter][] = [
  ['in-memory fake', () => new FakeRateLimiter()],
  [
    'DynamoDB adapter on dynalite',
    () =>
      new DynamoRateLimiter(dynamo.documents, dynamo.names.subscribersTable, async () =>
        new Uint8Array(32).fill(7),
      ),
  ],
];

describe.each(implementations)('RateLimiter contract: %s', (_name, make) => {
  let limiter: RateLimiter;
  let key: string;
  beforeEach(() => {
    limiter = make();
    key = `phone:${randomUUID()}`;
  });
  const at = (iso: string) => new Date(iso);

  test('counts up to the limit within a window, then refuses; another key has its own count', async () => {
    const now = at('2026-12-01T10:00:05.000Z');
    for (let i = 0; i < 3; i++) await expect(limiter.tryHit(key, 3, 3600, now)).resolves.toBe(true);
    await expect(limiter.tryHit(key, 3, 3600, at('2026-12-01T10:59:59.000Z'))).resolves.toBe(false);
    await expect(limiter.tryHit(`${key}-other`, 3, 3600, now)).resolves.toBe(true);
  });

  test('the next window starts from zero', async () => {
    await expect(limiter.tryHit(key, 1, 60, at('2026-12-01T10:00:01.000Z'))).resolves.toBe(true);
    await expect(limiter.tryHit(key, 1, 60, at('2026-12-01T10:00:59.000Z'))).resolves.toBe(false);
    await expect(limiter.tryHit(key, 1, 60, at('2026-12-01T10:01:00.000Z'))).resolves.toBe(true);
  });

  test('concurrent uses never overshoot the limit', async () => {
    const now = at('2026-12-01T10:00:05.000Z');
    const granted = await Promise.all(Array.from({ length: 12 }, () => limiter.tryHit(key, 5, 3600, now)));
    expect(granted.filter(Boolean)).toHaveLength(5);
  });
});
