import type { Alert } from '../../domain/alert';
import { NotFoundError } from '../../domain/errors';
import { logger } from '../../observability/logger';
import type { Audience } from '../../ports/delivery-repository';
import type { Dependencies } from '../../ports/dependencies';
import { assertApprovedContent } from '../content-integrity';
import { recordIssuedMessage } from './issued-messages';
import { type BroadcastMessage, isDue, messageKey, summaryOf, summaryPatch, versionOf } from './messages';
import { summarize } from './progress';
import { type ShardDescriptor, shardCountForList } from './shards';

export type PlanDeps = Pick<
  Dependencies,
  'alerts' | 'subscribers' | 'deliveries' | 'clock' | 'config' | 'notifier' | 'signer' | 'smsQuota'
>;

/** Live alerts go to the public, exercises to the drill group: fixed by the mode the alert was created with. */
export const audienceOf = (mode: Alert['mode']): Audience => (mode === 'LIVE' ? 'PUBLIC' : 'DRILL');

/** The shards the workflow fans out to: numbers only, a few bytes each, whatever the number of phones. */
export interface BroadcastPlan {
  /** Empty when the message is not (or no longer) due: the fan-out then has nothing to do. */
  shards: ShardDescriptor[];
  /** The Map's MaxConcurrencyPath: every shard at once (0, no limit, for an empty list). */
  maxConcurrency: number;
}

/**
 * The recipients of an alert. A live alert: the confirmed subscribers of its counties, each phone once. An
 * exercise: the drill group only; it never reads the public registry. Planning walks page by page and
 * writes one PENDING record per phone, so memory stays flat at any size. Returns the phones planned.
 */
async function planAlert(deps: PlanDeps, alert: Alert): Promise<number> {
  const key = messageKey(alert.id, 'ALERT');
  const audience = audienceOf(alert.mode);
  let planned = 0;
  let cursor: string | undefined;
  do {
    const page =
      audience === 'PUBLIC'
        ? await deps.subscribers.recipientsPage(alert.counties, cursor)
        : await deps.subscribers.drillRecipientsPage(cursor);
    await deps.deliveries.plan(
      key,
      page.recipients.map(({ phone, language }) => ({ phone, language, audience })),
    );
    planned += page.recipients.length;
    cursor = page.next;
  } while (cursor);
  return planned;
}

/**
 * An update or the cancellation goes to exactly the phones the alert may have reached (sent, or in flight
 * when it ended).
 */
async function planFollowUp(deps: PlanDeps, alert: Alert, message: BroadcastMessage): Promise<number> {
  const source = messageKey(alert.id, 'ALERT');
  const target = messageKey(alert.id, message, versionOf(alert, message));
  let planned = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.deliveries.page(source, cursor);
    const reached = page.items.filter((d) => d.status === 'SENT' || d.status === 'SENDING');
    planned += reached.length;
    await deps.deliveries.plan(
      target,
      reached.map(({ phone, language, audience }) => ({ phone, language, audience })),
    );
    cursor = page.next;
  } while (cursor);
  return planned;
}

const wasIssued = (alert: Alert) => (alert.messages ?? []).some((m) => m.kind === 'ALERT');

/**
 * How many phones the message will have, before planning: the registry's per-county counters for a live
 * alert (a phone in two targeted counties counts twice: an upper bound), the alert's list for a follow-up.
 * An exercise reaches the drill group only: a handful of phones, one shard.
 */
async function expectedRecipients(deps: PlanDeps, alert: Alert, message: BroadcastMessage): Promise<number> {
  if (alert.mode !== 'LIVE') return 1;
  if (message === 'ALERT') return deps.subscribers.countByCounty(alert.counties);
  return alert.broadcast.recipients ?? alert.broadcast.sent ?? 0;
}

/**
 * Fixes the message's shard count before its first record is written (it decides each record's partition),
 * and records it; a re-run keeps the first layout, so records already planned stay where they are.
 */
async function layOutShards(deps: PlanDeps, alert: Alert, message: BroadcastMessage, key: string) {
  const ledger = deps.deliveries.shards;
  if (!ledger) return 1;
  // The quota as ops set it now: a raised quota gives the next message more shards, with no redeploy.
  const wanted = shardCountForList(
    await deps.smsQuota.ratePerSecond(),
    await expectedRecipients(deps, alert, message),
  );
  return ledger.saveLayout(key, wanted);
}

/**
 * The fan-out's first step: checks the approval signature, records one PENDING delivery per phone, pages
 * ops before a live alert's first SMS, publishes the message (CAP), and returns the shards to send.
 */
export async function planBroadcast(
  deps: PlanDeps,
  alertId: string,
  message: BroadcastMessage,
): Promise<BroadcastPlan> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError(`Alert ${alertId} not found`);
  if (!isDue(alert, message)) {
    logger.info('Broadcast not due', { alertId, broadcastMessage: message, status: alert.status });
    return { shards: [], maxConcurrency: 0 };
  }
  const now = deps.clock.now();
  const previous = summaryOf(alert, message);
  const startedAt = previous?.startedAt ?? now.toISOString();
  const version = versionOf(alert, message);
  const key = messageKey(alertId, message, version);
  let planned: number;
  let shards: number;
  if (message === 'ALERT') {
    // Nothing leaves unless it is exactly what the second person approved.
    await assertApprovedContent(deps, alert);
    await deps.alerts.update(alertId, { broadcast: { ...alert.broadcast, startedAt } });
    shards = await layOutShards(deps, alert, message, key);
    planned = await planAlert(deps, alert);
    if (!previous?.startedAt && alert.mode === 'LIVE') {
      await deps.notifier.broadcastStarting({ alertId, counties: alert.counties, recipients: planned });
    }
  } else {
    if (message === 'UPDATE') await assertApprovedContent(deps, alert, { kind: 'UPDATE', version });
    shards = await layOutShards(deps, alert, message, key);
    planned = await planFollowUp(deps, alert, message);
    if (
      message === 'CANCELLATION' &&
      !previous?.startedAt &&
      !wasIssued(alert) &&
      alert.approvalRequestedAt
    ) {
      // Withdrawn while it waited for a second person: the supervisors asked to approve it hear it is over.
      await deps.notifier.approvalWithdrawn({
        alertId,
        directorate: alert.directorate,
        counties: alert.counties,
        mode: alert.mode,
      });
    }
  }
  // Verified and planned: from now on the message is issued, and its CAP form public. An alert withdrawn
  // before its broadcast was planned was never public: its (empty) cancellation is no public message either.
  if (message === 'ALERT' || wasIssued(alert)) await recordIssuedMessage(deps, alert, message, startedAt);
  const initial = { recipients: planned, sent: 0, failed: 0, ambiguousResent: 0 };
  await deps.alerts.update(alertId, summaryPatch(alert, message, summarize(initial, startedAt, now, false)));
  logger.info('Broadcast planned', {
    alertId,
    broadcastMessage: message,
    recipients: planned,
    shards,
  });
  return {
    shards: Array.from({ length: shards }, (_, shard) => ({ shard, of: shards })),
    maxConcurrency: shards,
  };
}
