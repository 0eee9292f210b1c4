import type { Alert } from '../../domain/alert';
import {
  GoneError,
  NotFoundError,
  TooManyRequestsError,
  UnprocessableEntityError,
} from '../../domain/errors';
import { bodyDigest, idempotencyFingerprint, referenceCandidates } from '../../domain/tips/reference';
import type { Tip } from '../../domain/tips/tip';
import type { TipSubmission } from '../../domain/tips/tip-submission-schema';
import { tipTexts } from '../../domain/tips/tip-texts';
import { logger } from '../../observability/logger';
import type { TipIdempotency } from '../../ports/tip-repository';
import type { TipDependencies } from './tip-dependencies';
import { notifyUrgentTip } from './urgent-tips';

export interface TipReceipt {
  reference: string;
  message: string;
}

type SubmitDeps = Pick<
  TipDependencies,
  'config' | 'clock' | 'alerts' | 'tips' | 'tipLimiter' | 'tipNotifier'
>;

/**
 * The alert a tip may be sent to: a live alert while it is ACTIVE. An ended one answers 410 with the
 * police number (the case may still need information); an unknown one, an exercise, or one that never
 * went public answers 404, like the public alert page.
 */
export async function alertOpenForTips(
  deps: Pick<TipDependencies, 'alerts' | 'config' | 'clock'>,
  alertId: string,
  language: string,
): Promise<Alert> {
  const alert = await deps.alerts.get(alertId);
  if (alert?.mode !== 'LIVE') throw new NotFoundError('No active alert with this id');
  const expired =
    alert.status === 'ACTIVE' &&
    alert.expiresAt !== undefined &&
    alert.expiresAt <= deps.clock.now().toISOString();
  if (alert.status === 'RESOLVED' || alert.status === 'EXPIRED' || expired) {
    const { policeNumber, defaultLanguage } = deps.config.country;
    throw new GoneError(tipTexts(language, defaultLanguage).ended(policeNumber));
  }
  if (alert.status !== 'ACTIVE') throw new NotFoundError('No active alert with this id');
  return alert;
}

/**
 * POST /public/alerts/{id}/tips: stores the tip (durably, before answering) and gives its reference. With
 * an idempotency key, the same key and body give the same reference and one stored tip; the same key with
 * another body is refused (422). Limits per client and per alert answer 429.
 */
export async function submitTip(
  deps: SubmitDeps,
  alertId: string,
  body: TipSubmission,
  request: { client: string; idempotencyKey?: string },
): Promise<TipReceipt> {
  const { config } = deps;
  const language = body.language ?? config.country.defaultLanguage;
  const alert = await alertOpenForTips(deps, alertId, language);
  const now = deps.clock.now();

  // Both counters at once: a request refused by one still counts against the other, which only makes a
  // flooding client's limit tighter.
  const [clientAllowed, alertAllowed] = await Promise.all([
    deps.tipLimiter.tryHit(`tip-client#${request.client}`, config.tips.perClientPerHour, 3600, now),
    deps.tipLimiter.tryHit(`tip-alert#${alertId}`, config.tips.perAlertPerMinute, 60, now),
  ]);
  if (!clientAllowed) {
    logger.warn('Tip refused: client limit', { alertId });
    throw new TooManyRequestsError('Too many tips from this client: try again later, or call the police');
  }
  if (!alertAllowed) {
    // The flood alarm (lib/constructs/tip-alarms.ts) counts this line.
    logger.warn('Tip refused: alert flood limit', { alertId, tipFlood: 1 });
    throw new TooManyRequestsError('This alert receives too many tips right now: try again in a minute');
  }

  const idempotency: TipIdempotency | undefined = request.idempotencyKey
    ? { fingerprint: idempotencyFingerprint(alertId, request.idempotencyKey), body: bodyDigest(body) }
    : undefined;
  const tip: Omit<Tip, 'id' | 'reference'> = {
    alertId,
    directorate: alert.directorate,
    mode: alert.mode,
    receivedAt: now.toISOString(),
    channel: 'WEB',
    message: body.message,
    ...(body.seenAt ? { seenAt: body.seenAt } : {}),
    ...(body.place ? { place: body.place } : {}),
    ...(body.location ? { location: body.location } : {}),
    seenNow: body.seenNow === true,
    ...(body.contact && (body.contact.phone || body.contact.name) ? { contact: body.contact } : {}),
    language,
    state: 'NEW',
    history: [
      {
        at: now.toISOString(),
        actor: { sub: 'public', username: 'public' },
        action: 'RECEIVE',
        from: null,
        to: 'NEW',
      },
    ],
  };
  const result = await deps.tips.create(tip, referenceCandidates(idempotency?.fingerprint), idempotency);
  if (result.kind === 'KEY_REUSED') {
    throw new UnprocessableEntityError('This Idempotency-Key was already used with a different body', {
      fields: { 'Idempotency-Key': ['was already used with a different body'] },
    });
  }
  const stored = result.tip;
  logger.info('Tip received', {
    alertId,
    reference: stored.reference,
    channel: 'WEB',
    seenNow: stored.seenNow,
    replayed: result.kind === 'REPLAYED',
  });
  if (result.kind === 'CREATED' && stored.seenNow) await notifyUrgentTip(deps, alert);
  const { policeNumber, defaultLanguage } = config.country;
  return {
    reference: stored.reference,
    message: tipTexts(stored.language, defaultLanguage).received(stored.reference, policeNumber),
  };
}
