import { maskPhone } from '../../domain/phone';
import { exerciseMarker, measureSms, smsSettingsFrom, toGsm7 } from '../../domain/sms';
import { bodyDigest, idempotencyFingerprint, referenceCandidates } from '../../domain/tips/reference';
import { smsTipMessage } from '../../domain/tips/sms-reply';
import { tipTexts } from '../../domain/tips/tip-texts';
import { logger } from '../../observability/logger';
import type { TipDependencies } from './tip-dependencies';

type ReplyDeps = Pick<TipDependencies, 'config' | 'clock' | 'alerts' | 'tips' | 'sms' | 'latestDelivery'>;

export type SmsReplyOutcome = 'TIP' | 'REPEATED' | 'ALERT_ENDED' | 'NO_ALERT';

/**
 * A reply to an alert SMS that is neither an opt-out nor a code: a tip, with the sender's phone as its
 * contact, for the alert of the latest message the phone received (an exercise's reply goes to that
 * exercise's inbox, marked EXERCISE). The phone gets at most one acknowledgement per alert, with the
 * reference. `messageId` (the inbound message's id) makes a redelivered notification store nothing twice.
 */
export async function receiveSmsReply(
  deps: ReplyDeps,
  reply: { phone: string; body: string; messageId: string },
): Promise<SmsReplyOutcome> {
  const received = await deps.latestDelivery.latestReceivedBy(reply.phone);
  const alert = received ? await deps.alerts.get(received.alertId) : undefined;
  if (!received || !alert) {
    logger.info('SMS reply from a phone that received no alert', { phone: maskPhone(reply.phone) });
    return 'NO_ALERT';
  }
  const { policeNumber, defaultLanguage } = deps.config.country;
  const language = deps.config.country.languages.includes(received.language)
    ? received.language
    : defaultLanguage;
  const texts = tipTexts(language, defaultLanguage);
  const now = deps.clock.now();

  if (alert.status !== 'ACTIVE') {
    // The alert is over, but the person may know something: one SMS with the number to call.
    if (await deps.tips.claimAcknowledgement(alert.id, reply.phone, now)) {
      await acknowledge(deps, reply.phone, alert, language, texts.smsEnded(policeNumber));
    }
    logger.info('SMS reply to an alert that has ended', { alertId: alert.id, status: alert.status });
    return 'ALERT_ENDED';
  }

  const fingerprint = idempotencyFingerprint(alert.id, `sms#${reply.messageId}`);
  const result = await deps.tips.create(
    {
      alertId: alert.id,
      directorate: alert.directorate,
      mode: alert.mode,
      receivedAt: now.toISOString(),
      channel: 'SMS',
      message: smsTipMessage(reply.body),
      seenNow: false,
      contact: { phone: reply.phone },
      language,
      state: 'NEW',
      history: [
        {
          at: now.toISOString(),
          actor: { sub: 'sms', username: 'sms' },
          action: 'RECEIVE',
          from: null,
          to: 'NEW',
        },
      ],
    },
    referenceCandidates(fingerprint),
    { fingerprint, body: bodyDigest({ from: reply.phone, body: reply.body }) },
  );
  if (result.kind !== 'CREATED') {
    logger.info('SMS reply already stored', { alertId: alert.id });
    return 'REPEATED';
  }
  logger.info('Tip received', {
    alertId: alert.id,
    reference: result.tip.reference,
    channel: 'SMS',
    mode: alert.mode,
  });
  if (await deps.tips.claimAcknowledgement(alert.id, reply.phone, now)) {
    await acknowledge(
      deps,
      reply.phone,
      alert,
      language,
      texts.smsReceived(result.tip.reference, policeNumber),
    );
  }
  return 'TIP';
}

/** The tip is stored already: a failed acknowledgement is logged, and SNS does not retry the reply. */
async function acknowledge(
  deps: Pick<TipDependencies, 'sms' | 'config'>,
  phone: string,
  alert: { id: string; mode: 'LIVE' | 'EXERCISE' },
  language: string,
  text: string,
): Promise<void> {
  const marked = alert.mode === 'EXERCISE' ? `${exerciseMarker(language)} ${text}` : text;
  const body = smsSettingsFrom(deps.config).transliterate ? toGsm7(marked) : marked;
  try {
    await deps.sms.send({
      to: phone,
      body,
      kind: 'TIP_ACKNOWLEDGEMENT',
      alertId: alert.id,
      ...measureSms(body),
    });
  } catch (error) {
    logger.error('Tip acknowledgement SMS failed', {
      alertId: alert.id,
      phone: maskPhone(phone),
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}
