import type {
  DrillRecipient,
  RecipientPage,
  Subscriber,
  SubscriberRepository,
} from '../../lambdas/ports/subscriber-repository';

/** Albanian-looking mobile number of subscriber `i`; the index comes back from `indexOfPhone`. */
export const phoneOf = (i: number) => `+35569${String(i).padStart(7, '0')}`;
export const indexOfPhone = (phone: string) => Number(phone.slice(6));

const hash = (i: number, salt: number) => {
  let h = (i ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};

/**
 * A subscriber registry computed from the index: subscriber `i` has 1–3 counties and a language fixed by a
 * hash; only an index of each county's members is stored (typed arrays), so the benchmark's memory shows the
 * planner's and sender's, not the fixture's.
 * Pages follow the DynamoDB adapter: per county partition, a membership carries the phone's full county
 * list, and a phone already reached through an earlier target county is skipped.
 */
export class SimulatedRegistry implements Pick<SubscriberRepository, 'recipientsPage' | 'countByCounty'> {
  /**
   * The members of each county partition, in phone order: a county's query reads its own members only, as
   * in DynamoDB, instead of testing every subscriber of the country (which made the fixture, not the planner,
   * most of the planning time). About 8 bytes a subscriber, allocated before the benchmark's baseline.
   */
  private readonly members = new Map<string, Int32Array>();
  /** Each county's confirmed subscribers: its counter. */
  private readonly confirmed = new Map<string, number>();

  constructor(
    readonly size: number,
    private readonly regions: readonly string[],
    private readonly optedOut: ReadonlySet<number> = new Set(),
  ) {
    const counts = new Map<string, number>(regions.map((r) => [r, 0]));
    for (let i = 0; i < size; i++)
      for (const c of this.countiesOf(i)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const filled = new Map<string, number>();
    for (const i of optedOut)
      if (i < size)
        for (const c of this.countiesOf(i)) this.confirmed.set(c, (this.confirmed.get(c) ?? 0) - 1);
    for (const [region, n] of counts) {
      this.confirmed.set(region, (this.confirmed.get(region) ?? 0) + n);
      this.members.set(region, new Int32Array(n));
      filled.set(region, 0);
    }
    for (let i = 0; i < size; i++) {
      for (const c of this.countiesOf(i)) {
        const at = filled.get(c) ?? 0;
        const list = this.members.get(c);
        if (list) list[at] = i;
        filled.set(c, at + 1);
      }
    }
  }

  countiesOf(i: number): string[] {
    const n = 1 + (hash(i, 7) % 3);
    const out: string[] = [];
    for (let k = 0; out.length < n && k < 8; k++) {
      const c = this.regions[hash(i, 100 + k) % this.regions.length] ?? '';
      if (!out.includes(c)) out.push(c);
    }
    return out;
  }

  languageOf(i: number): string {
    return hash(i, 3) % 4 === 0 ? 'en' : 'sq';
  }

  isActive(i: number): boolean {
    return !this.optedOut.has(i);
  }

  /** The phones a broadcast to `counties` must reach, for checking a run: each once. */
  expected(counties: readonly string[]): Set<number> {
    const out = new Set<number>();
    for (let i = 0; i < this.size; i++) {
      if (this.isActive(i) && this.countiesOf(i).some((c) => counties.includes(c))) out.add(i);
    }
    return out;
  }

  async recipientsPage(
    counties: readonly string[],
    cursor?: string,
    pageSize = 1000,
  ): Promise<RecipientPage> {
    let [county = 0, from = 0] = cursor ? cursor.split(':').map(Number) : [0, 0];
    const target = counties[county];
    if (target === undefined) return { recipients: [] };
    const earlier = counties.slice(0, county);
    const recipients: RecipientPage['recipients'] = [];
    const members = this.members.get(target) ?? new Int32Array(0);
    // The cursor is a position in the county's partition.
    let at = from;
    for (; at < members.length && recipients.length < pageSize; at++) {
      const i = members[at] ?? 0;
      if (!this.isActive(i)) continue;
      if (this.countiesOf(i).some((c) => earlier.includes(c))) continue;
      recipients.push({ phone: phoneOf(i), language: this.languageOf(i) });
    }
    if (at < members.length) return { recipients, next: `${county}:${at}` };
    county++;
    from = 0;
    return county < counties.length ? { recipients, next: `${county}:${from}` } : { recipients };
  }

  /**
   * A page as the DynamoDB adapter reads it: a Query of `limit` memberships of one county partition, of
   * which those already reached through an earlier county are dropped; `scanned` is what the Query read.
   */
  async queryPage(
    counties: readonly string[],
    cursor: string | undefined,
    limit: number,
  ): Promise<RecipientPage & { county: string; scanned: number }> {
    const [county = 0, from = 0] = cursor ? cursor.split(':').map(Number) : [0, 0];
    const target = counties[county];
    if (target === undefined) return { recipients: [], county: '', scanned: 0 };
    const earlier = counties.slice(0, county);
    const members = this.members.get(target) ?? new Int32Array(0);
    const end = Math.min(members.length, from + limit);
    const recipients: RecipientPage['recipients'] = [];
    for (let at = from; at < end; at++) {
      const i = members[at] ?? 0;
      if (!this.isActive(i) || this.countiesOf(i).some((c) => earlier.includes(c))) continue;
      recipients.push({ phone: phoneOf(i), language: this.languageOf(i) });
    }
    // DynamoDB returns a LastEvaluatedKey whenever the Limit was reached, even at the partition's end.
    const next =
      end - from === limit
        ? `${county}:${end}`
        : county + 1 < counties.length
          ? `${county + 1}:0`
          : undefined;
    return { recipients, county: target, scanned: end - from, ...(next ? { next } : {}) };
  }

  /**
   * Confirmed memberships of the counties, as the registry's per-county counters give them (no scan): an
   * opt-out lowers them, as it does in DynamoDB.
   */
  async countByCounty(counties: readonly string[]): Promise<number> {
    return counties.reduce((n, county) => n + (this.confirmed.get(county) ?? 0), 0);
  }
}

/** The registry as the broadcast use case sees it; only planning reads are implemented. */
export function asSubscriberRepository(registry: SimulatedRegistry): SubscriberRepository {
  const unsupported = async (): Promise<never> => {
    throw new Error('not part of the simulation');
  };
  return {
    get: async (): Promise<Subscriber | undefined> => undefined,
    putPending: unsupported,
    claimAttempt: unsupported,
    activate: unsupported,
    remove: unsupported,
    recipientsPage: (c, cursor, size) => registry.recipientsPage(c, cursor, size),
    countByCounty: (c) => registry.countByCounty(c),
    putDrillRecipient: unsupported,
    removeDrillRecipient: unsupported,
    drillRecipientsPage: async (): Promise<{ recipients: DrillRecipient[] }> => ({ recipients: [] }),
  };
}
