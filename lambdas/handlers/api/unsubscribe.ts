import { config } from '../../commons/aws/config';
import { rateLimiter } from '../../commons/aws/rate-limiter';
import { smsSender } from '../../commons/aws/sms';
import { subscriberRepository } from '../../commons/aws/subscribers';
import type { Dependencies } from '../../commons/dependencies';
import { memo } from '../../commons/memo';
import { buildPhoneSchemas } from '../../domain/phone-schemas';
import { httpHandler } from '../../http/http-handler';
import { clientIp, parseJsonBody } from '../../http/request';
import { json } from '../../http/responses';
import { systemClock } from '../../ports/clock';
import { requestUnsubscribe } from '../../use-cases/opt-out';

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
