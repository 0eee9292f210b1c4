import {
  DynamoModel,
  MAX_SOCKETS_PER_CLIENT,
  PARTITION_WCU_PER_SECOND,
  THROTTLED_ERROR_NAME,
} from '../../../bench/broadcast/dynamo-model';

/** Mid-range latencies (7 ms, no tail) and retry pauses. */
const middle = () => 0.5;

describe('the DynamoDB model of bench:broadcast', () => {
  it('keeps at most 50 requests of one client in flight and queues the rest', async () => {
    const model = new DynamoModel(middle);
    await Promise.all(
      Array.from({ length: 4 * MAX_SOCKETS_PER_CLIENT }, (_, i) =>
        model.request('planner', 'PutItem', `partition-${i % 40}`, { write: 1 }),
      ),
    );
    expect(model.stats.peakSockets).toBe(MAX_SOCKETS_PER_CLIENT);
    expect(model.stats.requests.PutItem).toBe(4 * MAX_SOCKETS_PER_CLIENT);
    expect(model.stats.throttled).toBe(0);
  });

  it('throttles writes to one partition past 1,000 WCU a second, and the SDK retries them', async () => {
    const model = new DynamoModel(middle);
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 2 * PARTITION_WCU_PER_SECOND }, (_, i) =>
        model.request(`client-${i % 8}`, 'UpdateItem', 'hot', { write: 1 }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const failures = outcomes.filter((o) => o.status === 'rejected');
    expect(model.stats.throttled).toBeGreaterThan(0);
    expect(model.stats.sdkRetries).toBeGreaterThan(0);
    // A write is charged only when admitted: the bucket's second plus what refilled meanwhile (+ the last
    // request admitted in debt).
    expect(model.stats.wcu).toBeLessThanOrEqual(PARTITION_WCU_PER_SECOND * (1 + seconds) + 1);
    for (const failure of failures) {
      expect((failure as PromiseRejectedResult).reason).toMatchObject({ name: THROTTLED_ERROR_NAME });
    }
    expect(model.stats.failed).toBe(failures.length);
  });

  it('gives each partition its own capacity', async () => {
    const model = new DynamoModel(middle);
    await Promise.all(
      Array.from({ length: 4 * PARTITION_WCU_PER_SECOND }, (_, i) =>
        model.request(`client-${i % 8}`, 'PutItem', `partition-${i % 8}`, { write: 1 }),
      ),
    );
    expect(model.stats.throttled).toBe(0);
    expect(model.stats.wcu).toBe(4 * PARTITION_WCU_PER_SECOND);
  });
});
