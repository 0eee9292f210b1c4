import { TooManyRequestsError } from '../domain/errors';
import { maskPhone } from '../domain/phone';
import type { ConfirmationRequest, SubscriptionRequest } from '../domain/phone-schemas';
import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';
import { sendPendingCode, verifyPendingCode } from './pending-code';

type SubscriptionDeps = Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config'>;
type CodeDeps = SubscriptionDeps & Pick<Dependencies, 'rateLimiter'>;

const HOUR_SECONDS = 3600;

/**
 * Every code SMS costs money and lands on someone's phone: a phone gets a few per hour, a client (source
 * IP) a few more, whatever numbers it tries. The client is counted first, so that a flood of numbers from
 * one client does not use up the quota of the phones it names.
 */
export async function assertCodeAllowed(deps: CodeDeps, phone: string, client: string): Promise<void> {
  const { codesPerPhonePerHour, codesPerClientPerHour } = deps.config.subscriptions;
  const now = deps.clock.now();
  const clientOk = await deps.rateLimiter.tryHit(
    `code-client#${client}`,
    codesPerClientPerHour,
    HOUR_SECONDS,
    now,
  );
  const phoneOk =
    clientOk &&
    (await deps.rateLimiter.tryHit(`code-phone#${phone}`, codesPerPhonePerHour, HOUR_SECONDS, now));
  if (!clientOk || !phoneOk) {
    logger.warn('Code request refused: rate limit', {
      limit: clientOk ? 'phone' : 'client',
      phone: maskPhone(phone),
    });
    throw new TooManyRequestsError('Too many code requests: try again later', {
      retryAfterSeconds: HOUR_SECONDS,
    });
  }
}

/** Starts (or changes) a subscription: nothing is active until the phone's owner confirms the code. */
export async function subscribe(
  deps: CodeDeps,
  request: SubscriptionRequest,
  client = 'unknown',
): Promise<{ status: 'PENDING_CONFIRMATION' }> {
  await assertCodeAllowed(deps, request.phone, client);
  await sendPendingCode(deps, request.phone, 'SUBSCRIBE', request);
  logger.info('Subscription code sent', { phone: maskPhone(request.phone), counties: request.counties });
  return { status: 'PENDING_CONFIRMATION' };
}

export async function confirmSubscription(
  deps: SubscriptionDeps,
  request: ConfirmationRequest,
): Promise<{ status: 'ACTIVE' }> {
  const { pending } = await verifyPendingCode(deps, request.phone, request.code, 'SUBSCRIBE');
  const now = deps.clock.now();
  await deps.subscribers.activate(request.phone, pending.codeHash, now.toISOString());
  logger.info('Subscription confirmed', { phone: maskPhone(request.phone), counties: pending.counties });
  return { status: 'ACTIVE' };
}
