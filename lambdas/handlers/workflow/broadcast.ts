import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { alertRepository } from '../../commons/aws/alerts';
import { config } from '../../commons/aws/config';
import { deliveryRepository } from '../../commons/aws/deliveries';
import { notifier } from '../../commons/aws/notifier';
import { contentSigner } from '../../commons/aws/signer';
import { smsSender } from '../../commons/aws/sms';
import { subscriberRepository } from '../../commons/aws/subscribers';
import type { Dependencies } from '../../commons/dependencies';
import { logger } from '../../commons/logger';
import { ALERT_ID_PATTERN } from '../../domain/alert-id';
import { systemClock } from '../../ports/clock';
import { broadcastMessage } from '../../use-cases/broadcast/broadcast-message';

export const BroadcastEventSchema = z.object({
  alertId: z.string().regex(ALERT_ID_PATTERN),
  message: z.enum(['ALERT', 'UPDATE', 'CANCELLATION']),
});

type BroadcastDeps = Pick<
  Dependencies,
  'alerts' | 'subscribers' | 'deliveries' | 'sms' | 'clock' | 'config' | 'notifier' | 'signer'
>;

/** Sends one message of an alert (the alert itself, or its cancellation) to every planned phone. */
export function createHandler(deps: BroadcastDeps) {
  return middy<unknown, Record<string, never>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (raw) => {
      const event = BroadcastEventSchema.parse(raw);
      logger.appendKeys({ alertId: event.alertId, broadcastMessage: event.message });
      await broadcastMessage(deps, event.alertId, event.message);
      return {};
    });
}

export const handler = createHandler({
  alerts: alertRepository,
  subscribers: subscriberRepository,
  deliveries: deliveryRepository,
  sms: smsSender,
  clock: systemClock,
  config,
  notifier,
  signer: contentSigner,
});
