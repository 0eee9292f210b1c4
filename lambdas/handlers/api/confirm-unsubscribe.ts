import { systemClock } from '../../adapters/system-clock';
import { buildPhoneSchemas } from '../../domain/phone-schemas';
import { httpHandler } from '../../http/http-handler';
import { parseJsonBody } from '../../http/request';
import { json } from '../../http/responses';
import type { Dependencies } from '../../ports/dependencies';
import { confirmUnsubscribe } from '../../use-cases/opt-out';
import { config } from '../../wiring/aws/config';
import { subscriberRepository } from '../../wiring/aws/subscribers';
import { memo } from '../memo';

/** POST /subscriptions/unsubscribe/confirm — the code from the SMS ends the subscription. */
// Checks a code and changes the subscription: it texts nobody, so it has no SMS sender (nor its grant).
export function createHandler(deps: Pick<Dependencies, 'subscribers' | 'clock' | 'config'>) {
  const confirmation = memo(() => buildPhoneSchemas(deps.config).confirmation);
  return httpHandler(async (event) =>
    json(200, await confirmUnsubscribe(deps, parseJsonBody(event, confirmation()))),
  );
}

export const handler = createHandler({
  subscribers: subscriberRepository,
  clock: systemClock,
  config,
});
