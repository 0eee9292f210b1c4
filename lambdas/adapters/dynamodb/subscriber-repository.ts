import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrentChangeError } from '../../domain/errors';
import type {
  DrillRecipient,
  Recipient,
  RecipientPage,
  RemovedStatus,
  Subscriber,
  SubscriberRepository,
} from '../../ports/subscriber-repository';
import { isConditionalCheckFailure } from './conditional';
import { parseItem } from './items/parse-item';
import { drillRecipientItem, membershipItem, subscriberItem } from './items/subscriber-item';
import { decodeCursor, encodeCursor } from './page-cursor';

const profileKey = (phone: string) => ({ pk: `PHONE#${phone}`, sk: 'PROFILE' });
const membershipKey = (county: string, phone: string) => ({ pk: `COUNTY#${county}`, sk: `PHONE#${phone}` });
const counterKey = (county: string, language: string) => ({ pk: 'COUNTER', sk: `${county}#${language}` });
/** The table's TTL attribute is in epoch seconds. */
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
/** A removal reads again after a concurrent change; a profile changing this often is not a person's. */
const REMOVE_PASSES = 5;
/** The drill group lives apart from the county memberships, so public planning can never read it. */
const DRILL_PARTITION = 'DRILL';

interface Cursor {
  county: number;
  key?: Record<string, unknown>;
}

const countyCursor = (s: string | undefined): Cursor => (s ? decodeCursor<Cursor>(s) : { county: 0 });

/**
 * Subscriber registry in one table:
 * - `PHONE#…/PROFILE`: the subscriber, status and any pending confirmation code (hashed);
 * - `COUNTY#…/PHONE#…`: one membership per confirmed county, carrying the phone's full county list so that
 *   recipient planning can skip a phone already reached through an earlier county without remembering it;
 * - `COUNTER/<county>#<language>`: confirmed subscribers, for the approver's estimate without a scan.
 */
export class DynamoSubscriberRepository implements SubscriberRepository {
  private readonly counter: DynamoSubscriberCounter;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.counter = new DynamoSubscriberCounter(db, tableName);
  }

  async get(phone: string): Promise<Subscriber | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: profileKey(phone), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    // Past its deletion time the profile is gone, whether or not the TTL has deleted it yet.
    const { expiresAt } = out.Item;
    if (typeof expiresAt === 'number' && expiresAt * 1000 <= Date.now()) return undefined;
    return parseItem(subscriberItem, out.Item, 'subscriber');
  }

  async putPending(
    phone: string,
    pending: NonNullable<Subscriber['pending']>,
    now: string,
    forgetAt?: string,
  ): Promise<void> {
    const write = (forget: boolean) =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(phone),
          UpdateExpression:
            'SET phone = :phone, pending = :pending, updatedAt = :now, #status = if_not_exists(#status, :initial), ' +
            'counties = if_not_exists(counties, :none), #language = if_not_exists(#language, :lang)' +
            (forget ? ', expiresAt = :forgetAt' : ''),
          // The deletion time goes only on a phone that is not subscribed; an active one keeps its profile.
          ...(forget ? { ConditionExpression: 'attribute_not_exists(#status) OR #status <> :active' } : {}),
          ExpressionAttributeNames: { '#status': 'status', '#language': 'language' },
          ExpressionAttributeValues: {
            ':phone': phone,
            ':pending': pending,
            ':now': now,
            ':initial': 'PENDING_CONFIRMATION',
            ':none': [],
            ':lang': pending.language,
            ...(forget && forgetAt ? { ':forgetAt': epochSeconds(forgetAt), ':active': 'ACTIVE' } : {}),
          },
        }),
      );
    if (!forgetAt) {
      await write(false);
      return;
    }
    try {
      await write(true);
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      await write(false);
    }
  }

  async claimAttempt(phone: string, max: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(phone),
          UpdateExpression: 'SET pending.attempts = pending.attempts + :one',
          ConditionExpression: 'attribute_exists(pending) AND pending.attempts < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': max },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Memberships go first and the profile last: until the profile update removes the pending code, the owner
   * can confirm again and a retry rewrites them (every membership write is idempotent). The profile update
   * is conditional on the code proved, so a new code requested in between wins and the memberships written
   * for the old one are rolled back. Counters move only after the winning profile update, once.
   */
  async activate(phone: string, codeHash: string, now: string): Promise<Subscriber> {
    const current = await this.get(phone);
    const pending = current?.pending;
    if (!current || !pending) throw new ConcurrentChangeError('No pending subscription');
    if (pending.codeHash !== codeHash) throw new ConcurrentChangeError('The pending subscription changed');
    const previous = current.status === 'ACTIVE' ? current.counties : [];
    const previousLanguage = current.language;
    await this.replaceMemberships(phone, previous, pending.counties, pending.language);
    let updated: Subscriber;
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(phone),
          UpdateExpression:
            'SET #status = :active, counties = :counties, #language = :language, confirmedAt = :now, updatedAt = :now REMOVE pending, expiresAt',
          ConditionExpression: 'pending.codeHash = :hash',
          ExpressionAttributeNames: { '#status': 'status', '#language': 'language' },
          ExpressionAttributeValues: {
            ':active': 'ACTIVE',
            ':counties': pending.counties,
            ':language': pending.language,
            ':now': now,
            ':hash': codeHash,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      updated = parseItem(subscriberItem, out.Attributes, 'subscriber');
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      // Back to what the profile says now, not to what it said before: a STOP may have landed meanwhile.
      const latest = await this.get(phone);
      if (latest?.status === 'ACTIVE') {
        await this.replaceMemberships(phone, pending.counties, latest.counties, latest.language);
      } else {
        await this.deleteMemberships(phone, [...new Set([...pending.counties, ...previous])]);
      }
      throw new ConcurrentChangeError('The pending subscription changed');
    }
    await this.moveCounters(previous, previousLanguage, pending.counties, pending.language);
    return updated;
  }

  /**
   * Memberships go first: a retry after a crash finds the profile still ACTIVE and deletes them again, so no
   * alert reaches a phone whose owner asked to stop. Removal and activation are made exclusive through the
   * profile: the status change is conditional on the profile read (its `updatedAt`), so a confirmation of new
   * counties landing in between makes it read again; the memberships of a pending confirmation go too, since
   * its activation may be writing them now (that activation then fails on the missing code and cleans up).
   * The conditional write also lets exactly one of two concurrent removals lower the counters.
   */
  async remove(phone: string, status: RemovedStatus, now: string, forgetAt?: string): Promise<boolean> {
    for (let pass = 0; pass < REMOVE_PASSES; pass++) {
      const current = await this.get(phone);
      if (current?.status !== 'ACTIVE') return false;
      const touched = [...new Set([...current.counties, ...(current.pending?.counties ?? [])])];
      await this.deleteMemberships(phone, touched);
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: profileKey(phone),
            UpdateExpression:
              'SET #status = :status, counties = :none, updatedAt = :now' +
              (forgetAt ? ', expiresAt = :forgetAt' : '') +
              ' REMOVE pending',
            ConditionExpression: '#status = :active AND updatedAt = :read',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':none': [],
              ':now': now,
              ':active': 'ACTIVE',
              ':read': current.updatedAt,
              ...(forgetAt ? { ':forgetAt': epochSeconds(forgetAt) } : {}),
            },
          }),
        );
      } catch (error) {
        if (isConditionalCheckFailure(error)) continue;
        throw error;
      }
      // An activation that read the profile before this write may have put memberships since the first pass.
      await this.deleteMemberships(phone, touched);
      await this.moveCounters(current.counties, current.language, [], current.language);
      return true;
    }
    throw new ConcurrentChangeError('The subscription kept changing during its removal');
  }

  private async deleteMemberships(phone: string, counties: readonly string[]): Promise<void> {
    await Promise.all(
      counties.map((county) =>
        this.db.send(new DeleteCommand({ TableName: this.tableName, Key: membershipKey(county, phone) })),
      ),
    );
  }

  private deleteMembership(county: string, phone: string) {
    return this.db.send(new DeleteCommand({ TableName: this.tableName, Key: membershipKey(county, phone) }));
  }

  /** Makes the memberships of `phone` those of `next`; each write is idempotent. */
  private async replaceMemberships(
    phone: string,
    previous: readonly string[],
    next: readonly string[],
    language: string,
  ): Promise<void> {
    const removed = previous.filter((c) => !next.includes(c));
    await Promise.all([
      ...removed.map((county) => this.deleteMembership(county, phone)),
      ...next.map((county) =>
        this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...membershipKey(county, phone), phone, language, counties: [...next] },
          }),
        ),
      ),
    ]);
  }

  private async moveCounters(
    previous: readonly string[],
    previousLanguage: string,
    next: readonly string[],
    language: string,
  ): Promise<void> {
    const deltas = new Map<string, number>();
    const bump = (county: string, lang: string, by: number) =>
      deltas.set(`${county}#${lang}`, (deltas.get(`${county}#${lang}`) ?? 0) + by);
    for (const county of previous) bump(county, previousLanguage, -1);
    for (const county of next) bump(county, language, 1);
    await Promise.all(
      [...deltas.entries()]
        .filter(([, by]) => by !== 0)
        .map(([key, by]) => {
          const [county = '', lang = ''] = key.split('#');
          return this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: counterKey(county, lang),
              UpdateExpression: 'ADD #count :by',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':by': by },
            }),
          );
        }),
    );
  }

  async recipientsPage(counties: readonly string[], cursor?: string, pageSize = 500): Promise<RecipientPage> {
    const position = countyCursor(cursor);
    const county = counties[position.county];
    if (county === undefined) return { recipients: [] };
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COUNTY#${county}` },
        ExclusiveStartKey: position.key,
        Limit: pageSize,
      }),
    );
    const earlier = new Set(counties.slice(0, position.county));
    const recipients: Recipient[] = [];
    for (const item of out.Items ?? []) {
      const membership = parseItem(membershipItem, item, 'county membership');
      // Reached already through an earlier target county: each phone gets one message.
      if (membership.counties?.some((c) => earlier.has(c))) continue;
      recipients.push({ phone: membership.phone, language: membership.language });
    }
    const next: Cursor | undefined = out.LastEvaluatedKey
      ? { county: position.county, key: out.LastEvaluatedKey }
      : position.county + 1 < counties.length
        ? { county: position.county + 1 }
        : undefined;
    return { recipients, ...(next ? { next: encodeCursor(next) } : {}) };
  }

  async putDrillRecipient(recipient: DrillRecipient): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: DRILL_PARTITION, sk: `PHONE#${recipient.phone}`, ...recipient },
      }),
    );
  }

  async removeDrillRecipient(phone: string): Promise<boolean> {
    const out = await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: DRILL_PARTITION, sk: `PHONE#${phone}` },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes !== undefined;
  }

  async drillRecipientsPage(
    cursor?: string,
    pageSize = 500,
  ): Promise<{ recipients: DrillRecipient[]; next?: string }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': DRILL_PARTITION },
        ExclusiveStartKey: cursor ? decodeCursor(cursor) : undefined,
        Limit: pageSize,
      }),
    );
    const recipients = (out.Items ?? []).map((item) =>
      parseItem(drillRecipientItem, item, 'drill recipient'),
    );
    const next = out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined;
    return { recipients, ...(next ? { next } : {}) };
  }

  countByCounty(counties: readonly string[]): Promise<number> {
    return this.counter.countByCounty(counties);
  }
}

/**
 * The county counters alone (partition COUNTER), for a function that must count subscribers without reading
 * any of them: its role may query that partition only.
 */
export class DynamoSubscriberCounter implements Pick<SubscriberRepository, 'countByCounty'> {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async countByCounty(counties: readonly string[]): Promise<number> {
    const outs = await Promise.all(
      counties.map((county) =>
        this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :county)',
            ExpressionAttributeValues: { ':pk': 'COUNTER', ':county': `${county}#` },
          }),
        ),
      ),
    );
    return outs.flatMap((o) => o.Items ?? []).reduce((sum, item) => sum + Number(item.count ?? 0), 0);
  }
}
