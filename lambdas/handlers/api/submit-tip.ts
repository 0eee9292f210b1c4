import { systemClock } from '../../adapters/system-clock';
import { PayloadTooLargeError, ValidationError } from '../../domain/errors';
import { buildTipSubmissionSchema, IDEMPOTENCY_KEY_PATTERN } from '../../domain/tips/tip-submission-schema';
import { httpHandler } from '../../http/http-handler';
import { alertIdFrom, clientIp, header, parseJsonBody } from '../../http/request';
import { json } from '../../http/responses';
import { submitTip } from '../../use-cases/tips/submit-tip';
import type { TipDependencies } from '../../use-cases/tips/tip-dependencies';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config } from '../../wiring/aws/config';
import { tipLimiter } from '../../wiring/aws/tip-limiter';
import { tipNotifier } from '../../wiring/aws/tip-notifier';
import { tipRepository } from '../../wiring/aws/tips';
import { memo } from '../memo';

/** A tip is a few sentences: a body over 8 KB is not one. */
export const MAX_TIP_BODY_BYTES = 8 * 1024;

/** POST /public/alerts/{id}/tips — anyone sends what they saw; the answer is a reference. */
export function createHandler(
  deps: Pick<TipDependencies, 'config' | 'clock' | 'alerts' | 'tips' | 'tipLimiter' | 'tipNotifier'>,
) {
  const schema = memo(() => buildTipSubmissionSchema(deps.config).tipSubmission);
  return httpHandler(async (event) => {
    const raw = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64')
      : Buffer.from(event.body ?? '');
    if (raw.byteLength > MAX_TIP_BODY_BYTES) {
      throw new PayloadTooLargeError(`Body over ${MAX_TIP_BODY_BYTES} bytes`);
    }
    const alertId = alertIdFrom(event);
    const body = parseJsonBody(event, schema());
    const idempotencyKey = header(event, 'idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new ValidationError('Idempotency-Key is invalid', {
        'Idempotency-Key': ['must be 8 to 128 letters, digits or _ . : -'],
      });
    }
    const receipt = await submitTip(deps, alertId, body, {
      client: clientIp(event),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return json(201, receipt);
  });
}

export const handler = createHandler({
  config,
  clock: systemClock,
  alerts: alertReader,
  tips: tipRepository,
  tipLimiter,
  tipNotifier,
});
