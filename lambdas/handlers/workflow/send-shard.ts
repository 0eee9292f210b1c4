import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod/mini';
import '../../config/zod-locale';
import { systemClock } from '../../adapters/system-clock';
import { ALERT_ID_PATTERN } from '../../domain/alert-id';
import { logger } from '../../observability/logger';
import { type BroadcastOutcome, type ShardDeps, sendShard } from '../../use-cases/broadcast/send-shard';
import { MAX_SHARDS } from '../../use-cases/broadcast/shards';
import { alertRepository } from '../../wiring/aws/alerts';
import { config } from '../../wiring/aws/config';
import { deliveryRepository } from '../../wiring/aws/deliveries';
import { contentSigner } from '../../wiring/aws/signer';
import { smsSender } from '../../wiring/aws/sms';
import { smsQuota } from '../../wiring/aws/sms-quota';

/** One iteration of the workflow's Map over shards: numbers only, never phone numbers. */
export const ShardEventSchema = z.object({
  alertId: z.string().check(z.regex(ALERT_ID_PATTERN)),
  message: z.enum(['ALERT', 'UPDATE', 'CANCELLATION']),
  shard: z.int().check(z.minimum(0), z.maximum(MAX_SHARDS - 1)),
  of: z.int().check(z.minimum(1), z.maximum(MAX_SHARDS)),
});

/** Stop claiming this long before the Lambda times out: sends in flight finish and get recorded. */
const SAFETY_MARGIN_MS = 60_000;

/** Sends the pending deliveries of one shard until done or out of time; `done: false` asks to be run again. */
export function createHandler(deps: ShardDeps) {
  return middy<unknown, BroadcastOutcome>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (raw, context) => {
      const event = ShardEventSchema.parse(raw);
      logger.appendKeys({ alertId: event.alertId, broadcastMessage: event.message, shard: event.shard });
      const budgetMs = Math.max(1000, context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS);
      return sendShard(deps, event, { budgetMs });
    });
}

export const handler = createHandler({
  alerts: alertRepository,
  deliveries: deliveryRepository,
  sms: smsSender,
  clock: systemClock,
  config,
  signer: contentSigner,
  smsQuota,
});
