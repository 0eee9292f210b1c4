import { partitionKey, shardLedgerKey } from '../../lambdas/adapters/dynamodb/delivery-repository';
import { shardOf } from '../../lambdas/domain/delivery-shards';
import type { AlertRepository } from '../../lambdas/ports/alert-repository';
import type {
  Delivery,
  DeliveryPage,
  DeliveryRepository,
  PlannedRecipient,
  ShardLedger,
  ShardSlice,
  ShardTotals,
} from '../../lambdas/ports/delivery-repository';
import type { RecipientPage, SubscriberRepository } from '../../lambdas/ports/subscriber-repository';
import {
  DELIVERY_ITEM_BYTES,
  type DynamoModel,
  MEMBERSHIP_ITEM_BYTES,
  readUnits,
  writeUnits,
} from './dynamo-model';
import type { SimulatedDeliveries } from './sim-deliveries';
import type { SimulatedRegistry } from './sim-registry';

/**
 * The simulated tables behind the DynamoDB model: each call first makes the requests the DynamoDB adapter
 * (lambdas/adapters/dynamodb/) makes for it, on the same partitions, through the client of the Lambda that
 * makes it (the planner, each shard's sender), then changes the simulated table. A request that fails after
 * the SDK's retries fails the call, as it fails the adapter's.
 */

/** The adapter's planning writes in flight (DynamoDeliveryRepository.plan: chunks of the SDK's 50 sockets). */
const ADAPTER_PLAN_CONCURRENCY = 50;
/** The adapters' default page sizes (DynamoDeliveryRepository.page, DynamoSubscriberRepository.recipientsPage). */
const ADAPTER_DELIVERY_PAGE = 500;
const ADAPTER_RECIPIENT_PAGE = 500;

const PLANNER = 'planner';
const shardClient = (shard: number) => `shard-${shard}`;
const WRITE = { write: writeUnits(DELIVERY_ITEM_BYTES) };

export class ModelledDeliveries implements DeliveryRepository {
  readonly shards: ModelledLedger;

  constructor(
    private readonly inner: SimulatedDeliveries,
    private readonly model: DynamoModel,
  ) {
    this.shards = new ModelledLedger(inner.shards, model);
  }

  private async where(messageKey: string, phone: string) {
    const of = (await this.inner.shards.shardsOf(messageKey)) ?? 1;
    const shard = shardOf(phone, of);
    return { client: shardClient(shard), partition: partitionKey(messageKey, shard, of) };
  }

  async plan(messageKey: string, recipients: readonly PlannedRecipient[]): Promise<number> {
    if (recipients.length === 0) return 0;
    const of = await this.shards.countOf(PLANNER, messageKey);
    let created = 0;
    for (let i = 0; i < recipients.length; i += ADAPTER_PLAN_CONCURRENCY) {
      const chunk = recipients.slice(i, i + ADAPTER_PLAN_CONCURRENCY);
      const results = await Promise.all(
        chunk.map(async (r) => {
          const partition = partitionKey(messageKey, shardOf(r.phone, of), of);
          await this.model.request(PLANNER, 'PutItem', partition, WRITE);
          return this.inner.plan(messageKey, [r]);
        }),
      );
      created += results.reduce((a, b) => a + b, 0);
    }
    return created;
  }

  async page(
    messageKey: string,
    cursor?: string,
    pageSize = ADAPTER_DELIVERY_PAGE,
    slice?: ShardSlice,
  ): Promise<DeliveryPage> {
    const page = await this.inner.page(messageKey, cursor, pageSize, slice);
    const of = (await this.inner.shards.shardsOf(messageKey)) ?? 1;
    const client = slice ? shardClient(slice.shard) : PLANNER;
    const partition = partitionKey(messageKey, slice?.shard ?? 0, of);
    await this.model.request(client, 'Query', partition, {
      read: readUnits(page.items.length, DELIVERY_ITEM_BYTES, true),
    });
    return page;
  }

  async claim(
    messageKey: string,
    phone: string,
    leaseUntil: string,
    now: string,
  ): Promise<Delivery | undefined> {
    const { client, partition } = await this.where(messageKey, phone);
    await this.model.request(client, 'UpdateItem', partition, WRITE);
    const claimed = await this.inner.claim(messageKey, phone, leaseUntil, now);
    // The adapter flags an ambiguous re-send with a second write.
    if (claimed?.ambiguous) await this.model.request(client, 'UpdateItem', partition, WRITE);
    return claimed;
  }

  async markSent(messageKey: string, phone: string, _now: string): Promise<boolean> {
    const { client, partition } = await this.where(messageKey, phone);
    await this.model.request(client, 'UpdateItem', partition, WRITE);
    return this.inner.markSent(messageKey, phone);
  }

  async markFailed(messageKey: string, phone: string, error: string, retryable: boolean): Promise<boolean> {
    const { client, partition } = await this.where(messageKey, phone);
    await this.model.request(client, 'UpdateItem', partition, WRITE);
    return this.inner.markFailed(messageKey, phone, error, retryable);
  }
}

/** The shard ledger's requests: the layout read once per message and client (the adapter caches it). */
class ModelledLedger implements ShardLedger {
  private readonly known = new Set<string>();
  /** The totals rows written per message: clearTotals deletes each. */
  private readonly totalsRows = new Map<string, Set<number>>();

  constructor(
    private readonly inner: ShardLedger,
    private readonly model: DynamoModel,
  ) {}

  async countOf(client: string, messageKey: string): Promise<number> {
    const cacheKey = `${client}|${messageKey}`;
    if (!this.known.has(cacheKey)) {
      await this.model.request(client, 'GetItem', shardLedgerKey(messageKey), { read: 1 });
      if ((await this.inner.shardsOf(messageKey)) !== undefined) this.known.add(cacheKey);
    }
    return (await this.inner.shardsOf(messageKey)) ?? 1;
  }

  async saveLayout(messageKey: string, shards: number): Promise<number> {
    await this.model.request(PLANNER, 'PutItem', shardLedgerKey(messageKey), { write: 1 });
    this.known.add(`${PLANNER}|${messageKey}`);
    return this.inner.saveLayout(messageKey, shards);
  }

  async shardsOf(messageKey: string): Promise<number | undefined> {
    await this.countOf(PLANNER, messageKey);
    return this.inner.shardsOf(messageKey);
  }

  async recordTotals(messageKey: string, totals: ShardTotals): Promise<ShardTotals[]> {
    const client = shardClient(totals.shard);
    await this.model.request(client, 'PutItem', shardLedgerKey(messageKey), { write: 1 });
    const rows = this.totalsRows.get(messageKey) ?? new Set<number>();
    this.totalsRows.set(messageKey, rows.add(totals.shard));
    await this.model.request(client, 'Query', shardLedgerKey(messageKey), { read: 1 });
    return this.inner.recordTotals(messageKey, totals);
  }

  async clearTotals(messageKey: string): Promise<void> {
    await this.model.request(PLANNER, 'Query', shardLedgerKey(messageKey), { read: 1 });
    const rows = [...(this.totalsRows.get(messageKey) ?? [])];
    await Promise.all(
      rows.map(() => this.model.request(PLANNER, 'DeleteItem', shardLedgerKey(messageKey), { write: 1 })),
    );
    this.totalsRows.delete(messageKey);
    await this.inner.clearTotals(messageKey);
  }
}

/** The registry's planning reads: one Query per page of a county partition, one per county's counters. */
export function modelledSubscribers(
  base: SubscriberRepository,
  registry: SimulatedRegistry,
  model: DynamoModel,
): SubscriberRepository {
  return {
    ...base,
    recipientsPage: async (counties, cursor, pageSize): Promise<RecipientPage> => {
      const page = await registry.queryPage(counties, cursor, pageSize ?? ADAPTER_RECIPIENT_PAGE);
      await model.request(PLANNER, 'Query', `COUNTY#${page.county}`, {
        read: readUnits(page.scanned, MEMBERSHIP_ITEM_BYTES, false),
      });
      return { recipients: page.recipients, ...(page.next ? { next: page.next } : {}) };
    },
    countByCounty: async (counties) => {
      await Promise.all(counties.map(() => model.request(PLANNER, 'Query', 'COUNTER', { read: 0.5 })));
      return registry.countByCounty(counties);
    },
  };
}

/** The alerts table's reads and writes (status checks, progress): one item each, on the alert's partition. */
export function modelledAlerts<T extends AlertRepository>(alerts: T, model: DynamoModel): T {
  const get = alerts.get.bind(alerts);
  const update = alerts.update.bind(alerts);
  alerts.get = async (id) => {
    await model.request('alerts', 'GetItem', `ALERT#${id}`, { read: 1 });
    return get(id);
  };
  alerts.update = async (...args: Parameters<AlertRepository['update']>) => {
    await model.request('alerts', 'UpdateItem', `ALERT#${args[0]}`, { write: 1 });
    return update(...args);
  };
  return alerts;
}
