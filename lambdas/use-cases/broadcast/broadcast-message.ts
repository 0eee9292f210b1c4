import type { Dependencies } from '../../commons/dependencies';
import { logger } from '../../commons/logger';
import { type Alert, deadlineAfter, SYSTEM_ACTOR } from '../../domain/alert';
import { NotFoundError } from '../../domain/errors';
import { composeAlertSms, smsSettingsFrom } from '../../domain/sms';
import type { SmsMessage } from '../../ports/sms-sender';
import { type BroadcastMessage, isDue, messageKey } from './messages';
import { sendDeliveries } from './send-deliveries';

type BroadcastDeps = Pick<Dependencies, 'alerts' | 'subscribers' | 'deliveries' | 'sms' | 'clock' | 'config'>;

/**
 * The recipients of an alert: the confirmed subscribers of its counties, each phone once. Planning walks
 * the registry page by page and writes one PENDING record per phone, so memory stays flat at any size.
 */
async function planAlert(deps: BroadcastDeps, alert: Alert): Promise<void> {
  // Exercises are planned from the drill group only and never read the public registry.
  if (alert.mode !== 'LIVE') return;
  const key = messageKey(alert.id, 'ALERT');
  let cursor: string | undefined;
  do {
    const page = await deps.subscribers.recipientsPage(alert.counties, cursor);
    await deps.deliveries.plan(key, page.recipients);
    cursor = page.next;
  } while (cursor);
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
      reached.map(({ phone, language }) => ({ phone, language })),
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
    await deps.alerts.update(alertId, {
      broadcast: { ...alert.broadcast, startedAt: alert.broadcast.startedAt ?? startedAt },
    });
    await planAlert(deps, alert);
  } else {
    await planCancellation(deps, alert);
  }
  const totals = await sendDeliveries(deps.deliveries, deps.sms, {
    messageKey: messageKey(alertId, message),
    alertId,
    kind: message,
    bodies: composeBodies(deps, alert, message),
    fallbackLanguage: deps.config.country.defaultLanguage,
    ratePerSecond: deps.config.sms.ratePerSecond,
    now: () => deps.clock.now(),
  });
  const now = deps.clock.now();
  const at = now.toISOString();
  logger.info('Broadcast finished', { alertId, broadcastMessage: message, ...totals });
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
        broadcast: {
          recipients: totals.recipients,
          sent: totals.sent,
          failed: totals.failed,
          startedAt: alert.broadcast.startedAt ?? startedAt,
          finishedAt: at,
        },
      },
    });
  } else {
    await deps.alerts.update(
      alertId,
      {
        cancellationSentAt: at,
        cancellation: {
          recipients: totals.recipients,
          sent: totals.sent,
          failed: totals.failed,
          startedAt,
          finishedAt: at,
        },
      },
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
