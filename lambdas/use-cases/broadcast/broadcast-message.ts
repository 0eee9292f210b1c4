import type { Dependencies } from '../../commons/dependencies';
import { logger } from '../../commons/logger';
import { type Alert, deadlineAfter, SYSTEM_ACTOR } from '../../domain/alert';
import { NotFoundError } from '../../domain/errors';
import { composeAlertSms, smsSettingsFrom } from '../../domain/sms';
import type { Audience } from '../../ports/delivery-repository';
import type { SmsMessage } from '../../ports/sms-sender';
import { assertApprovedContent } from '../content-integrity';
import { type BroadcastMessage, isDue, messageKey } from './messages';
import { sendDeliveries } from './send-deliveries';

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

/** A cancellation goes to exactly the phones the alert may have reached (sent, or in flight when it ended). */
async function planCancellation(deps: BroadcastDeps, alert: Alert): Promise<void> {
  const source = messageKey(alert.id, 'ALERT');
  const target = messageKey(alert.id, 'CANCELLATION');
  let cursor: string | undefined;
  do {
    const page = await deps.deliveries.page(source, cursor);
    const reached = page.items.filter((d) => d.status === 'SENT' || d.status === 'SENDING');
    await deps.deliveries.plan(
      target,
      reached.map(({ phone, language, audience }) => ({ phone, language, audience })),
    );
    cursor = page.next;
  } while (cursor);
}

function composeBodies(deps: BroadcastDeps, alert: Alert, message: BroadcastMessage) {
  const settings = smsSettingsFrom(deps.config);
  const bodies = new Map<string, Pick<SmsMessage, 'body' | 'encoding' | 'segments'>>();
  for (const language of deps.config.country.languages) {
    const sms = composeAlertSms({ kind: message, mode: alert.mode, language, alert }, settings);
    bodies.set(language, { body: sms.body, encoding: sms.encoding, segments: sms.segments });
  }
  return bodies;
}

export async function broadcastMessage(
  deps: BroadcastDeps,
  alertId: string,
  message: BroadcastMessage,
): Promise<void> {
  const alert = await deps.alerts.get(alertId);
  if (!alert) throw new NotFoundError(`Alert ${alertId} not found`);
  if (!isDue(alert, message)) {
    logger.info('Broadcast not due', { alertId, broadcastMessage: message, status: alert.status });
    return;
  }
  const startedAt = deps.clock.now().toISOString();
  if (message === 'ALERT') {
    // Nothing leaves unless it is exactly what the second person approved.
    await assertApprovedContent(deps, alert);
    const firstRun = !alert.broadcast.startedAt;
    await deps.alerts.update(alertId, {
      broadcast: { ...alert.broadcast, startedAt: alert.broadcast.startedAt ?? startedAt },
    });
    const planned = await planAlert(deps, alert);
    if (firstRun && alert.mode === 'LIVE') {
      await deps.notifier.broadcastStarting({ alertId, counties: alert.counties, recipients: planned });
    }
  } else {
    await planCancellation(deps, alert);
  }
  const totals = await sendDeliveries(deps.deliveries, deps.sms, {
    messageKey: messageKey(alertId, message),
    alertId,
    kind: message,
    audience: audienceOf(alert.mode),
    bodies: composeBodies(deps, alert, message),
    fallbackLanguage: deps.config.country.defaultLanguage,
    ratePerSecond: deps.config.sms.ratePerSecond,
    now: () => deps.clock.now(),
  });
  const now = deps.clock.now();
  const at = now.toISOString();
  logger.info('Broadcast finished', { alertId, broadcastMessage: message, ...totals });
  const summary = { recipients: totals.recipients, sent: totals.sent, failed: totals.failed };
  if (message === 'ALERT') {
    await deps.alerts.transition({
      id: alertId,
      from: ['APPROVED'],
      to: 'ACTIVE',
      entry: {
        at,
        actor: SYSTEM_ACTOR,
        action: 'ACTIVATE',
        from: 'APPROVED',
        to: 'ACTIVE',
        reason: `sent ${totals.sent} of ${totals.recipients}`,
      },
      set: {
        activatedAt: at,
        expiresAt: deadlineAfter(now, alert.durationHours * 3600, deps.config.timeouts.timeScale),
        broadcast: { ...summary, startedAt: alert.broadcast.startedAt ?? startedAt, finishedAt: at },
      },
    });
  } else {
    await deps.alerts.update(
      alertId,
      { cancellationSentAt: at, cancellation: { ...summary, startedAt, finishedAt: at } },
      {
        at,
        actor: SYSTEM_ACTOR,
        action: 'CANCELLATION_SENT',
        from: 'RESOLVED',
        to: 'RESOLVED',
        reason: `sent ${totals.sent} of ${totals.recipients}`,
      },
    );
  }
}
