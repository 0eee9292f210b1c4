import 'aws-sdk-client-mock-jest';
import { createHash, createHmac } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoRateLimiter } from '../../../lambdas/adapters/dynamodb/rate-limiter';
import { documentClient } from '../support/aws';

const client = documentClient();
const ddb = mockClient(client);
beforeEach(() => ddb.reset());

const NOW = new Date('2024-05-01T10:00:00.000Z');
const keyOf = () => String(ddb.commandCalls(UpdateCommand)[0]?.args[0].input.Key?.pk);

test('counter keys are an HMAC of the phone or IP under a secret key, not a bare hash anyone can recompute', async () => {
  ddb.on(UpdateCommand).resolves({});
  const secret = new Uint8Array(32).fill(7);
  const limiter = new DynamoRateLimiter(client, 'amber-subscribers', async () => secret);
  await limiter.tryHit('phone:+355692340001', 3, 3600, NOW);

  const unsalted = createHash('sha256').update('phone:+355692340001').digest('hex').slice(0, 40);
  const keyed = createHmac('sha256', secret).update('phone:+355692340001').digest('hex').slice(0, 40);
  expect(keyOf()).toBe(`RATE#${keyed}`);
  expect(keyOf()).not.toContain(unsalted);

  // Another deployment's secret gives other keys: a table copy cannot be matched against a phone list.
  ddb.reset();
  ddb.on(UpdateCommand).resolves({});
  const other = new DynamoRateLimiter(client, 'amber-subscribers', async () => new Uint8Array(32).fill(9));
  await other.tryHit('phone:+355692340001', 3, 3600, NOW);
  expect(keyOf()).not.toBe(`RATE#${keyed}`);
});

test('the secret is read once, however many requests', async () => {
  ddb.on(UpdateCommand).resolves({});
  const load = jest.fn(async () => new Uint8Array(32).fill(1));
  const limiter = new DynamoRateLimiter(client, 'amber-subscribers', load);
  await Promise.all([1, 2, 3].map((i) => limiter.tryHit(`client:10.0.0.${i}`, 20, 3600, NOW)));
  await limiter.tryHit('client:10.0.0.4', 20, 3600, NOW);
  expect(load).toHaveBeenCalledTimes(1);
});
