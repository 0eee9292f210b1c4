import { systemClock } from '../../adapters/system-clock';
import { buildPhoneSchemas } from '../../domain/phone-schemas';
import { httpHandler } from '../../http/http-handler';
import { clientIp, parseJsonBody } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { subscribe } from '../../use-cases/subscriptions';
import { config } from '../../wiring/aws/config';
import { rateLimiter } from '../../wiring/aws/rate-limiter';
import { smsSender } from '../../wiring/aws/sms';
import { subscriberRepository } from '../../wiring/aws/subscribers';
import { memo } from '../memo';

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
