import { deadlineAfter } from '../domain/alert';
import { codeMatches, hashCode, newCode } from '../domain/codes';
import { ValidationError } from '../domain/errors';
import { type CodePurpose, composeCodeSms, smsSettingsFrom } from '../domain/sms';
import type { Dependencies } from '../ports/dependencies';
import type { Subscriber } from '../ports/subscriber-repository';

/** `days` after `now`, shortened by the local time scale like every deadline. */
export const daysAfter = (now: Date, days: number, timeScale: number) =>
  deadlineAfter(now, days * 86_400, timeScale);

type CodeSendDeps = Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config'>;

/**
 * Stores a fresh code for `purpose` (hashed, expiring) as the phone's pending one and texts it. `target` is
 * what confirming would make the subscription; an unsubscription keeps the current counties and language.
 */
export async function sendPendingCode(
  deps: CodeSendDeps,
  phone: string,
  purpose: CodePurpose,
  target: { counties: string[]; language: string },
): Promise<void> {
  const now = deps.clock.now();
  const code = newCode();
  await deps.subscribers.putPending(
    phone,
    {
      codeHash: hashCode(phone, code),
      expiresAt: new Date(now.getTime() + deps.config.subscriptions.codeTtlMinutes * 60_000).toISOString(),
      attempts: 0,
      // A code without a purpose is a subscription code, as codes stored before purposes existed are.
      ...(purpose === 'SUBSCRIBE' ? {} : { purpose }),
      counties: target.counties,
      language: target.language,
    },
    now.toISOString(),
    // A number that never confirms is forgotten; an active subscriber's profile is kept (the adapter's rule).
    daysAfter(now, deps.config.subscriberRetention.unconfirmedDays, deps.config.timeouts.timeScale),
  );
  const sms = composeCodeSms(code, purpose, target.language, smsSettingsFrom(deps.config));
  await deps.sms.send({
    to: phone,
    body: sms.body,
    encoding: sms.encoding,
    segments: sms.segments,
    kind: purpose === 'SUBSCRIBE' ? 'CONFIRMATION_CODE' : 'UNSUBSCRIBE_CODE',
  });
}

type CodeCheckDeps = Pick<Dependencies, 'subscribers' | 'clock' | 'config'>;

const wrongCode = (purpose: CodePurpose) =>
  purpose === 'UNSUBSCRIBE'
    ? unusableUnsubscribeCode()
    : new ValidationError('The code is wrong or has expired', { code: ['is wrong or has expired'] });

/**
 * Only a subscribed phone has an unsubscription code to lock, so for unsubscription a wrong, expired and
 * locked code get one answer: a different one would tell anyone which phones are subscribed.
 */
const unusableUnsubscribeCode = () =>
  new ValidationError('The code is wrong, has expired or is locked: request a new one', {
    code: ['is wrong, has expired or is locked after too many attempts; request a new code'],
  });

/**
 * Checks a code sent by SMS against the phone's pending one: unexpired, not locked after too many wrong
 * attempts (a wrong one counts) and issued for `purpose`, so that a subscription code cannot unsubscribe
 * and an unsubscription code cannot subscribe. Returns the subscriber and the pending code it proved.
 */
export async function verifyPendingCode(
  deps: CodeCheckDeps,
  phone: string,
  code: string,
  purpose: CodePurpose,
): Promise<{ subscriber: Subscriber; pending: NonNullable<Subscriber['pending']> }> {
  const subscriber = await deps.subscribers.get(phone);
  const pending = subscriber?.pending;
  const now = deps.clock.now();
  // Codes stored before purposes existed are subscription codes.
  const samePurpose = (pending?.purpose ?? 'SUBSCRIBE') === purpose;
  if (!subscriber || !pending || !samePurpose || pending.expiresAt <= now.toISOString())
    throw wrongCode(purpose);
  // The attempt is counted before the comparison, so that guesses sent in parallel cannot outnumber the limit.
  if (!(await deps.subscribers.claimAttempt(phone, deps.config.subscriptions.maxConfirmAttempts))) {
    if (purpose === 'UNSUBSCRIBE') throw unusableUnsubscribeCode();
    throw new ValidationError('Too many wrong attempts: the code is locked, request a new one', {
      code: ['is locked after too many attempts; request a new code'],
    });
  }
  if (!codeMatches(phone, code, pending.codeHash)) throw wrongCode(purpose);
  return { subscriber, pending };
}
