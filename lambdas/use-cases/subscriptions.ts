import { TooManyRequestsError } from '../domain/errors';
import { maskPhone } from '../domain/phone';
import type { ConfirmationRequest, SubscriptionRequest } from '../domain/phone-schemas';
import { logger } from '../observability/logger';
import type { Dependencies } from '../ports/dependencies';
import { sendPendingCode, verifyPendingCode } from './pending-code';

type SubscriptionDeps = Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config'>;
type CodeDeps = SubscriptionDeps & Pick<Dependencies, 'rateLimiter'>;

const HOUR_SECONDS = 3600;

/** The log field the code-budget alarm's metric filter matches (lib/constructs/ops-alarms.ts). */
export const CODE_BUDGET_EXHAUSTED = { codeBudget: 'exhausted' } as const;

/** Seconds until the current fixed hourly window ends: when the budget is there again. */
const secondsToNextHour = (now: Date) => HOUR_SECONDS - (Math.floor(now.getTime() / 1000) % HOUR_SECONDS);

/**
 * Every code SMS costs money and lands on someone's phone: a phone gets a few per hour, a client (source
 * IP) a few more, whatever numbers it tries. The client is counted first, so that a flood of numbers from
 * one client does not use up the quota of the phones it names. Then the platform's own budget per hour,
 * counted only for requests that would send: pumping from a pool of IPs stops there, with a page to ops,
 * and alert broadcasts (which never count against it) keep the rest of the SMS spend limit.
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
  const { codeSmsPerHour } = deps.config.subscriptions;
  if (!(await deps.rateLimiter.tryHit('code-sms-budget', codeSmsPerHour, HOUR_SECONDS, now))) {
    // Pages ops through a metric filter: someone may be pumping SMS, or a real surge needs a larger budget.
    logger.error('Code SMS budget of the hour exhausted: code requests refused', {
      ...CODE_BUDGET_EXHAUSTED,
      limit: 'global',
      codeSmsPerHour,
    });
    throw new TooManyRequestsError('Too many code requests: try again later', {
      retryAfterSeconds: secondsToNextHour(now),
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
  deps: Pick<Dependencies, 'subscribers' | 'clock' | 'config'>,
  request: ConfirmationRequest,
): Promise<{ status: 'ACTIVE' }> {
  const { pending } = await verifyPendingCode(deps, request.phone, request.code, 'SUBSCRIBE');
  const now = deps.clock.now();
  await deps.subscribers.activate(request.phone, pending.codeHash, now.toISOString());
  logger.info('Subscription confirmed', { phone: maskPhone(request.phone), counties: pending.counties });
  return { status: 'ACTIVE' };
}
