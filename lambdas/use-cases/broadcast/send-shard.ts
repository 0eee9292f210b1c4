import type { Alert } from '../../domain/alert';
import { smsNumberOf } from '../../domain/alert-update';
import { NotFoundError } from '../../domain/errors';
import { composeAlertSms, smsSettingsFrom } from '../../domain/sms';
import { logger } from '../../observability/logger';
import type { ShardSlice } from '../../ports/delivery-repository';
import type { Dependencies } from '../../ports/dependencies';
import type { SmsMessage } from '../../ports/sms-sender';
import { assertApprovedContent } from '../content-integrity';
import { type BroadcastMessage, isDue, messageKey, summaryOf, versionOf } from './messages';
import { audienceOf } from './plan-broadcast';
import { type DeliveryCounts, progressAttribute, summarize } from './progress';
import { type SendOptions, type SendTotals, sendDeliveries } from './send-deliveries';
import { type ShardDescriptor, shardRate } from './shards';

/** The sender touches only the alert, its delivery list and SMS: no registry, no topic. */
export type ShardDeps = Pick<
  Dependencies,
  'alerts' | 'deliveries' | 'sms' | 'clock' | 'config' | 'signer' | 'smsQuota'
>;

export interface ShardRun extends ShardDescriptor {
  alertId: string;
  message: BroadcastMessage;
}

export interface BroadcastRunOptions {
  /** Stop claiming new phones after this long (the Lambda's remaining time); the workflow runs it again. */
  budgetMs?: number;
  /** Pause between passes, while phones are still leased by another (or a dead) worker. */
  passPauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  pacing?: SendOptions['pacing'];
  /** How often the alert's status is read again while sending (default 1 s). */
  stillDueEveryMs?: number;
}

export interface BroadcastOutcome {
  /** Every phone of the shard (or message) is SENT or FAILED; false: run again to finish. */
  done: boolean;
}

function composeBodies(deps: ShardDeps, alert: Alert, message: BroadcastMessage) {
  const settings = smsSettingsFrom(deps.config);
  const bodies = new Map<string, Pick<SmsMessage, 'body' | 'encoding' | 'segments'>>();
  // An update is numbered as subscribers count the messages they received (UPDATE 2 after an extension too).
  const number = message === 'UPDATE' ? { version: smsNumberOf(alert, versionOf(alert, message)) } : {};
  for (const language of deps.config.country.languages) {
    const sms = composeAlertSms({ kind: message, mode: alert.mode, language, alert, ...number }, settings);
    bodies.set(language, { body: sms.body, encoding: sms.encoding, segments: sms.segments });
  }
  return bodies;
}

/** The shard's slice of the list (the phones whose shardOf is this shard); one shard is the whole list. */
const sliceOf = (run: ShardRun): ShardSlice | undefined =>
  run.of > 1 ? { shard: run.shard, of: run.of } : undefined;

/**
 * One shard of the fan-out: sends the PENDING deliveries of its phone range at its share of the account's
 * quota, in passes until every record is SENT or FAILED, or until the time budget ends (then the workflow
 * invokes it again). The content is checked against the approval signature before the first send of every
 * invocation (alert and updates), and every record's audience against the alert's mode.
 */
export async function sendShard(
  deps: ShardDeps,
  run: ShardRun,
  options: BroadcastRunOptions = {},
): Promise<BroadcastOutcome> {
  const { alertId, message } = run;
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError(`Alert ${alertId} not found`);
  if (!isDue(alert, message)) return { done: true };
  const version = versionOf(alert, message);
  // Signed messages (the alert, its updates) leave only as approved; the cancellation carries no signature.
  if (message === 'ALERT') await assertApprovedContent(deps, alert);
  if (message === 'UPDATE') await assertApprovedContent(deps, alert, { kind: 'UPDATE', version });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = options.budgetMs === undefined ? undefined : deps.clock.now().getTime() + options.budgetMs;
  const summary = summaryOf(alert, message);
  const startedAt = summary?.startedAt ?? deps.clock.now().toISOString();
  const key = messageKey(alertId, message, version);
  const slice = sliceOf(run);

  const report = async (t: SendTotals) => {
    const own = { shard: run.shard, sent: t.sent, failed: t.failed, ambiguousResent: t.ambiguousResent };
    const ledger = deps.deliveries.shards;
    const all = run.of > 1 && ledger ? await ledger.recordTotals(key, own) : [own];
    const counts: DeliveryCounts = {
      recipients: summary?.recipients ?? t.recipients,
      sent: 0,
      failed: 0,
      ambiguousResent: 0,
    };
    for (const s of all) {
      counts.sent += s.sent;
      counts.failed += s.failed;
      counts.ambiguousResent += s.ambiguousResent;
    }
    // Shards report every few seconds each, in parallel: a sum read before another shard's newer one is
    // refused by the store rather than written over it (the figures never go backwards).
    await deps.alerts.recordProgress(
      alertId,
      progressAttribute(message),
      summarize(counts, startedAt, deps.clock.now(), false),
    );
  };
  // The officer may resolve the alert while it goes out: from then on this message is no longer due.
  const stillDue = async () => {
    const current = await deps.alerts.get(alertId);
    return current !== undefined && isDue(current, message);
  };

  for (;;) {
    const totals = await sendDeliveries(deps.deliveries, deps.sms, {
      messageKey: key,
      ...(slice ? { slice } : {}),
      alertId,
      kind: message,
      audience: audienceOf(alert.mode),
      bodies: composeBodies(deps, alert, message),
      fallbackLanguage: deps.config.country.defaultLanguage,
      ratePerSecond: shardRate(await deps.smsQuota.ratePerSecond(), run.of),
      now: () => deps.clock.now(),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.pacing ? { pacing: options.pacing } : {}),
      ...(deadline === undefined ? {} : { stopClaimingAt: deadline }),
      stillDue,
      ...(options.stillDueEveryMs === undefined ? {} : { stillDueEveryMs: options.stillDueEveryMs }),
      onProgress: report,
    });
    if (totals.halted) {
      // Every send in flight has ended; what was never claimed stays PENDING and is never sent.
      await report(totals);
      logger.info('Shard stopped: the message is no longer due', {
        alertId,
        broadcastMessage: message,
        shard: run.shard,
      });
      return { done: true };
    }
    if (totals.complete) {
      await report(totals);
      return { done: true };
    }
    if (deadline !== undefined && deps.clock.now().getTime() >= deadline) {
      await report(totals);
      logger.info('Shard continues in the next run', {
        alertId,
        broadcastMessage: message,
        shard: run.shard,
      });
      return { done: false };
    }
    await sleep(options.passPauseMs ?? 1000);
  }
}
