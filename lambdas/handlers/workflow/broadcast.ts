import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod/mini';
import '../../config/zod-locale';
import { systemClock } from '../../adapters/system-clock';
import { ALERT_ID_PATTERN } from '../../domain/alert-id';
import { logger } from '../../observability/logger';
import { finishBroadcast } from '../../use-cases/broadcast/finish-broadcast';
import { type BroadcastPlan, type PlanDeps, planBroadcast } from '../../use-cases/broadcast/plan-broadcast';
import type { BroadcastOutcome } from '../../use-cases/broadcast/send-shard';
import { alertRepository } from '../../wiring/aws/alerts';
import { config } from '../../wiring/aws/config';
import { deliveryRepository } from '../../wiring/aws/deliveries';
import { notifier } from '../../wiring/aws/notifier';
import { contentSigner } from '../../wiring/aws/signer';
import { smsQuota } from '../../wiring/aws/sms-quota';
import { subscriberRepository } from '../../wiring/aws/subscribers';

export const BroadcastEventSchema = z.object({
  alertId: z.string().check(z.regex(ALERT_ID_PATTERN)),
  message: z.enum(['ALERT', 'UPDATE', 'CANCELLATION']),
  /** The fan-out step (lib/workflow/alert-workflow.ts): `plan` before the Map over shards, `finish` after. */
  step: z.enum(['plan', 'finish']),
});

/**
 * Plans one message of an alert (the alert, an update, the cancellation) and returns its shards, or records
 * the outcome once every shard is sent. It sends no SMS: the shards are sent by send-shard.ts.
 */
export function createHandler(deps: PlanDeps) {
  return middy<unknown, BroadcastPlan | BroadcastOutcome>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (raw) => {
      const event = BroadcastEventSchema.parse(raw);
      logger.appendKeys({ alertId: event.alertId, broadcastMessage: event.message, step: event.step });
      if (event.step === 'plan') return planBroadcast(deps, event.alertId, event.message);
      return finishBroadcast(deps, event.alertId, event.message);
    });
}

export const handler = createHandler({
  alerts: alertRepository,
  subscribers: subscriberRepository,
  deliveries: deliveryRepository,
  clock: systemClock,
  config,
  notifier,
  signer: contentSigner,
  smsQuota,
});
