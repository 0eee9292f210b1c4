import { config } from '../../commons/aws/config';
import { subscriberRepository } from '../../commons/aws/subscribers';
import type { Dependencies } from '../../commons/dependencies';
import { memo } from '../../commons/memo';
import { buildPhoneSchemas } from '../../domain/phone-schemas';
import { httpHandler } from '../../http/http-handler';
import { parseJsonBody } from '../../http/request';
import { json } from '../../http/responses';
import { systemClock } from '../../ports/clock';
import { confirmSubscription } from '../../use-cases/subscriptions';

/** POST /subscriptions/confirm — the code from the SMS activates the subscription. */
// Checks a code and changes the subscription: it texts nobody, so it has no SMS sender (nor its grant).
export function createHandler(deps: Pick<Dependencies, 'subscribers' | 'clock' | 'config'>) {
  const confirmation = memo(() => buildPhoneSchemas(deps.config).confirmation);
  return httpHandler(async (event) =>
    json(200, await confirmSubscription(deps, parseJsonBody(event, confirmation()))),
  );
}

export const handler = createHandler({
  subscribers: subscriberRepository,
  clock: systemClock,
  config,
});
