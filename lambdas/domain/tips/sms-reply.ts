import { isStopReply } from '../stop-reply';

/**
 * What a reply to the platform's SMS is: an opt-out (STOP, NDALO …), a code typed back by someone who
 * misread the confirmation SMS (it is not information), nothing at all, or a tip.
 */
export type SmsReplyKind = 'STOP' | 'CODE' | 'EMPTY' | 'TIP';

export function classifySmsReply(body: string): SmsReplyKind {
  if (isStopReply(body)) return 'STOP';
  const trimmed = body.trim();
  if (trimmed === '') return 'EMPTY';
  if (/^\d{4,8}$/.test(trimmed.replace(/\s+/g, ''))) return 'CODE';
  return 'TIP';
}

/** An SMS body is at most a few concatenated segments; a tip's message holds 2000 characters. */
export function smsTipMessage(body: string): string {
  return body.trim().slice(0, 2000);
}
