import { shardOf } from '../../lambdas/domain/delivery-shards';
import type {
  Audience,
  Delivery,
  DeliveryPage,
  DeliveryRepository,
  DeliveryStatus,
  PlannedRecipient,
  ShardLedger,
  ShardSlice,
  ShardTotals,
} from '../../lambdas/ports/delivery-repository';
import { indexOfPhone, phoneOf } from './sim-registry';

const STATUS: readonly (DeliveryStatus | undefined)[] = [undefined, 'PENDING', 'SENDING', 'SENT', 'FAILED'];
const code = (s: DeliveryStatus) => STATUS.indexOf(s);
const AUDIENCES: readonly Audience[] = ['PUBLIC', 'DRILL'];

/** One message's delivery list in typed arrays indexed by subscriber: about 12 bytes a phone. */
class CompactList {
  readonly status: Uint8Array;
  readonly attempts: Uint8Array;
  readonly ambiguous: Uint8Array;
  readonly language: Uint8Array;
  readonly audience: Uint8Array;
  readonly leaseUntil: Float64Array;
  /** Each phone's shard, computed once when it is planned (as the DynamoDB adapter picks its partition). */
  readonly shard: Uint8Array;
  /** The message's shard count when the list was planned. */
  of = 1;
  planned = 0;

  constructor(size: number) {
    this.shard = new Uint8Array(size);
    this.status = new Uint8Array(size);
    this.attempts = new Uint8Array(size);
    this.ambiguous = new Uint8Array(size);
    this.language = new Uint8Array(size);
    this.audience = new Uint8Array(size);
    this.leaseUntil = new Float64Array(size);
  }

  get bytes(): number {
    return this.status.length * 14;
  }
}

/**
 * The delivery repository with the DynamoDB adapter's contract (conditional single-item writes, pages in
 * phone order) for phones of the simulated registry, in memory and fast enough for a million phones.
 */
export class SimulatedDeliveries implements DeliveryRepository {
  private readonly lists = new Map<string, CompactList>();
  private readonly languages: string[] = [];
  readonly shards = new SimulatedShardLedger();

  constructor(private readonly size: number) {}

  /** Bytes the simulated table holds: part of the fixture, not of the code under test. */
  get bytes(): number {
    let total = 0;
    for (const list of this.lists.values()) total += list.bytes;
    return total;
  }

  private list(key: string): CompactList {
    let list = this.lists.get(key);
    if (!list) {
      list = new CompactList(this.size);
      this.lists.set(key, list);
    }
    return list;
  }

  private languageCode(language: string): number {
    let i = this.languages.indexOf(language);
    if (i < 0) i = this.languages.push(language) - 1;
    return i;
  }

  statusOf(key: string, i: number): DeliveryStatus | undefined {
    return STATUS[this.lists.get(key)?.status[i] ?? 0];
  }

  isAmbiguous(key: string, i: number): boolean {
    return (this.lists.get(key)?.ambiguous[i] ?? 0) === 1;
  }

  /** Phones whose record is SENDING: the sends in flight, e.g. at the moment of a crash. */
  inFlight(key: string): number {
    const list = this.lists.get(key);
    if (!list) return 0;
    let n = 0;
    for (const s of list.status) if (s === 2) n++;
    return n;
  }

  private record(key: string, list: CompactList, i: number): Delivery {
    const status = STATUS[list.status[i] ?? 0] ?? 'PENDING';
    const lease = list.leaseUntil[i] ?? 0;
    return {
      messageKey: key,
      phone: phoneOf(i),
      language: this.languages[list.language[i] ?? 0] ?? 'sq',
      audience: AUDIENCES[list.audience[i] ?? 0] ?? 'PUBLIC',
      status,
      attempts: list.attempts[i] ?? 0,
      ...(status === 'SENDING' ? { leaseUntil: new Date(lease).toISOString() } : {}),
      ...(list.ambiguous[i] ? { ambiguous: true } : {}),
    };
  }

  async plan(key: string, recipients: readonly PlannedRecipient[]): Promise<number> {
    const list = this.list(key);
    list.of = (await this.shards.shardsOf(key)) ?? 1;
    let created = 0;
    for (const r of recipients) {
      const i = indexOfPhone(r.phone);
      if (list.status[i] !== 0) continue;
      list.status[i] = code('PENDING');
      list.language[i] = this.languageCode(r.language);
      list.audience[i] = AUDIENCES.indexOf(r.audience);
      list.shard[i] = shardOf(r.phone, list.of);
      list.planned++;
      created++;
    }
    return created;
  }

  async page(key: string, cursor?: string, pageSize = 1000, slice?: ShardSlice): Promise<DeliveryPage> {
    const list = this.lists.get(key);
    if (!list) return { items: [] };
    const end = this.size;
    const mine = (i: number) =>
      slice === undefined ||
      (slice.of === list.of ? list.shard[i] : shardOf(phoneOf(i), slice.of)) === slice.shard;
    const items: Delivery[] = [];
    let i = cursor ? Number(cursor) : 0;
    for (; i < end && items.length < pageSize; i++) {
      if (list.status[i] !== 0 && mine(i)) items.push(this.record(key, list, i));
    }
    return i < end ? { items, next: String(i) } : { items };
  }

  async claim(key: string, phone: string, leaseUntil: string, now: string): Promise<Delivery | undefined> {
    const list = this.lists.get(key);
    const i = indexOfPhone(phone);
    if (!list) return undefined;
    const status = list.status[i];
    const expired = status === 2 && (list.leaseUntil[i] ?? 0) < Date.parse(now);
    if (status !== 1 && !expired) return undefined;
    list.status[i] = 2;
    list.leaseUntil[i] = Date.parse(leaseUntil);
    list.attempts[i] = Math.min(255, (list.attempts[i] ?? 0) + 1);
    if (expired) list.ambiguous[i] = 1;
    return { ...this.record(key, list, i), ambiguous: expired };
  }

  async markSent(key: string, phone: string): Promise<boolean> {
    const list = this.lists.get(key);
    const i = indexOfPhone(phone);
    if (list?.status[i] !== 2) return false;
    list.status[i] = 3;
    return true;
  }

  async markFailed(key: string, phone: string, _error: string, retryable: boolean): Promise<boolean> {
    const list = this.lists.get(key);
    const i = indexOfPhone(phone);
    if (list?.status[i] !== 2) return false;
    list.status[i] = retryable ? 1 : 4;
    return true;
  }
}

/** The shard ledger in memory: a layout and a totals row per shard, as the DynamoDB adapter keeps them. */
class SimulatedShardLedger implements ShardLedger {
  private readonly layouts = new Map<string, number>();
  private readonly totals = new Map<string, Map<number, ShardTotals>>();

  async saveLayout(key: string, shards: number): Promise<number> {
    if (!this.layouts.has(key)) this.layouts.set(key, shards);
    return this.layouts.get(key) ?? shards;
  }

  async shardsOf(key: string): Promise<number | undefined> {
    return this.layouts.get(key);
  }

  async clearTotals(key: string): Promise<void> {
    this.totals.delete(key);
  }

  async recordTotals(key: string, totals: ShardTotals): Promise<ShardTotals[]> {
    let rows = this.totals.get(key);
    if (!rows) {
      rows = new Map();
      this.totals.set(key, rows);
    }
    rows.set(totals.shard, { ...totals });
    return [...rows.values()];
  }
}
