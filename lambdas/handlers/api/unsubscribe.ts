import { systemClock } from '../../adapters/system-clock';
import { buildPhoneSchemas } from '../../domain/phone-schemas';
import { httpHandler } from '../../http/http-handler';
import { clientIp, parseJsonBody } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { requestUnsubscribe } from '../../use-cases/opt-out';
import { config } from '../../wiring/aws/config';
import { rateLimiter } from '../../wiring/aws/rate-limiter';
import { smsSender } from '../../wiring/aws/sms';
import { subscriberRepository } from '../../wiring/aws/subscribers';
import { memo } from '../memo';

/** POST /subscriptions/unsubscribe — a subscriber asks to stop alerts; a code confirms it. */
export function createHandler(
  deps: Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config' | 'rateLimiter'>,
) {
  const unsubscription = memo(() => buildPhoneSchemas(deps.config).unsubscription);
  return httpHandler(async (event) =>
    json(202, await requestUnsubscribe(deps, parseJsonBody(event, unsubscription()), clientIp(event))),
  );
}

export const handler = createHandler({
  subscribers: subscriberRepository,
  sms: smsSender,
  clock: systemClock,
  config,
  rateLimiter,
});
