import type { Dependencies } from '../commons/dependencies';
import { logger } from '../commons/logger';
import { hashCode, newCode } from '../domain/codes';
import { maskPhone } from '../domain/phone';
import type { ConfirmationRequest, UnsubscriptionRequest } from '../domain/schemas';
import { composeCodeSms, smsSettingsFrom } from '../domain/sms';
import { verifyPendingCode } from './pending-code';

type OptOutDeps = Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config'>;

/**
 * Asks to stop alerts: an active subscriber gets a code. The answer is the same whether or not the phone is
 * subscribed, so the endpoint does not reveal who is.
 */
export async function requestUnsubscribe(
  deps: OptOutDeps,
  request: UnsubscriptionRequest,
): Promise<{ status: 'PENDING_CONFIRMATION' }> {
  const subscriber = await deps.subscribers.get(request.phone);
  if (subscriber?.status !== 'ACTIVE') {
    logger.info('Unsubscription asked for a phone that is not subscribed', {
      phone: maskPhone(request.phone),
    });
    return { status: 'PENDING_CONFIRMATION' };
  }
  const now = deps.clock.now();
  const code = newCode();
  const ttlMs = deps.config.subscriptions.codeTtlMinutes * 60_000;
  await deps.subscribers.putPending(
    request.phone,
    {
      codeHash: hashCode(request.phone, code),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      attempts: 0,
      purpose: 'UNSUBSCRIBE',
      // Confirming changes nothing of these: they only keep the pending record's shape.
      counties: subscriber.counties,
      language: subscriber.language,
    },
    now.toISOString(),
  );
  const sms = composeCodeSms(code, 'UNSUBSCRIBE', subscriber.language, smsSettingsFrom(deps.config));
  await deps.sms.send({
    to: request.phone,
    body: sms.body,
    encoding: sms.encoding,
    segments: sms.segments,
    kind: 'UNSUBSCRIBE_CODE',
  });
  logger.info('Unsubscription code sent', { phone: maskPhone(request.phone) });
  return { status: 'PENDING_CONFIRMATION' };
}

/** The code from the SMS ends the subscription: no alert reaches the phone until it subscribes again. */
export async function confirmUnsubscribe(
  deps: OptOutDeps,
  request: ConfirmationRequest,
): Promise<{ status: 'UNSUBSCRIBED' }> {
  await verifyPendingCode(deps, request.phone, request.code, 'UNSUBSCRIBE');
  await deps.subscribers.remove(request.phone, 'UNSUBSCRIBED', deps.clock.now().toISOString());
  logger.info('Subscription ended by the subscriber', { phone: maskPhone(request.phone) });
  return { status: 'UNSUBSCRIBED' };
}

/**
 * A STOP reply: the carrier already stops delivering to the phone, so the subscription ends at once
 * (no code: the reply itself comes from the phone).
 */
export async function optOutByReply(
  deps: Pick<Dependencies, 'subscribers' | 'clock'>,
  phone: string,
): Promise<{ removed: boolean }> {
  const removed = await deps.subscribers.remove(phone, 'OPTED_OUT', deps.clock.now().toISOString());
  logger.info('STOP reply', { phone: maskPhone(phone), removed });
  return { removed };
}
