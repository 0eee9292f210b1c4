import type { Dependencies } from '../commons/dependencies';
import { logger } from '../commons/logger';
import { codeMatches, hashCode, newCode } from '../domain/codes';
import { ValidationError } from '../domain/errors';
import { maskPhone } from '../domain/phone';
import type { ConfirmationRequest, SubscriptionRequest } from '../domain/schemas';
import { composeCodeSms, smsSettingsFrom } from '../domain/sms';

type SubscriptionDeps = Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config'>;

/** Starts (or changes) a subscription: nothing is active until the phone's owner confirms the code. */
export async function subscribe(
  deps: SubscriptionDeps,
  request: SubscriptionRequest,
): Promise<{ status: 'PENDING_CONFIRMATION' }> {
  const now = deps.clock.now();
  const code = newCode();
  const ttlMs = deps.config.subscriptions.codeTtlMinutes * 60_000;
  await deps.subscribers.putPending(
    request.phone,
    {
      codeHash: hashCode(request.phone, code),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      attempts: 0,
      counties: request.counties,
      language: request.language,
    },
    now.toISOString(),
  );
  const sms = composeCodeSms(code, 'SUBSCRIBE', request.language, smsSettingsFrom(deps.config));
  await deps.sms.send({
    to: request.phone,
    body: sms.body,
    encoding: sms.encoding,
    segments: sms.segments,
    kind: 'CONFIRMATION_CODE',
  });
  logger.info('Subscription code sent', { phone: maskPhone(request.phone), counties: request.counties });
  return { status: 'PENDING_CONFIRMATION' };
}

const wrongCode = () =>
  new ValidationError('The code is wrong or has expired', { code: ['is wrong or has expired'] });

export async function confirmSubscription(
  deps: SubscriptionDeps,
  request: ConfirmationRequest,
): Promise<{ status: 'ACTIVE' }> {
  const subscriber = await deps.subscribers.get(request.phone);
  const pending = subscriber?.pending;
  const now = deps.clock.now();
  if (!pending || pending.expiresAt <= now.toISOString()) throw wrongCode();
  if (pending.attempts >= deps.config.subscriptions.maxConfirmAttempts) {
    throw new ValidationError('Too many wrong attempts: the code is locked, request a new one', {
      code: ['is locked after too many attempts; request a new code'],
    });
  }
  if (!codeMatches(request.phone, request.code, pending.codeHash)) {
    await deps.subscribers.recordFailedAttempt(request.phone);
    throw wrongCode();
  }
  await deps.subscribers.activate(request.phone, now.toISOString());
  logger.info('Subscription confirmed', { phone: maskPhone(request.phone), counties: pending.counties });
  return { status: 'ACTIVE' };
}
