import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import '../../config/zod-locale';
import { systemClock } from '../../adapters/system-clock';
import { normalizeMobile } from '../../domain/phone';
import { classifySmsReply } from '../../domain/tips/sms-reply';
import { logger } from '../../observability/logger';
import type { Dependencies } from '../../ports/dependencies';
import { optOutByReply } from '../../use-cases/opt-out';
import { receiveSmsReply } from '../../use-cases/tips/receive-sms-reply';
import type { TipDependencies } from '../../use-cases/tips/tip-dependencies';
import { alertReader } from '../../wiring/aws/alert-reader';
import { config } from '../../wiring/aws/config';
import { latestDelivery } from '../../wiring/aws/latest-delivery';
import { smsSender } from '../../wiring/aws/sms';
import { subscriberRepository } from '../../wiring/aws/subscribers';
import { tipRepository } from '../../wiring/aws/tips';

/** The part of an SMS two-way inbound notification this handler reads (other fields are ignored). */
const inboundMessage = z.object({
  originationNumber: z.string(),
  messageBody: z.string(),
  inboundMessageId: z.optional(z.string()),
});

/**
 * SNS: replies to the platform's SMS. A STOP reply ends the subscription (status OPTED_OUT); any other
 * reply but a code becomes a tip for the alert the phone last received (receive-sms-reply.ts). A message
 * that cannot be read is logged and dropped: retrying it would not change the outcome, while a storage
 * failure throws so that SNS retries (the inbound message id keeps a retried tip from being stored twice).
 */
export function createHandler(
  deps: Pick<Dependencies, 'subscribers' | 'clock' | 'config'> &
    Pick<TipDependencies, 'alerts' | 'tips' | 'sms' | 'latestDelivery'>,
) {
  return async (event: SNSEvent): Promise<void> => {
    for (const record of event.Records) {
      const parsed = inboundMessage.safeParse(parseJson(record.Sns.Message));
      if (!parsed.success) {
        logger.warn('Inbound SMS ignored: unreadable notification', { messageId: record.Sns.MessageId });
        continue;
      }
      const phone = normalizeMobile(parsed.data.originationNumber, deps.config.country.phoneRegion);
      if (!phone.ok) {
        logger.warn('Inbound SMS ignored: not a mobile of the country', { messageId: record.Sns.MessageId });
        continue;
      }
      const kind = classifySmsReply(parsed.data.messageBody);
      if (kind === 'STOP') {
        await optOutByReply(deps, phone.e164);
      } else if (kind === 'TIP') {
        const outcome = await receiveSmsReply(deps, {
          phone: phone.e164,
          body: parsed.data.messageBody,
          messageId: parsed.data.inboundMessageId ?? record.Sns.MessageId,
        });
        logger.info('Inbound SMS reply', { messageId: record.Sns.MessageId, outcome });
      } else {
        logger.info('Inbound SMS ignored', { messageId: record.Sns.MessageId, kind });
      }
    }
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const handler = createHandler({
  subscribers: subscriberRepository,
  clock: systemClock,
  config,
  alerts: alertReader,
  tips: tipRepository,
  sms: smsSender,
  latestDelivery,
});
