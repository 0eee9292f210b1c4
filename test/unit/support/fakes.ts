import { createHmac } from 'node:crypto';
import type { AmberConfig } from '../../../lambdas/config/config';
import {
  type Alert,
  type AlertStatus,
  type ApprovalSignature,
  type AuditEntry,
  type BroadcastSummary,
  OPEN_STATUSES,
} from '../../../lambdas/domain/alert';
import { type ApprovedMessage, approvedContent, signedPart } from '../../../lambdas/domain/approved-content';
import { shardOf } from '../../../lambdas/domain/delivery-shards';
import { CaseNumberTakenError, ConcurrentChangeError } from '../../../lambdas/domain/errors';
import { signedDigest } from '../../../lambdas/domain/public-content-digest';
import type { PurgePlan } from '../../../lambdas/domain/retention';
import type {
  AlertRepository,
  AlertRetentionStore,
  EndedAlertsPage,
  ProgressAttribute,
  TransitionRequest,
} from '../../../lambdas/ports/alert-repository';
import type { ContentSignature, ContentSigner } from '../../../lambdas/ports/content-signer';
import type {
  Delivery,
  DeliveryPage,
  DeliveryRepository,
  PlannedRecipient,
  ShardSlice,
} from '../../../lambdas/ports/delivery-repository';
import type { ApprovalRequest, BroadcastStarting, Notifier } from '../../../lambdas/ports/notifier';
import type { RateLimiter } from '../../../lambdas/ports/rate-limiter';
import { type SmsMessage, SmsSendError, type SmsSender } from '../../../lambdas/ports/sms-sender';
import type {
  DrillRecipient,
  RecipientPage,
  RemovedStatus,
  Subscriber,
  SubscriberRepository,
} from '../../../lambdas/ports/subscriber-repository';
import type { WorkflowEngine } from '../../../lambdas/ports/workflow-engine';

/**
 * In-memory implementations of the ports, with the same contracts as the DynamoDB/SNS/SFN adapters: every
 * read returns a copy (as a database would), and every conditional write checks its condition and applies
 * its change in one synchronous step, so concurrent use cases interleave the way they would against
 * DynamoDB's single-item conditions.
 */

type StoredAlert = Alert & { waitToken?: string };
type AlertAttributes = Partial<Omit<Alert, 'id' | 'status' | 'history'>>;

const copy = <T>(value: T): T => structuredClone(value);
/** As the DynamoDB adapter reserves them: per mode, trimmed, upper case. */
const caseKeyOf = (alert: Pick<Alert, 'caseNumber' | 'mode'>) =>
  `${alert.mode}#${alert.caseNumber.trim().toUpperCase()}`;

function applySet(target: Record<string, unknown>, set: AlertAttributes): void {
  for (const [key, value] of Object.entries(set)) {
    if (value !== undefined) target[key] = copy(value);
  }
}

export class InMemoryAlertRepository implements AlertRepository {
  readonly items = new Map<string, StoredAlert>();
  /** Mode and case number (trimmed, upper case) → the id of the alert holding it. */
  readonly caseHolders = new Map<string, string>();
  readonly transitions: TransitionRequest[] = [];

  /** Stores an alert as it is, bypassing the case-number rule: the state a test starts from. */
  seed(...alerts: StoredAlert[]): this {
    for (const alert of alerts) {
      this.items.set(alert.id, copy(alert));
      this.caseHolders.set(caseKeyOf(alert), alert.id);
    }
    return this;
  }

  /** The stored alert, for assertions; throws when there is none so tests need no `!`. */
  stored(id: string): StoredAlert {
    const alert = this.items.get(id);
    if (!alert) throw new Error(`No alert ${id} in the fake repository`);
    return copy(alert);
  }

  async create(alert: Alert): Promise<void> {
    const key = caseKeyOf(alert);
    const holder = this.caseHolders.get(key);
    const holderAlert = holder ? this.items.get(holder) : undefined;
    if (holderAlert && OPEN_STATUSES.includes(holderAlert.status)) {
      throw new CaseNumberTakenError({ id: holderAlert.id, directorate: holderAlert.directorate });
    }
    if (this.items.has(alert.id)) throw new ConcurrentChangeError(`Alert ${alert.id} exists`);
    this.caseHolders.set(key, alert.id);
    this.items.set(alert.id, copy(alert));
  }

  async get(id: string): Promise<StoredAlert | undefined> {
    const alert = this.items.get(id);
    return alert ? copy(alert) : undefined;
  }

  async listByDirectorate(directorate: string, status?: AlertStatus): Promise<Alert[]> {
    return [...this.items.values()]
      .filter((a) => a.directorate === directorate && (status === undefined || a.status === status))
      .map(copy);
  }

  async listByStatus(status: AlertStatus): Promise<Alert[]> {
    return [...this.items.values()].filter((a) => a.status === status).map(copy);
  }

  async transition(request: TransitionRequest): Promise<StoredAlert> {
    this.transitions.push(copy(request));
    const alert = this.items.get(request.id);
    if (!alert || !request.from.includes(alert.status)) {
      throw new ConcurrentChangeError(`Alert is no longer ${request.from.join(' or ')}`);
    }
    if (request.notAfter) {
      const deadline = alert[request.notAfter.attribute];
      if (deadline === undefined || !(deadline > request.notAfter.now)) {
        throw new ConcurrentChangeError('The deadline has passed');
      }
    }
    if (request.unchanged && alert.mode !== request.unchanged.mode) {
      throw new ConcurrentChangeError('The mode changed');
    }
    const expectedUpdate = request.updateRequest;
    if (
      expectedUpdate &&
      (!expectedUpdate.states.includes(alert.updateRequest?.state ?? 'NONE') ||
        (expectedUpdate.version !== undefined && alert.updateRequest?.version !== expectedUpdate.version))
    ) {
      throw new ConcurrentChangeError('The update request changed');
    }
    if (request.issuedMessages !== undefined && (alert.messages?.length ?? 0) !== request.issuedMessages) {
      throw new ConcurrentChangeError('Another message was issued');
    }
    applySet(alert as unknown as Record<string, unknown>, request.set ?? {});
    alert.status = request.to;
    alert.updatedAt = request.entry.at;
    alert.history.push(copy(request.entry));
    return copy(alert);
  }

  async update(id: string, set: AlertAttributes, entry?: AuditEntry): Promise<void> {
    const alert = this.items.get(id);
    if (!alert) throw new ConcurrentChangeError(`No alert ${id}`);
    applySet(alert as unknown as Record<string, unknown>, set);
    if (entry) alert.history.push(copy(entry));
  }

  async recordProgress(id: string, at: ProgressAttribute, summary: BroadcastSummary): Promise<boolean> {
    const alert = this.items.get(id);
    if (!alert || (at === 'updateRequest.delivery' && !alert.updateRequest)) return false;
    const stored =
      at === 'broadcast'
        ? alert.broadcast
        : at === 'cancellation'
          ? alert.cancellation
          : alert.updateRequest?.delivery;
    // As the DynamoDB condition: the stored figures may only grow.
    if (stored && (stored.sent > summary.sent || stored.failed > summary.failed)) return false;
    if (at === 'broadcast') alert.broadcast = copy(summary);
    else if (at === 'cancellation') alert.cancellation = copy(summary);
    else if (alert.updateRequest) alert.updateRequest.delivery = copy(summary);
    return true;
  }

  async setWaitToken(id: string, status: AlertStatus, token: string): Promise<boolean> {
    const alert = this.items.get(id);
    if (!alert || alert.status !== status) return false;
    alert.waitToken = token;
    return true;
  }
}

/** Pages of two, with the adapter's conditions: only unpurged alerts, and a purge only if nothing changed. */
export class FakeRetentionStore implements AlertRetentionStore {
  readonly alerts = new Map<string, Alert>();
  pagesRead = 0;
  constructor(alerts: Alert[] = []) {
    for (const alert of alerts) this.alerts.set(alert.id, copy(alert));
  }
  async pageUnpurged(status: AlertStatus, createdBefore: string, cursor?: string): Promise<EndedAlertsPage> {
    this.pagesRead++;
    // Like DynamoDB: the cursor is the last key read, and the filter applies after the page is read.
    const keyed = [...this.alerts.values()]
      .filter((a) => a.status === status && a.createdAt < createdBefore)
      .sort((a, b) => a.id.localeCompare(b.id));
    const start = cursor ? keyed.findIndex((a) => a.id === cursor) + 1 : 0;
    const page = keyed.slice(start, start + 2);
    const last = page.at(-1);
    const next = last && start + 2 < keyed.length ? last.id : undefined;
    return { items: copy(page.filter((a) => !a.purgedAt)), ...(next ? { next } : {}) };
  }
  async purge(id: string, status: AlertStatus, historyLength: number, plan: PurgePlan): Promise<boolean> {
    const alert = this.alerts.get(id);
    if (!alert || alert.status !== status || alert.purgedAt || alert.history.length !== historyLength)
      return false;
    const purged: Alert = { ...alert, ...plan.set };
    for (const key of plan.remove) delete purged[key];
    this.alerts.set(id, purged);
    return true;
  }
}

export class InMemorySubscriberRepository implements SubscriberRepository {
  readonly items = new Map<string, Subscriber>();
  /** The drill group, apart from the public registry as in DynamoDB. */
  readonly drill = new Map<string, DrillRecipient>();
  readonly calls = {
    putPending: 0,
    claimAttempt: 0,
    activate: 0,
    remove: 0,
    recipientsPage: 0,
    drillRecipientsPage: 0,
  };

  constructor(private readonly defaultPageSize = 500) {}

  /** A confirmed subscriber, as if the code had been confirmed earlier. */
  seedActive(phone: string, counties: string[], language = 'sq'): this {
    this.items.set(phone, {
      phone,
      status: 'ACTIVE',
      language,
      counties: [...counties],
      confirmedAt: '2024-04-01T00:00:00.000Z',
      updatedAt: '2024-04-01T00:00:00.000Z',
    });
    return this;
  }

  seed(subscriber: Subscriber): this {
    this.items.set(subscriber.phone, copy(subscriber));
    return this;
  }

  stored(phone: string): Subscriber {
    const subscriber = this.items.get(phone);
    if (!subscriber) throw new Error(`No subscriber ${phone} in the fake repository`);
    return copy(subscriber);
  }

  async get(phone: string): Promise<Subscriber | undefined> {
    const subscriber = this.items.get(phone);
    return subscriber ? copy(subscriber) : undefined;
  }

  /**
   * The deletion time of each profile that carries one (the TTL). Not applied by get(): the tests' clocks
   * are fake, and test/integration/local/subscriber-retention.test.ts covers the adapter's reads.
   */
  readonly forgetAt = new Map<string, string>();

  async putPending(
    phone: string,
    pending: NonNullable<Subscriber['pending']>,
    now: string,
    forgetAt?: string,
  ): Promise<void> {
    this.calls.putPending++;
    const existing = this.items.get(phone);
    if (forgetAt && existing?.status !== 'ACTIVE') this.forgetAt.set(phone, forgetAt);
    this.items.set(phone, {
      phone,
      status: existing?.status ?? 'PENDING_CONFIRMATION',
      language: existing?.language ?? pending.language,
      counties: existing?.counties ?? [],
      ...(existing?.confirmedAt ? { confirmedAt: existing.confirmedAt } : {}),
      pending: copy(pending),
      updatedAt: now,
    });
  }

  async claimAttempt(phone: string, max: number): Promise<boolean> {
    this.calls.claimAttempt++;
    const pending = this.items.get(phone)?.pending;
    if (!pending || pending.attempts >= max) return false;
    pending.attempts += 1;
    return true;
  }

  async activate(phone: string, codeHash: string, now: string): Promise<Subscriber> {
    this.calls.activate++;
    const subscriber = this.items.get(phone);
    const pending = subscriber?.pending;
    if (!subscriber || !pending) throw new ConcurrentChangeError('No pending subscription');
    if (pending.codeHash !== codeHash) throw new ConcurrentChangeError('The pending subscription changed');
    const { pending: _done, ...rest } = subscriber;
    this.forgetAt.delete(phone);
    const activated: Subscriber = {
      ...rest,
      status: 'ACTIVE',
      counties: [...pending.counties],
      language: pending.language,
      confirmedAt: now,
      updatedAt: now,
    };
    this.items.set(phone, activated);
    return copy(activated);
  }

  async remove(phone: string, status: RemovedStatus, now: string, forgetAt?: string): Promise<boolean> {
    this.calls.remove++;
    const subscriber = this.items.get(phone);
    if (subscriber?.status !== 'ACTIVE') return false;
    if (forgetAt) this.forgetAt.set(phone, forgetAt);
    const { pending: _dropped, ...rest } = subscriber;
    this.items.set(phone, { ...rest, status, counties: [], updatedAt: now });
    return true;
  }

  /** Pages through the distinct active subscribers of the counties; the cursor is an offset. */
  async recipientsPage(
    counties: readonly string[],
    cursor?: string,
    pageSize?: number,
  ): Promise<RecipientPage> {
    this.calls.recipientsPage++;
    const size = pageSize ?? this.defaultPageSize;
    const seen = new Set<string>();
    const all: { phone: string; language: string }[] = [];
    for (const county of counties) {
      for (const s of this.items.values()) {
        if (s.status !== 'ACTIVE' || !s.counties.includes(county) || seen.has(s.phone)) continue;
        seen.add(s.phone);
        all.push({ phone: s.phone, language: s.language });
      }
    }
    const offset = cursor ? Number(cursor) : 0;
    const recipients = all.slice(offset, offset + size);
    const next = offset + size < all.length ? String(offset + size) : undefined;
    return { recipients, ...(next ? { next } : {}) };
  }

  async countByCounty(counties: readonly string[]): Promise<number> {
    let count = 0;
    for (const s of this.items.values()) {
      if (s.status === 'ACTIVE') count += s.counties.filter((c) => counties.includes(c)).length;
    }
    return count;
  }

  /** A phone of the drill group, registered by ops. */
  seedDrill(phone: string, language = 'sq'): this {
    this.drill.set(phone, { phone, language, addedBy: 'ops.duty', addedAt: '2024-04-01T00:00:00.000Z' });
    return this;
  }

  async removeDrillRecipient(phone: string): Promise<boolean> {
    return this.drill.delete(phone);
  }

  async putDrillRecipient(recipient: DrillRecipient): Promise<void> {
    this.drill.set(recipient.phone, copy(recipient));
  }

  async drillRecipientsPage(
    cursor?: string,
    pageSize?: number,
  ): Promise<{ recipients: DrillRecipient[]; next?: string }> {
    this.calls.drillRecipientsPage++;
    const size = pageSize ?? this.defaultPageSize;
    const all = [...this.drill.values()].map(copy);
    const offset = cursor ? Number(cursor) : 0;
    const next = offset + size < all.length ? String(offset + size) : undefined;
    return { recipients: all.slice(offset, offset + size), ...(next ? { next } : {}) };
  }
}

export class InMemoryDeliveryRepository implements DeliveryRepository {
  readonly lists = new Map<string, Map<string, Delivery>>();
  readonly calls = { plan: 0, claim: 0, markSent: 0, markFailed: 0 };
  /** Throws these, one per call, from markSent before writing: a DynamoDB fault after the SMS left. */
  readonly markSentFailures: Error[] = [];

  constructor(private readonly defaultPageSize = 500) {}

  private list(messageKey: string): Map<string, Delivery> {
    let list = this.lists.get(messageKey);
    if (!list) {
      list = new Map();
      this.lists.set(messageKey, list);
    }
    return list;
  }

  seed(messageKey: string, ...deliveries: Omit<Delivery, 'messageKey'>[]): this {
    const list = this.list(messageKey);
    for (const d of deliveries) list.set(d.phone, { messageKey, ...copy(d) });
    return this;
  }

  /** The records of one message, for assertions. */
  records(messageKey: string): Delivery[] {
    return [...(this.lists.get(messageKey)?.values() ?? [])].map(copy);
  }

  phonesWith(messageKey: string, status: Delivery['status']): string[] {
    return this.records(messageKey)
      .filter((d) => d.status === status)
      .map((d) => d.phone)
      .sort();
  }

  async plan(messageKey: string, recipients: readonly PlannedRecipient[]): Promise<number> {
    this.calls.plan++;
    const list = this.list(messageKey);
    let created = 0;
    for (const r of recipients) {
      if (list.has(r.phone)) continue;
      list.set(r.phone, {
        messageKey,
        phone: r.phone,
        language: r.language,
        audience: r.audience,
        status: 'PENDING',
        attempts: 0,
      });
      created++;
    }
    return created;
  }

  async page(
    messageKey: string,
    cursor?: string,
    pageSize?: number,
    slice?: ShardSlice,
  ): Promise<DeliveryPage> {
    const size = pageSize ?? this.defaultPageSize;
    const all = this.records(messageKey).filter((d) => !slice || shardOf(d.phone, slice.of) === slice.shard);
    const offset = cursor ? Number(cursor) : 0;
    const next = offset + size < all.length ? String(offset + size) : undefined;
    return { items: all.slice(offset, offset + size), ...(next ? { next } : {}) };
  }

  async claim(
    messageKey: string,
    phone: string,
    leaseUntil: string,
    now: string,
  ): Promise<Delivery | undefined> {
    this.calls.claim++;
    const d = this.lists.get(messageKey)?.get(phone);
    if (!d) return undefined;
    const expired = d.status === 'SENDING' && d.leaseUntil !== undefined && d.leaseUntil < now;
    if (d.status !== 'PENDING' && !expired) return undefined;
    const ambiguous = d.status === 'SENDING';
    d.status = 'SENDING';
    d.leaseUntil = leaseUntil;
    d.attempts += 1;
    if (ambiguous) d.ambiguous = true;
    return { ...copy(d), ambiguous };
  }

  async markSent(messageKey: string, phone: string, now: string): Promise<boolean> {
    this.calls.markSent++;
    const failure = this.markSentFailures.shift();
    if (failure) throw failure;
    const d = this.lists.get(messageKey)?.get(phone);
    if (d?.status !== 'SENDING') return false;
    d.status = 'SENT';
    d.sentAt = now;
    delete d.leaseUntil;
    return true;
  }

  async markFailed(messageKey: string, phone: string, error: string, retryable: boolean): Promise<boolean> {
    this.calls.markFailed++;
    const d = this.lists.get(messageKey)?.get(phone);
    if (d?.status !== 'SENDING') return false;
    d.status = retryable ? 'PENDING' : 'FAILED';
    d.error = error;
    delete d.leaseUntil;
    return true;
  }
}

/** Records every message; `failNext(phone, …errors)` makes the next sends to that phone throw, in order. */
export class FakeSmsSender implements SmsSender {
  readonly sent: SmsMessage[] = [];
  readonly attempts: SmsMessage[] = [];
  private readonly failures = new Map<string, SmsSendError[]>();

  failNext(phone: string, ...errors: SmsSendError[]): this {
    this.failures.set(phone, [...(this.failures.get(phone) ?? []), ...errors]);
    return this;
  }

  async send(message: SmsMessage): Promise<{ providerMessageId?: string }> {
    this.attempts.push(copy(message));
    const error = this.failures.get(message.to)?.shift();
    if (error) throw error;
    this.sent.push(copy(message));
    return { providerMessageId: `msg-${this.sent.length}` };
  }

  /** Phones that received at least one message, sorted. */
  recipients(): string[] {
    return [...new Set(this.sent.map((m) => m.to))].sort();
  }

  sentTo(phone: string): SmsMessage[] {
    return this.sent.filter((m) => m.to === phone);
  }
}

export const throttled = () => new SmsSendError('Throttling', true);
export const invalidNumber = () => new SmsSendError('InvalidParameterException', false);

export class FakeWorkflowEngine implements WorkflowEngine {
  readonly started: string[] = [];
  readonly woken: string[] = [];
  startError: Error | undefined;
  wakeError: Error | undefined;

  async start(alertId: string): Promise<void> {
    if (this.startError) throw this.startError;
    this.started.push(alertId);
  }

  async wake(token: string): Promise<void> {
    if (this.wakeError) throw this.wakeError;
    this.woken.push(token);
  }
}

export class FakeNotifier implements Notifier {
  readonly requests: ApprovalRequest[] = [];
  readonly withdrawals: ApprovalRequest[] = [];
  readonly pages: BroadcastStarting[] = [];

  async approvalRequested(request: ApprovalRequest): Promise<void> {
    this.requests.push(copy(request));
  }

  async approvalWithdrawn(request: ApprovalRequest): Promise<void> {
    this.withdrawals.push(copy(request));
  }

  async broadcastStarting(event: BroadcastStarting): Promise<void> {
    this.pages.push(copy(event));
  }
}

/** Signs with an HMAC: enough to tell approved content from changed content in a unit test. */
const FAKE_SIGNING_SECRET = 'test-signing-secret';

export class FakeContentSigner implements ContentSigner {
  constructor(private readonly secret = FAKE_SIGNING_SECRET) {}

  async sign(digest: Uint8Array): Promise<ContentSignature> {
    return { signature: createHmac('sha256', this.secret).update(digest).digest('base64'), keyId: 'fake' };
  }

  async verify(digest: Uint8Array, signed: ContentSignature): Promise<boolean> {
    return signed.keyId === 'fake' && (await this.sign(digest)).signature === signed.signature;
  }
}

/** Fixed windows in memory; `limits` may be lowered by a test. Keys are kept as given (tests read them). */
export class FakeRateLimiter implements RateLimiter {
  readonly hits = new Map<string, number>();

  async tryHit(key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    const window = `${key}@${Math.floor(now.getTime() / 1000 / windowSeconds)}`;
    const used = this.hits.get(window) ?? 0;
    if (used >= limit) return false;
    this.hits.set(window, used + 1);
    return true;
  }
}

/**
 * The approval FakeContentSigner would give `alert` (synchronous, for fixtures): what a supervisor's
 * approval stores, so that the public documents built from the fixture pass their integrity check.
 */
export function fakeApproval(
  alert: Alert,
  config: AmberConfig,
  message?: ApprovedMessage,
): ApprovalSignature {
  const content = approvedContent(alert, config, message);
  const digest = signedDigest(signedPart(content));
  return {
    digest: Buffer.from(digest).toString('hex'),
    signature: createHmac('sha256', FAKE_SIGNING_SECRET).update(digest).digest('base64'),
    keyId: 'fake',
    textsDigest: content.textsDigest,
    publicDigest: content.publicDigest,
    ...(content.version ? { version: content.version } : {}),
  };
}
