import type { Alert } from '../../domain/alert';
import { NotFoundError } from '../../domain/errors';
import { assertCanSee, type Principal, toActor } from '../../domain/identity';
import type { Tip, TipCounts } from '../../domain/tips/tip';
import type { TipListQuery, TriageRequest } from '../../domain/tips/tip-schemas';
import { tipsToCsv } from '../../domain/tips/tips-csv';
import type { TipDependencies, TipReadDependencies } from './tip-dependencies';

/** The police view of a tip: everything but the bookkeeping of where it came from. */
export type TipView = Omit<Tip, 'directorate'>;

export function toTipView(tip: Tip): TipView {
  const { directorate: _directorate, ...view } = tip;
  return view;
}

/** The alert, if the caller may see it: the same rule (and the same 404) as GET /alerts/{id}. */
async function visibleAlert(
  deps: Pick<TipReadDependencies, 'alerts'>,
  principal: Principal,
  alertId: string,
): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError('Alert not found');
  assertCanSee(alert, principal);
  return alert;
}

export interface TipList {
  items: TipView[];
  counts: TipCounts;
  next?: string;
}

/** GET /alerts/{id}/tips: newest first, a page at a time, optionally in one state, with the counts. */
export async function listTips(
  deps: TipReadDependencies,
  principal: Principal,
  alertId: string,
  query: TipListQuery,
): Promise<TipList> {
  await visibleAlert(deps, principal, alertId);
  const [page, counts] = await Promise.all([
    deps.tips.page(alertId, {
      ...(query.state ? { state: query.state } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      limit: query.limit ?? 50,
    }),
    deps.tips.counts(alertId),
  ]);
  return { items: page.items.map(toTipView), counts, ...(page.next ? { next: page.next } : {}) };
}

/** GET /alerts/{id}/tips with Accept: text/csv: every tip (optionally in one state), for the case system. */
export async function exportTipsCsv(
  deps: TipReadDependencies,
  principal: Principal,
  alertId: string,
  query: Pick<TipListQuery, 'state'>,
): Promise<string> {
  await visibleAlert(deps, principal, alertId);
  const tips = await deps.tips.all(alertId);
  return tipsToCsv(query.state ? tips.filter((t) => t.state === query.state) : tips);
}

/** The `tips` figures of GET /alerts/{id}. */
export async function tipCountsOf(
  deps: Pick<TipReadDependencies, 'tips'>,
  alertId: string,
): Promise<TipCounts> {
  return deps.tips.counts(alertId);
}

/**
 * POST /alerts/{id}/tips/{tipId}/triage: records who moved the tip to which state, when and why, in one
 * conditional write with its history entry. Triaging to the same state again adds a note to the history.
 */
export async function triageTip(
  deps: Pick<TipDependencies, 'alerts' | 'tips' | 'clock'>,
  principal: Principal,
  alertId: string,
  tipId: string,
  request: TriageRequest,
): Promise<TipView> {
  await visibleAlert(deps, principal, alertId);
  const tip = await deps.tips.get(tipId);
  if (!tip || tip.alertId !== alertId) throw new NotFoundError('Tip not found');
  const updated = await deps.tips.triage(tipId, {
    at: deps.clock.now().toISOString(),
    actor: toActor(principal),
    action: 'TRIAGE',
    from: tip.state,
    to: request.state,
    ...(request.note ? { note: request.note } : {}),
  });
  return toTipView(updated);
}
