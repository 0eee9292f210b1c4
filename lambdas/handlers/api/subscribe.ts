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
import { subscribe } from '../../use-cases/subscriptions';

/** POST /subscriptions — anyone subscribes a mobile number to counties; a code confirms it. */
export function createHandler(
  deps: Pick<Dependencies, 'subscribers' | 'sms' | 'clock' | 'config' | 'rateLimiter'>,
) {
  const subscription = memo(() => buildPhoneSchemas(deps.config).subscription);
  return httpHandler(async (event) =>
    json(202, await subscribe(deps, parseJsonBody(event, subscription()), clientIp(event))),
  );
}

export const handler = createHandler({
  subscribers: subscriberRepository,
  sms: smsSender,
  clock: systemClock,
  config,
  rateLimiter,
});
