import { ConcurrentChangeError } from '../../../lambdas/domain/errors';
import {
  countStates,
  type Tip,
  type TipCounts,
  type TipHistoryEntry,
  type TipState,
} from '../../../lambdas/domain/tips/tip';
import type { LatestDeliveryFinder, ReceivedMessage } from '../../../lambdas/ports/latest-delivery';
import type { TipNotifier, UrgentTips } from '../../../lambdas/ports/tip-notifier';
import type {
  CreateTipResult,
  TipIdempotency,
  TipPage,
  TipRepository,
} from '../../../lambdas/ports/tip-repository';

/** The tips table in memory, with the same conditional semantics as DynamoTipRepository. */
export class InMemoryTipRepository implements TipRepository {
  readonly items = new Map<string, Tip & { idempotency?: TipIdempotency }>();
  readonly urgent = new Map<string, { pending: number; notifiedAt?: number }>();
  readonly acknowledged = new Set<string>();

  async create(
    tip: Omit<Tip, 'id' | 'reference'>,
    references: readonly string[],
    idempotency?: TipIdempotency,
  ): Promise<CreateTipResult> {
    for (const reference of references) {
      const existing = this.items.get(reference);
      if (!existing) {
        const stored = {
          ...structuredClone(tip),
          id: reference,
          reference,
          ...(idempotency ? { idempotency } : {}),
        };
        this.items.set(reference, stored);
        return { kind: 'CREATED', tip: this.strip(stored) };
      }
      if (idempotency && existing.idempotency?.fingerprint === idempotency.fingerprint) {
        return existing.idempotency.body === idempotency.body
          ? { kind: 'REPLAYED', tip: this.strip(existing) }
          : { kind: 'KEY_REUSED' };
      }
    }
    throw new Error('no free reference');
  }

  private strip(stored: Tip & { idempotency?: TipIdempotency }): Tip {
    const { idempotency: _i, ...tip } = structuredClone(stored);
    return tip;
  }

  async get(id: string): Promise<Tip | undefined> {
    const stored = this.items.get(id);
    return stored ? this.strip(stored) : undefined;
  }

  private ofAlert(alertId: string): Tip[] {
    return [...this.items.values()]
      .filter((t) => t.alertId === alertId)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
      .map((t) => this.strip(t));
  }

  async page(
    alertId: string,
    options: { state?: TipState; cursor?: string; limit: number },
  ): Promise<TipPage> {
    const all = this.ofAlert(alertId).filter((t) => !options.state || t.state === options.state);
    const start = options.cursor ? Number(options.cursor) : 0;
    const items = all.slice(start, start + options.limit);
    return { items, ...(start + options.limit < all.length ? { next: String(start + options.limit) } : {}) };
  }

  async all(alertId: string): Promise<Tip[]> {
    return this.ofAlert(alertId);
  }

  async counts(alertId: string): Promise<TipCounts> {
    return countStates(this.ofAlert(alertId).map((t) => t.state));
  }

  async triage(id: string, entry: TipHistoryEntry & { from: TipState }): Promise<Tip> {
    const stored = this.items.get(id);
    if (!stored || stored.state !== entry.from) throw new ConcurrentChangeError('changed');
    stored.state = entry.to;
    stored.history.push(structuredClone(entry));
    return this.strip(stored);
  }

  async countUrgent(alertId: string, now: Date, windowMs: number): Promise<number | undefined> {
    const window = this.urgent.get(alertId) ?? { pending: 0 };
    window.pending++;
    this.urgent.set(alertId, window);
    if (window.notifiedAt !== undefined && window.notifiedAt > now.getTime() - windowMs) return undefined;
    const count = window.pending;
    window.pending = 0;
    window.notifiedAt = now.getTime();
    return count;
  }

  async claimAcknowledgement(alertId: string, phone: string): Promise<boolean> {
    const key = `${alertId}#${phone}`;
    if (this.acknowledged.has(key)) return false;
    this.acknowledged.add(key);
    return true;
  }

  async purgeContacts(alertId: string, now: Date): Promise<number> {
    let purged = 0;
    for (const tip of this.items.values()) {
      if (tip.alertId !== alertId || !tip.contact) continue;
      delete tip.contact;
      tip.contactPurgedAt = now.toISOString();
      purged++;
    }
    return purged;
  }
}

export class FakeTipNotifier implements TipNotifier {
  readonly sent: UrgentTips[] = [];
  async urgentTips(notice: UrgentTips): Promise<void> {
    this.sent.push(notice);
  }
}

export class FakeLatestDelivery implements LatestDeliveryFinder {
  readonly received = new Map<string, ReceivedMessage>();
  async latestReceivedBy(phone: string): Promise<ReceivedMessage | undefined> {
    return this.received.get(phone);
  }
}
