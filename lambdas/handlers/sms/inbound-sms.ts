import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import '../../config/zod-locale';
import { systemClock } from '../../adapters/system-clock';
import { normalizeMobile } from '../../domain/phone';
import { isStopReply } from '../../domain/stop-reply';
import { logger } from '../../observability/logger';
import type { Dependencies } from '../../ports/dependencies';
import { optOutByReply } from '../../use-cases/opt-out';
import { config } from '../../wiring/aws/config';
import { subscriberRepository } from '../../wiring/aws/subscribers';

/** The part of an SMS two-way inbound notification this handler reads (other fields are ignored). */
const inboundMessage = z.object({ originationNumber: z.string(), messageBody: z.string() });

/**
 * SNS: replies to the platform's SMS. A STOP reply ends the subscription (status OPTED_OUT). Anything else,
 * or a message that cannot be read, is logged and dropped: retrying it would not change the outcome, while a
 * storage failure throws so that SNS retries.
 */
export function createHandler(deps: Pick<Dependencies, 'subscribers' | 'clock' | 'config'>) {
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
      if (!isStopReply(parsed.data.messageBody)) {
        logger.info('Inbound SMS ignored: not a stop reply', { messageId: record.Sns.MessageId });
        continue;
      }
      await optOutByReply(deps, phone.e164);
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

export const handler = createHandler({ subscribers: subscriberRepository, clock: systemClock, config });
