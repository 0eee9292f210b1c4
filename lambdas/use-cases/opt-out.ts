import { maskPhone } from '../domain/phone';
import type { ConfirmationRequest, UnsubscriptionRequest } from '../domain/phone-schemas';
import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';
import { daysAfter, sendPendingCode, verifyPendingCode } from './pending-code';
import { assertCodeAllowed } from './subscriptions';

/** A removed phone's profile is kept for the configured period (a STOP disputed later), then forgotten. */
const forgetRemovedAt = (deps: Pick<Dependencies, 'config'>, now: Date) =>
  daysAfter(now, deps.config.subscriberRetention.removedDays, deps.config.timeouts.timeScale);

type OptOutDeps = Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config'>;

/**
 * Asks to stop alerts: an active subscriber gets a code. The answer is the same whether or not the phone is
 * subscribed, so the endpoint does not reveal who is.
 */
export async function requestUnsubscribe(
  deps: OptOutDeps & Pick<Dependencies, 'rateLimiter'>,
  request: UnsubscriptionRequest,
  client = 'unknown',
): Promise<{ status: 'PENDING_CONFIRMATION' }> {
  // Counted for every request, subscribed or not, so that the limit itself reveals nothing either.
  await assertCodeAllowed(deps, request.phone, client);
  const subscriber = await deps.subscribers.get(request.phone);
  if (subscriber?.status !== 'ACTIVE') {
    logger.info('Unsubscription asked for a phone that is not subscribed', {
      phone: maskPhone(request.phone),
    });
    return { status: 'PENDING_CONFIRMATION' };
  }
  await sendPendingCode(deps, request.phone, 'UNSUBSCRIBE', subscriber);
  logger.info('Unsubscription code sent', { phone: maskPhone(request.phone) });
  return { status: 'PENDING_CONFIRMATION' };
}

/** The code from the SMS ends the subscription: no alert reaches the phone until it subscribes again. */
export async function confirmUnsubscribe(
  deps: Pick<Dependencies, 'subscribers' | 'clock' | 'config'>,
  request: ConfirmationRequest,
): Promise<{ status: 'UNSUBSCRIBED' }> {
  await verifyPendingCode(deps, request.phone, request.code, 'UNSUBSCRIBE');
  const now = deps.clock.now();
  await deps.subscribers.remove(request.phone, 'UNSUBSCRIBED', now.toISOString(), forgetRemovedAt(deps, now));
  logger.info('Subscription ended by the subscriber', { phone: maskPhone(request.phone) });
  return { status: 'UNSUBSCRIBED' };
}

/**
 * A STOP reply: the carrier already stops delivering to the phone, so the subscription ends at once
 * (no code: the reply itself comes from the phone), and a phone of the drill group leaves it too.
 */
export async function optOutByReply(
  deps: Pick<Dependencies, 'subscribers' | 'clock' | 'config'>,
  phone: string,
): Promise<{ removed: boolean }> {
  const now = deps.clock.now();
  const subscription = await deps.subscribers.remove(
    phone,
    'OPTED_OUT',
    now.toISOString(),
    forgetRemovedAt(deps, now),
  );
  const drill = await deps.subscribers.removeDrillRecipient(phone);
  logger.info('STOP reply', { phone: maskPhone(phone), removed: subscription, drill });
  return { removed: subscription || drill };
}
