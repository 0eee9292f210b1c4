/**
 * DynamoDB as the broadcast meets it in AWS, reduced to what bounds a broadcast's timing: every request
 * waits for a socket of its client, takes a network-and-service latency, draws capacity units from its
 * partition's token bucket and is throttled past it; the SDK retries throttled requests as its standard
 * retry strategy does, and gives up with the service's error name after its last attempt. Every figure is
 * a named constant with its source.
 */

/**
 * "each individual partition is limited to 1,000 write units per second and 3,000 read units per second",
 * whatever the table's mode: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html
 */
export const PARTITION_WCU_PER_SECOND = 1000;
export const PARTITION_RCU_PER_SECOND = 3000;
/**
 * A partition's bucket holds one second of its rate. DynamoDB's burst capacity (up to 300 s of unused
 * provisioned capacity) does not lift the per-partition limit above, so the model grants no more.
 */
export const PARTITION_BUCKET_SECONDS = 1;

/**
 * One write unit per 1 KB written, one read unit per 4 KB read strongly consistent, half a unit eventually
 * consistent; a conditional write that fails still consumes its write units:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */
export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;
export const EVENTUAL_READ_FACTOR = 0.5;
/**
 * Item sizes (attribute names + values) of the adapters' items, estimated from their attributes: a delivery
 * record (partition key `<alert id>#ALERT#P<n>`, phone, language, audience, status, attempts, lease) and a
 * county membership (pk, sk, phone, language, 1–3 counties). Both under 1 KB: one write unit per write.
 */
export const DELIVERY_ITEM_BYTES = 180;
export const MEMBERSHIP_ITEM_BYTES = 130;

/**
 * "A single call to BatchWriteItem can transmit up to 16MB of data over the network, consisting of up to
 * 25 item put or delete operations"; throttled writes come back in UnprocessedItems:
 * https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/dynamodb/command/BatchWriteItemCommand
 * The adapters never batch: BatchWriteItem takes no ConditionExpression, and planning's
 * `attribute_not_exists(phone)` is what keeps a re-planned phone's record (and its SENT status) intact.
 */
export const BATCH_WRITE_MAX_ITEMS = 25;

/**
 * "consistent, single-digit millisecond latency at any scale" (DynamoDB's service description, e.g.
 * https://www.nuget.org/packages/AWSSDK.DynamoDBv2): 4–10 ms from a Lambda in the same Region for most
 * requests. The tail (1 % at 20–60 ms) is an assumption of the model, not a documented figure.
 */
export const LATENCY_MS = { min: 4, max: 10 };
export const TAIL_SHARE = 0.01;
export const TAIL_LATENCY_MS = { min: 20, max: 60 };

/**
 * "The SDK for JavaScript uses a maxSockets value of 50 if you do not supply a value or an Agent object":
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-maxsockets.html
 * (the clients in lambdas/wiring/clients/ supply neither). Further requests queue for a socket.
 */
export const MAX_SOCKETS_PER_CLIENT = 50;

/**
 * The SDK's standard retry strategy (@smithy/core, submodules/retry/util-retry/constants.js; DynamoDB's
 * default of 3 attempts): a throttled request is retried after a full-jitter delay of up to
 * 2^attempt × 500 ms, each retry costs 5 tokens of a 500-token quota per client, and a success after a retry
 * refunds them (1 token otherwise). An empty quota ends the retries.
 */
export const SDK_MAX_ATTEMPTS = 3;
export const SDK_THROTTLING_DELAY_BASE_MS = 500;
export const SDK_MAX_DELAY_MS = 20_000;
export const SDK_RETRY_QUOTA = 500;
export const SDK_RETRY_COST = 5;
export const SDK_NO_RETRY_INCREMENT = 1;

/** DynamoDB's error for a request over its partition's capacity; the SDK classifies it as throttling. */
export const THROTTLED_ERROR_NAME = 'ProvisionedThroughputExceededException';

export type Operation = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

export interface Capacity {
  read?: number;
  write?: number;
}

export class ThrottledError extends Error {
  override readonly name = THROTTLED_ERROR_NAME;
}

class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = perSecond * PARTITION_BUCKET_SECONDS;
    this.at = now;
  }

  take(units: number, now: number): boolean {
    this.tokens = Math.min(
      this.perSecond * PARTITION_BUCKET_SECONDS,
      this.tokens + ((now - this.at) / 1000) * this.perSecond,
    );
    this.at = now;
    // A request is admitted while the bucket is not in debt: DynamoDB measures after the fact.
    if (this.tokens <= 0) return false;
    this.tokens -= units;
    return true;
  }
}

/** One SDK client: its socket pool and its retry quota. */
class ModelClient {
  inFlight = 0;
  retryQuota = SDK_RETRY_QUOTA;
  private readonly waiting: (() => void)[] = [];

  async acquire(): Promise<void> {
    if (this.inFlight < MAX_SOCKETS_PER_CLIENT) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}

export interface ModelStats {
  requests: Record<Operation, number>;
  throttled: number;
  sdkRetries: number;
  /** Requests that failed after the SDK's last attempt: the caller saw the error. */
  failed: number;
  rcu: number;
  wcu: number;
  /** Most sockets any client had in use at once. */
  peakSockets: number;
  /** Requests per client (planner, shard-0 …, alerts): which Lambda made them. */
  byClient: Map<string, Record<Operation, number>>;
}

const noRequests = (): Record<Operation, number> => ({
  GetItem: 0,
  PutItem: 0,
  UpdateItem: 0,
  DeleteItem: 0,
  Query: 0,
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class DynamoModel {
  readonly stats: ModelStats = {
    requests: noRequests(),
    throttled: 0,
    sdkRetries: 0,
    failed: 0,
    rcu: 0,
    wcu: 0,
    peakSockets: 0,
    byClient: new Map(),
  };
  private readonly reads = new Map<string, TokenBucket>();
  private readonly writes = new Map<string, TokenBucket>();
  private readonly clients = new Map<string, ModelClient>();

  constructor(private readonly random: () => number) {}

  private client(name: string): ModelClient {
    let client = this.clients.get(name);
    if (!client) {
      client = new ModelClient();
      this.clients.set(name, client);
    }
    return client;
  }

  private bucket(map: Map<string, TokenBucket>, partition: string, perSecond: number): TokenBucket {
    let bucket = map.get(partition);
    if (!bucket) {
      bucket = new TokenBucket(perSecond, performance.now());
      map.set(partition, bucket);
    }
    return bucket;
  }

  private latency(): number {
    const { min, max } = this.random() < TAIL_SHARE ? TAIL_LATENCY_MS : LATENCY_MS;
    return min + this.random() * (max - min);
  }

  /** Whether the partition admits the request now; consumed units are counted whether or not a condition holds. */
  private admit(partition: string, capacity: Capacity): boolean {
    const now = performance.now();
    const read = capacity.read ?? 0;
    const write = capacity.write ?? 0;
    if (read > 0 && !this.bucket(this.reads, partition, PARTITION_RCU_PER_SECOND).take(read, now))
      return false;
    if (write > 0 && !this.bucket(this.writes, partition, PARTITION_WCU_PER_SECOND).take(write, now))
      return false;
    this.stats.rcu += read;
    this.stats.wcu += write;
    return true;
  }

  /**
   * One SDK call: resolves once DynamoDB accepted the request, or rejects with ProvisionedThroughputExceeded
   * after the SDK's retries, as `client.send` does.
   */
  async request(clientName: string, op: Operation, partition: string, capacity: Capacity): Promise<void> {
    const client = this.client(clientName);
    for (let attempt = 1; ; attempt++) {
      await client.acquire();
      this.stats.peakSockets = Math.max(this.stats.peakSockets, client.inFlight);
      this.stats.requests[op]++;
      let mine = this.stats.byClient.get(clientName);
      if (!mine) {
        mine = noRequests();
        this.stats.byClient.set(clientName, mine);
      }
      mine[op]++;
      let admitted: boolean;
      try {
        await sleep(this.latency());
        admitted = this.admit(partition, capacity);
      } finally {
        client.release();
      }
      if (admitted) {
        client.retryQuota = Math.min(
          SDK_RETRY_QUOTA,
          client.retryQuota + (attempt > 1 ? SDK_RETRY_COST : SDK_NO_RETRY_INCREMENT),
        );
        return;
      }
      this.stats.throttled++;
      if (attempt >= SDK_MAX_ATTEMPTS || client.retryQuota < SDK_RETRY_COST) {
        this.stats.failed++;
        throw new ThrottledError(`${op} on a partition over its capacity`);
      }
      client.retryQuota -= SDK_RETRY_COST;
      this.stats.sdkRetries++;
      await sleep(
        Math.floor(Math.min(SDK_MAX_DELAY_MS, this.random() * 2 ** attempt * SDK_THROTTLING_DELAY_BASE_MS)),
      );
    }
  }
}

/** Read units of a query returning `items` items of `itemBytes` each. */
export const readUnits = (items: number, itemBytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil((items * itemBytes) / READ_UNIT_BYTES)) * (consistent ? 1 : EVENTUAL_READ_FACTOR);

/** Write units of one write of an item of `itemBytes`. */
export const writeUnits = (itemBytes: number) => Math.max(1, Math.ceil(itemBytes / WRITE_UNIT_BYTES));
