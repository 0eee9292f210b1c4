import type { Dependencies } from '../../commons/dependencies';
import { logger } from '../../commons/logger';
import { type Alert, deadlineAfter, SYSTEM_ACTOR } from '../../domain/alert';
import { ConcurrentChangeError, NotFoundError } from '../../domain/errors';
import { composeAlertSms, smsSettingsFrom } from '../../domain/sms';
import type { Audience } from '../../ports/delivery-repository';
import type { SmsMessage } from '../../ports/sms-sender';
import { assertApprovedContent } from '../content-integrity';
import { recordIssuedMessage } from './issued-messages';
import { type BroadcastMessage, isDue, messageKey, summaryOf, summaryPatch, versionOf } from './messages';
import { countDeliveries, type DeliveryCounts, summarize } from './progress';
import { type SendOptions, sendDeliveries } from './send-deliveries';

type BroadcastDeps = Pick<
  Dependencies,
  'alerts' | 'subscribers' | 'deliveries' | 'sms' | 'clock' | 'config' | 'notifier' | 'signer'
>;

/** Live alerts go to the public, exercises to the drill group: fixed by the mode the alert was created with. */
export const audienceOf = (mode: Alert['mode']): Audience => (mode === 'LIVE' ? 'PUBLIC' : 'DRILL');

/**
 * The recipients of an alert. A live alert: the confirmed subscribers of its counties, each phone once. An
 * exercise: the drill group only; it never reads the public registry. Planning walks page by page and
 * writes one PENDING record per phone, so memory stays flat at any size. Returns the phones planned.
 */
async function planAlert(deps: BroadcastDeps, alert: Alert): Promise<number> {
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
async function planFollowUp(deps: BroadcastDeps, alert: Alert, message: BroadcastMessage): Promise<number> {
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

function composeBodies(deps: BroadcastDeps, alert: Alert, message: BroadcastMessage) {
  const settings = smsSettingsFrom(deps.config);
  const bodies = new Map<string, Pick<SmsMessage, 'body' | 'encoding' | 'segments'>>();
  const version = message === 'UPDATE' ? { version: versionOf(alert, message) } : {};
  for (const language of deps.config.country.languages) {
    const sms = composeAlertSms({ kind: message, mode: alert.mode, language, alert, ...version }, settings);
    bodies.set(language, { body: sms.body, encoding: sms.encoding, segments: sms.segments });
  }
  return bodies;
}

/** False once another run (a redelivery, a concurrent retry) has activated the alert after the same sends. */
async function stillApproved(deps: BroadcastDeps, alertId: string): Promise<boolean> {
  return (await deps.alerts.get(alertId))?.status === 'APPROVED';
}

export interface BroadcastRunOptions {
  /** Stop claiming new phones after this long (the Lambda's remaining time); the workflow runs it again. */
  budgetMs?: number;
  /** Pause between passes, while phones are still leased by another (or a dead) worker. */
  passPauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  pacing?: SendOptions['pacing'];
}

export interface BroadcastOutcome {
  /** Every planned phone is SENT or FAILED and the alert records it; false: run again to finish. */
  done: boolean;
}

export async function broadcastMessage(
  deps: BroadcastDeps,
  alertId: string,
  message: BroadcastMessage,
  options: BroadcastRunOptions = {},
): Promise<BroadcastOutcome> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError(`Alert ${alertId} not found`);
  if (!isDue(alert, message)) {
    logger.info('Broadcast not due', { alertId, broadcastMessage: message, status: alert.status });
    return { done: true };
  }
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const clockNow = deps.clock.now();
  const deadline = options.budgetMs === undefined ? undefined : clockNow.getTime() + options.budgetMs;
  const previous = summaryOf(alert, message);
  const startedAt = previous?.startedAt ?? clockNow.toISOString();
  const version = versionOf(alert, message);
  if (message === 'UPDATE') await assertApprovedContent(deps, alert, { kind: 'UPDATE', version });
  let planned: number;
  if (message === 'ALERT') {
    // Nothing leaves unless it is exactly what the second person approved.
    await assertApprovedContent(deps, alert);
    await deps.alerts.update(alertId, { broadcast: { ...alert.broadcast, startedAt } });
    planned = await planAlert(deps, alert);
    if (!previous?.startedAt && alert.mode === 'LIVE') {
      await deps.notifier.broadcastStarting({ alertId, counties: alert.counties, recipients: planned });
    }
  } else {
    planned = await planFollowUp(deps, alert, message);
  }
  // Verified and planned: from now on the message is issued, and its CAP form public.
  await recordIssuedMessage(deps, alert, message, startedAt);
  const key = messageKey(alertId, message, version);
  const writeProgress = (counts: DeliveryCounts, finished: boolean) =>
    summarize(counts, startedAt, deps.clock.now(), finished);
  const initial = { recipients: planned, sent: 0, failed: 0, ambiguousResent: 0 };
  await deps.alerts.update(alertId, summaryPatch(alert, message, writeProgress(initial, false)));
  for (;;) {
    const totals = await sendDeliveries(deps.deliveries, deps.sms, {
      messageKey: key,
      alertId,
      kind: message,
      audience: audienceOf(alert.mode),
      bodies: composeBodies(deps, alert, message),
      fallbackLanguage: deps.config.country.defaultLanguage,
      ratePerSecond: deps.config.sms.ratePerSecond,
      now: () => deps.clock.now(),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.pacing ? { pacing: options.pacing } : {}),
      ...(deadline === undefined ? {} : { stopClaimingAt: deadline }),
      onProgress: async (t) => {
        const counts = {
          recipients: planned,
          sent: t.sent,
          failed: t.failed,
          ambiguousResent: t.ambiguousResent,
        };
        await deps.alerts.update(alertId, summaryPatch(alert, message, writeProgress(counts, false)));
      },
    });
    if (totals.complete) break;
    if (deadline !== undefined && deps.clock.now().getTime() >= deadline) {
      const counts = await countDeliveries(deps.deliveries, key);
      await deps.alerts.update(alertId, summaryPatch(alert, message, writeProgress(counts, false)));
      logger.info('Broadcast continues in the next run', { alertId, broadcastMessage: message });
      return { done: false };
    }
    await sleep(options.passPauseMs ?? 1000);
  }
  const counts = await countDeliveries(deps.deliveries, key);
  const summary = writeProgress(counts, true);
  const now = deps.clock.now();
  const at = now.toISOString();
  logger.info('Broadcast finished', { alertId, broadcastMessage: message, ...counts });
  const reason = `sent ${counts.sent} of ${counts.recipients}`;
  if (message === 'ALERT') {
    try {
      await deps.alerts.transition({
        id: alertId,
        from: ['APPROVED'],
        to: 'ACTIVE',
        entry: { at, actor: SYSTEM_ACTOR, action: 'ACTIVATE', from: 'APPROVED', to: 'ACTIVE', reason },
        set: {
          activatedAt: at,
          expiresAt: deadlineAfter(now, alert.durationHours * 3600, deps.config.timeouts.timeScale),
          broadcast: summary,
        },
      });
    } catch (error) {
      // A concurrent run (a redelivery, an overlapping retry) finished the same list and activated it.
      if (error instanceof ConcurrentChangeError && !(await stillApproved(deps, alertId))) return { done: true };
      throw error;
    }
  } else if (message === 'UPDATE' && alert.updateRequest) {
      await deps.alerts.update(
        alertId,
        { updateRequest: { ...alert.updateRequest, state: 'SENT', delivery: summary } },
        {
          at,
          actor: SYSTEM_ACTOR,
          action: 'UPDATE_SENT',
          from: 'ACTIVE',
          to: 'ACTIVE',
          reason: `version ${version}: ${reason}`,
        },
      );
  } else {
    await deps.alerts.update(
      alertId,
      { cancellationSentAt: at, cancellation: summary },
      { at, actor: SYSTEM_ACTOR, action: 'CANCELLATION_SENT', from: 'RESOLVED', to: 'RESOLVED', reason },
    );
  }
  return { done: true };
}
